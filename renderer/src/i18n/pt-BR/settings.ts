/** Configurações: aparência e idioma, desktop, alertas, segredos, o Demo, exportar e importar. */
import type en from '../en/settings';

const settings: typeof en = {
  title: 'Configurações',
  loading: 'Carregando as configurações…',
  notSaved: 'Não salvo: {message}',
  saved: '✓ Salvo',
  appearance: 'Aparência',
  theme: 'Tema',
  themes: { system: 'Igual ao sistema', light: 'Claro', dark: 'Escuro' },
  language: 'Idioma',
  languages: {
    system: 'Igual ao sistema ({name})',
    en: 'English',
    'pt-BR': 'Português (Brasil)',
  },
  desktop: 'Desktop',
  desktopNote:
    'Estas opções valem só para o app de desktop. Você está usando o Shardwatch em um navegador (shardwatch serve), então elas não podem ser alteradas aqui.',
  launchAtLogin: 'Abrir o Shardwatch quando eu entrar no sistema',
  startHidden: 'Abrir escondido na bandeja',
  alerts: 'Alertas e registros',
  sound: 'Tocar um som com as notificações',
  thresholdsHint:
    'Os limites de alerta (latência, perda, quantas amostras ruins disparam um alerta, horário de silêncio) são definidos por perfil, no editor de cada perfil.',
  frameLog: 'Frames brutos guardados por perfil (log de depuração)',
  frameLogHint: 'De 10 a 10000 frames.',
  frameLogBad: 'Informe um número inteiro de frames de 10 a 10000.',
  secrets: {
    title: 'Como os segredos são guardados nesta máquina',
    weak: 'Proteção fraca:',
    weakText:
      'qualquer pessoa que consiga ler seus arquivos de usuário pode recuperar as chaves públicas e os segredos guardados.',
    strong: '✓ Criptografados.',
    storage: 'Armazenamento:',
    sessionOnly: 'Guardar os segredos só nesta sessão',
    storeWeak: 'Guardá-los com proteção fraca',
    failed: 'Não foi possível mudar como os segredos são guardados: {message}',
  },
  demo: {
    title: 'Perfil Demo',
    intro:
      'O perfil Demo conversa com um simulador de gateway dentro do Shardwatch, para você ver latência e shards ao vivo sem um gateway real.',
    present:
      'Ele está na sua visão geral como “{name}”. Exclua-o quando não precisar mais; você pode trazê-lo de volta aqui.',
    absent: 'Ele não está entre seus perfis agora. Traga-o de volta quando quiser.',
    restore: 'Trazer o perfil Demo de volta',
    restoring: 'Trazendo o Demo de volta…',
    failed: 'Não foi possível trazer o Demo de volta: {message}',
    back: '✓ O perfil Demo voltou.',
    openOverview: 'Abrir a visão geral',
  },
  export: {
    title: 'Exportar perfis',
    withSecrets: 'Incluir chaves públicas e segredos',
    hint: 'Sem segredos, o arquivo pode ser compartilhado; quem importar informa as credenciais de novo. Com segredos, eles são lacrados com uma frase secreta escolhida por você.',
    passphrase: 'Frase secreta',
    passphrase2: 'Frase secreta de novo',
    button: 'Exportar para um arquivo',
    busy: 'Exportando…',
    short:
      'Escolha uma frase secreta de pelo menos 8 caracteres; os segredos do arquivo são lacrados com ela.',
    differ: 'As duas frases secretas são diferentes; digite a mesma frase duas vezes.',
    failed: 'Nada foi exportado: {message}',
    done: '✓ {file} foi salvo nos seus downloads.',
  },
  import: {
    title: 'Importar perfis',
    file: 'Arquivo exportado',
    passphrase: 'Frase secreta (só se o arquivo incluir segredos)',
    button: 'Importar',
    busy: 'Importando…',
    noFile: 'Escolha um arquivo exportado primeiro.',
    tooBig: 'Este arquivo tem mais de 10 MB; não é uma exportação do Shardwatch.',
    unreadable: 'Não foi possível ler o arquivo ({message}).',
    failed: 'Nada foi importado: {message}',
    done: '✓ Nenhum perfil importado | ✓ {n} perfil importado | ✓ {n} perfis importados',
    withSecrets: 'com as credenciais.',
    withoutSecrets: 'sem credenciais; informe-as em cada perfil.',
    skipped: 'Já estão aqui (os mesmos perfis), então foram ignorados: {names}.',
    asCopies: 'Importá-los como cópias',
  },
};
export default settings;
