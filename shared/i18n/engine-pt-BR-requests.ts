/**
 * The engine's answers to failed requests in Brazilian Portuguese, typed
 * against `engine-en-requests.ts`.
 */
import type { requestEn } from './engine-en-requests';

export const requestPtBR: typeof requestEn = {
  gone: {
    profile: 'Esse perfil não existe mais. Talvez tenha sido excluído em outra janela.',
    incident: 'Esse incidente não existe mais. Talvez tenha sido excluído em outra janela.',
    channel: 'Esse canal não existe mais. Talvez tenha sido excluído em outra janela.',
  },
  noChannel:
    'A requisição não nomeia nenhum canal (veio {got} onde deveria estar o nome de uma requisição). Atualize o Shardwatch ou recarregue a janela.',
  got: {
    null: 'nulo',
    list: 'uma lista',
    object: 'um objeto',
    other: 'um valor do tipo {type}',
  },
  unknownChannel:
    'Requisição desconhecida "{channel}". Atualize o Shardwatch ou recarregue a janela.',
  invalid: 'A requisição não era válida: {why}.',
  internal: 'Algo deu errado dentro do Shardwatch. Os detalhes estão no log; tente de novo.',
  reportIncidentGone: 'Esse incidente não está mais guardado, então não há nada para exportar.',
  reportProfileGone:
    'O perfil desse incidente foi excluído, e o histórico dele junto; não há nada para exportar.',
  testNeedsTarget: 'Escolha um perfil ou preencha o formulário antes de testar.',
  testNeedsSecrets: 'Informe a chave pública e o segredo compartilhado para testar a conexão.',
  enterPublicKey: 'Informe a chave pública.',
  enterSecret: 'Informe o segredo compartilhado.',
  monitoringPaused:
    'Todo o monitoramento está pausado. Escolha "Retomar monitoramento" no topo para conectar de novo.',
  secretsUnavailable:
    'Não é possível guardar segredos agora: {description} O armazenamento de segredos não está disponível.',
  secretStorageDesktopOnly:
    'Escolher como os segredos são guardados só é possível no aplicativo para desktop.',
  noticeGone: 'Esse aviso já foi dispensado, talvez em outra janela.',
  storeClosed: 'O armazenamento de perfis está fechado.',
  orderIncomplete: 'A nova ordem precisa listar cada perfil exatamente uma vez.',
  orderChanged:
    'A lista de perfis mudou nesse meio-tempo (um foi adicionado ou removido); confira de novo e tente outra vez.',
  demoExists: 'Já existe um perfil de demonstração.',
  passphraseShort: 'Escolha uma senha de pelo menos {min} caracteres.',
  passphraseField: 'Pelo menos {min} caracteres.',
  channelUnreadable:
    'O endereço de "{name}" não pode ser lido nesta máquina; informe-o de novo e então exporte.',
  shuttingDown: 'O Shardwatch está encerrando.',
  simulator: {
    disabled:
      'Este Shardwatch foi iniciado sem o seu simulador embutido (--no-demo), então não pode adicionar um. Rode "npx shardwatch sim" e adicione um perfil para o endereço que ele mostra.',
    readOnly:
      'O arquivo de perfis está aberto só para leitura; atualize o Shardwatch para adicionar perfis.',
    couldNotStart:
      'O simulador não pôde iniciar. Os detalhes estão no log; tente de novo em instantes.',
    profileName: 'Simulador local',
    profileNameNth: 'Simulador local {n}',
  },
  demo: {
    disabled:
      'Este Shardwatch roda sem o seu gateway de demonstração (foi iniciado com --no-demo), então o perfil Demo não pode ser adicionado. Inicie o Shardwatch sem --no-demo para tê-lo de volta.',
    readOnly:
      'O arquivo de perfis está aberto só para leitura (foi gravado por um Shardwatch mais novo), então o perfil Demo não pode ser adicionado. Atualize o Shardwatch para alterar perfis.',
    present: 'O perfil Demo já está na sua lista (como "{name}"); abra a Visão geral para vê-lo.',
    presentNow: 'O perfil Demo já está na sua lista.',
    couldNotStart:
      'O gateway de demonstração não pôde iniciar. Os detalhes estão no log; tente de novo em instantes.',
    marker:
      'Não foi possível remover {file} ({code}), que mantém o Demo afastado. Verifique se o seu usuário pode gravar em {dir} e tente de novo.',
  },
};
