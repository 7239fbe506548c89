/**
 * The engine's notices and store errors in Brazilian Portuguese, typed against
 * `engine-en-stores.ts`.
 */
import type { noticeEn, storeEn, transferEn } from './engine-en-stores';

export const noticePtBR: typeof noticeEn = {
  profilesNotOpened: 'não foi possível abri-lo: {code}',
  profilesUnreadable: 'Não foi possível ler o seu arquivo de perfis ({reason}). {then}',
  profilesStuck:
    'Não foi possível ler o seu arquivo de perfis {file} nem movê-lo para o lado ({code}), então o Shardwatch não vai salvar alterações até que ele seja corrigido ou removido.',
  profilesRestored:
    'Não foi possível ler o seu arquivo de perfis ({reason}). Ele foi movido para {movedTo}, e o Shardwatch restaurou a última versão boa, salva em {savedAt} (de {backup}). Alterações feitas depois disso não estão nela; confira seus perfis.',
  profilesMovedNoBackup:
    'Não foi possível ler o seu arquivo de perfis ({reason}). Ele foi movido para {movedTo}; o Shardwatch começou sem perfis e não encontrou nenhuma cópia boa. {secrets}',
  movedSecretsSession:
    'Os segredos dele eram guardados só por uma sessão; digite-os de novo quando adicionar os perfis de volta.',
  movedSecretsWaiting:
    'Os segredos dele continuam cifrados; podem ser lidos de novo quando o armazenamento de segredos funcionar e o arquivo for consertado.',
  movedSecretsKept:
    'Os segredos dele continuam cifrados com a chave deste computador, então nada se perde se o arquivo puder ser consertado: corrija-o (é texto JSON) e coloque-o de volta como seu arquivo de perfis com o Shardwatch fechado, ou importe uma exportação.',
  profilesNewer:
    'O seu arquivo de perfis foi gravado por uma versão mais nova do Shardwatch (esquema {version}; esta versão conhece o {known}). Ele está aberto só para leitura para que esta versão não o estrague; atualize o Shardwatch para fazer alterações.',
  profilesProblems: '{shown}',
  profilesProblemsMore: '{shown} e mais {more}',
  profilesPartsStuck:
    'Partes do seu arquivo de perfis não puderam ser lidas e não foi possível salvar uma cópia ({code}), então o Shardwatch não vai salvar alterações que as descartariam.',
  profilesPartsStuckProblems: '{then} Problemas: {problems}.',
  profilesPartsLeftOut:
    'Partes do seu arquivo de perfis não puderam ser lidas e ficaram de fora ({problems}). Uma cópia do arquivo original foi salva em {copy}.',
  closeHintTitle: 'O Shardwatch continua em execução',
  closeHint:
    'O Shardwatch continua vigiando seus gateways pela bandeja. Use Sair no menu da bandeja para encerrá-lo.',
  startFailed: 'O Shardwatch não conseguiu iniciar o monitoramento. Os detalhes estão no log.',
  channelsMoved:
    'Não foi possível ler os canais de notificação ({reason}). O arquivo foi movido para {movedTo}; adicione seus canais de novo.',
  channelsStuck:
    'Não foi possível ler os canais de notificação ({reason}). Corrija ou remova {file} e reinicie o Shardwatch.',
  maintenanceMoved:
    'Não foi possível ler as janelas de manutenção ({reason}); o arquivo foi movido para {movedTo}. Adicione suas janelas de novo.',
  maintenanceStuck: 'Não foi possível ler as janelas de manutenção ({reason}).',
  queueMoved:
    'Não foi possível ler a fila de mensagens de alerta não entregues ({reason}); ela foi movida para {movedTo}. As mensagens que esperavam nela se perderam; novos alertas são entregues normalmente.',
  queueStuck:
    'Não foi possível ler a fila de mensagens de alerta não entregues ({reason}). As mensagens que esperavam nela se perderam; novos alertas são entregues normalmente.',
  queueNotSaved:
    'Não foi possível gravar no disco as mensagens de alerta não entregues: {reason}. Elas ficam guardadas na memória.',
  queueDroppedOne:
    'Mensagens de alerta estão se acumulando porque o receptor de um canal não as aceita: {count} mensagem foi descartada até agora, a mais antiga primeiro (a fila comporta {max}). Confira o registro de entregas em Configurações.',
  queueDroppedMany:
    'Mensagens de alerta estão se acumulando porque o receptor de um canal não as aceita: {count} mensagens foram descartadas até agora, as mais antigas primeiro (a fila comporta {max}). Confira o registro de entregas em Configurações.',
  dismissedStuck:
    'Não foi possível ler a lista de avisos que você dispensou ({reason}) nem movê-la para o lado ({code}). Avisos dispensados podem voltar a aparecer após reiniciar, até que {file} seja corrigido ou removido.',
  dismissedMoved:
    'Não foi possível ler a lista de avisos que você dispensou ({reason}). Ela foi movida para {movedTo}; avisos dispensados antes podem voltar a aparecer. Dispense-os de novo para escondê-los de vez.',
  secretStorageChanged:
    'O armazenamento de segredos do sistema mudou (de {from} para {to}). Os segredos gravados antes não podem ser lidos com ele: digite-os de novo nos perfis marcados com "digitar de novo".',
  noKeychain:
    'Nenhum chaveiro do sistema foi encontrado neste computador (o Electron informa "basic_text"), então os segredos não podem ser guardados com segurança. Abra Configurações para escolher: manter os segredos só nesta sessão ou guardá-los com proteção fraca. Até lá, eles ficam só nesta sessão.',
  keychainLocked:
    '{keychain} não está disponível agora, então os segredos ficam só nesta sessão. Desbloqueie-o e reinicie o Shardwatch para guardá-los.',
  unknownKeychain:
    'O Shardwatch não sabe como este computador protege segredos ({backend}), então os segredos ficam só nesta sessão.',
  choseWeak:
    'Os segredos que você gravar a partir de agora ficam com proteção fraca (uma chave fixa). Segredos digitados antes nesta sessão continuam só na sessão até você digitá-los de novo.',
  choseSession:
    'Os segredos agora ficam só nesta sessão. Segredos guardados antes com proteção fraca continuam no arquivo de perfis até você digitá-los de novo ou apagá-los.',
};

export const storePtBR: typeof storeEn = {
  notSaved: 'Não foi salvo: {reason}.',
  notSavedCheckFolder: 'Não foi salvo: {reason}. Verifique se o seu usuário pode gravar em {dir}.',
  profilesNotSaved:
    'Não foi possível salvar seus perfis em {file} ({code}); a última alteração não foi salva.',
  dismissNotSaved:
    'O Shardwatch não conseguiu guardar que você dispensou este aviso: {reason}. Verifique se o seu usuário pode gravar em {dir} e dispense-o de novo.',
  fieldsNeedAttention: 'Alguns campos precisam de atenção.',
  addressChanged:
    'O endereço do gateway mudou: digite de novo a chave pública e o segredo compartilhado (os segredos guardados só são enviados para o endereço para o qual foram salvos)',
  completeBeforeEnabling: 'Complete este perfil antes de ativá-lo',
  copyName: '{name} (cópia)',
  copyNameNth: '{name} (cópia {n})',
  channelSecretsUnavailable:
    'Não é possível cifrar segredos nesta máquina agora, então o canal não foi salvo.',
  channelAlreadyDeleted: 'Esse canal já foi excluído, talvez em outra janela.',
  tooManyChannels: 'O Shardwatch guarda no máximo {max} canais; exclua um antes.',
  importTooManyChannels:
    'O Shardwatch guarda no máximo {max} canais; esta importação passaria desse limite.',
  windowGone: 'Essa janela de manutenção não existe mais.',
  windowAlreadyDeleted: 'Essa janela de manutenção já foi excluída.',
  tooManyWindows: 'O Shardwatch guarda no máximo {max} janelas; exclua as antigas antes.',
};

export const transferPtBR: typeof transferEn = {
  notJson:
    'Este arquivo não é JSON válido (pode estar truncado ou não ser uma exportação do Shardwatch). Nada foi importado.',
  notExport: 'Isto não é uma exportação de perfis do Shardwatch. Nada foi importado.',
  noVersion: 'O arquivo exportado não tem um número de versão válido. Nada foi importado.',
  newer:
    'Esta exportação foi feita por um Shardwatch mais novo (versão de formato {version}); atualize o Shardwatch para importá-la. Nada foi importado.',
  noProfiles: 'O arquivo exportado não tem uma lista de perfis. Nada foi importado.',
  tooMany: 'O arquivo exportado tem mais de {max} perfis. Nada foi importado.',
  damaged: 'O arquivo exportado está danificado: {detail}. Nada foi importado.',
  unknownCipher:
    'O arquivo exportado usa uma cifra que esta versão não conhece. Nada foi importado.',
  unsafeKdf:
    'O arquivo exportado pede parâmetros de derivação de chave fora da faixa segura. Nada foi importado.',
  secretsDamaged:
    'Os segredos cifrados do arquivo exportado estão danificados. Nada foi importado.',
  needsPassphrase: 'Esta exportação tem segredos cifrados; digite a senha usada ao exportá-la.',
  enterPassphrase: 'Digite a senha usada ao exportar.',
  wrongPassphrase:
    'A senha está errada, ou o arquivo foi alterado depois da exportação. Nada foi importado.',
  passphraseDoesNotOpen: 'Esta senha não abre os segredos deste arquivo.',
  secretsMismatch:
    'Os segredos cifrados não correspondem aos perfis do arquivo. Nada foi importado.',
  addressChanged:
    'O endereço de "{name}" neste arquivo ({now}) não é aquele para o qual os segredos foram exportados ({savedFor}). Segredos só são enviados ao endereço para o qual foram salvos, então nada foi importado. Importe o arquivo como foi exportado (e mude o endereço depois, digitando os segredos de novo), ou importe uma exportação feita sem segredos e digite-os em cada perfil.',
  unknown: 'desconhecido',
  shortPassphrase:
    'Escolha uma senha de pelo menos {min} caracteres; ela protege os segredos do arquivo.',
  profileInvalid:
    'O perfil "{name}" do arquivo não é válido ({field}: {message}) Nada foi importado.',
};
