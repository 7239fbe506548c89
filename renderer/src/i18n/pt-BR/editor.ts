/** O editor de perfil: seções, campos, dicas, o teste de conexão e a barra de salvar. */
import type en from '../en/editor';

const editor: typeof en = {
  titleNew: 'Adicionar um perfil',
  titleEdit: 'Editar {name}',
  loading: 'Carregando o perfil…',
  readOnly:
    'O arquivo de perfis é de uma versão mais nova do Shardwatch e está aberto só para leitura. Atualize o Shardwatch para alterar perfis.',
  demo: 'Este é o perfil Demo embutido. Ele conversa com um simulador dentro do Shardwatch.',
  copy: 'Esta é uma cópia de “{name}”, salva com as mesmas configurações e credenciais. Ela está pausada para não tomar a conexão daquele perfil. Mude o que for diferente (nome, faixa de shards), marque “Monitorar este perfil” e salve.',
  profile: {
    legend: 'Perfil',
    name: 'Nome',
    color: 'Cor',
    environment: 'Ambiente',
    enabled: 'Monitorar este perfil (manter conectado)',
  },
  gateway: {
    legend: 'Gateway',
    dialect: 'Dialeto do protocolo',
    dialects: {
      documented: {
        label: 'Protocolo documentado',
        description:
          'O protocolo como a documentação do gateway o descreve: frames JSON de texto, o ping é o tipo 3, as estatísticas de shards vão para um cliente que se registra.',
      },
      http022: {
        label: 'http-interaction 0.2.2',
        description:
          'O servidor público em Rust http-interaction 0.2.2: frames binários gzip do cliente, zlib do servidor, o ping é o tipo 2, credenciais recusadas fecham o socket sem uma palavra. O Shardwatch só manda pings e nunca se registra, então o bot mantém as suas interações; o servidor não informa estatísticas de shards.',
      },
    },
    detect: 'Detectar',
    detecting: 'Detectando…',
    detectHint:
      'Pergunta ao gateway qual dialeto ele fala, sem se registrar (usa o URL, o id do bot e as credenciais abaixo).',
    detectFailed: 'Não foi possível detectar: {message}',
    useDetected: 'Usar {dialect}',
    mode: 'Como o Shardwatch observa o gateway',
    modes: {
      'ping-only': {
        label: 'Só ping',
        consequence:
          'Mede latência e vida e não toca em nada: o gateway nunca encaminha nada ao Shardwatch. Sem estatísticas de shards.',
      },
      register: {
        label: 'Registrar',
        consequence:
          'Registra-se como cliente do bot para receber estatísticas de shards. O gateway pode então encaminhar as interações do bot (comandos de barra, botões) ao Shardwatch em vez do bot, até o bot se registrar de novo. Escolha só para um gateway que copia as estatísticas para todo cliente registrado, ou um que você roda para testes.',
      },
    },
    neverRegisters:
      'O Shardwatch só manda pings a um gateway http-interaction 0.2.2 e nunca se registra: esse servidor envia toda interação do bot para a conexão que se registrou por último, então registrar-se tomaria os comandos de barra e botões do bot.',
    pingsMean:
      'Pings respondidos significam: o gateway está vivo e o bot se registrou em algum momento desde que o gateway iniciou.',
    url: 'URL do gateway',
    urlHint: 'ws://host:porta/caminho ou wss://host:porta/caminho',
    insecureTitle: 'Conexão sem criptografia.',
    insecure:
      'Este URL usa ws://, então a chave pública e o segredo viajam em claro até {host}. Use wss:// se o servidor aceitar.',
    theServer: 'o servidor',
    insecureAck: 'Entendo; enviar as credenciais sem criptografia para este host',
    botId: 'Id da aplicação do bot',
    botIdHint: 'Só dígitos, do Discord Developer Portal.',
    shardIn: 'Shard in',
    shardInHint: 'O shard em nome do qual esta conexão fala; 0 = o mestre.',
    shardTotal: 'Total de shards',
    shardTotalHint: 'Usado até o gateway informar quantos shards o bot tem.',
    flags: 'Flags',
    flag: {
      ENCODE_ZLIB: {
        label: 'Servidor comprime (zlib)',
        description: 'O servidor comprime o que envia.',
      },
      DECODE_ZLIB: {
        label: 'Servidor descomprime (zlib)',
        description: 'O servidor descomprime o que recebe.',
      },
      SEND_BINARY: { label: 'Frames binários', description: 'O servidor envia frames binários.' },
      SHARD_MODE: {
        label: 'Modo shard',
        description: 'Libera recursos para o desenvolvimento de shards.',
      },
    },
    rawFlags: 'Valor bruto das flags',
    rawFlagsHint: 'O conjunto de bits inteiro como número; bits sem nome são mantidos.',
    rawFlagsUnnamed: 'Inclui bits sem nome ({bits}); eles são mantidos como informados.',
  },
  credentials: {
    legend: 'Credenciais',
    hint: 'Só escrita: depois de salvas, o Shardwatch nunca as mostra de novo. Deixe-as fechadas para manter os valores guardados.',
    addressMoved:
      'O endereço do gateway mudou: informe a chave pública e o segredo de novo. Os guardados só são enviados para {address}, o endereço para o qual foram salvos.',
    publicKey: 'Chave pública',
    publicKeyHint: 'A chave pública da aplicação (Developer Portal → General Information).',
    secret: 'Segredo',
    secretHint: 'O segredo compartilhado do gateway, enviado no cabeçalho Secret ao conectar.',
  },
  timing: {
    legend: 'Tempos da conexão',
    pingInterval: 'Ping a cada (ms)',
    pingTimeout: 'Ping conta como perdido depois de (ms)',
    lostPingsToDead: 'Pings perdidos antes de reconectar',
    maxFrame: 'Maior frame (MiB)',
    maxFrameHint:
      'Frames maiores vindos do gateway são recusados. Um snapshot de 50.000 shards em texto tem cerca de 9 MiB.',
  },
  alerts: {
    legend: 'Alertas',
    hint: 'Os limites de alerta são definidos por perfil, aqui.',
    connectionLost: 'Conexão perdida',
    credentialsRefused: 'Credenciais recusadas',
    shardsDown: 'Shards fora do ar',
    missingShards: 'Shards ausentes dos relatórios',
    silentStall: 'Travamento silencioso (contadores parados)',
    waitingForBot: 'Bot ainda não registrado',
    includeDevShards: 'Incluir shards de desenvolvimento',
    latencyP95: 'Latência p95 acima de (ms, 0 = desligado)',
    loss: 'Perda acima de (%, 0 = desligado)',
    waitingAfter: 'Alertar quando o bot não estiver registrado por (minutos)',
    waitingAfterHint:
      'O gateway aceitou as credenciais, mas não responde aos pings: o bot não se registrou nele desde que ele iniciou.',
    raiseAfter: 'Disparar depois de N amostras ruins',
    clearAfter: 'Encerrar depois de N amostras boas',
    quiet: 'Horário de silêncio',
    quietEnabled: 'Reter notificações durante o horário de silêncio',
    from: 'De',
    until: 'Até',
    timeZone: 'Fuso horário',
    timeZoneHint: 'Os horários estão em {zone}; agora são {time} lá.',
    escalateFraction: 'Avisar mesmo assim quando esta fração dos shards estiver fora do ar (0–1)',
    escalateAfter: '…ou quando um incidente ficar aberto por (minutos)',
  },
  test: {
    title: 'Testar conexão',
    hint: 'Conecta com os valores deste formulário, manda um ping e relata cada passo. Nada é salvo, e o teste nunca se registra, seja qual for o modo.',
    run: 'Testar conexão',
    running: 'Testando…',
    fixFirst: 'Corrija primeiro os campos marcados com ✕; o teste usa o formulário como está.',
    failedToRun: 'Não foi possível rodar o teste: {message}',
    waiting: 'O gateway aceitou a conexão, mas nenhum ping foi respondido.',
    ok: '✓ O gateway aceitou a conexão.',
    failed: '✕ O teste falhou.',
    col: { step: 'Passo', result: 'Resultado', time: 'Tempo', detail: 'Detalhe' },
    steps: {
      reach: 'Alcançar o servidor',
      upgrade: 'Upgrade para WebSocket',
      hello: 'Hello do servidor',
      auth: 'Credenciais aceitas',
      ready: 'Registro (READY)',
      'first-ping': 'Primeiro ping respondido',
    },
    passed: '✓ passou',
    stepFailed: '✕ falhou',
    skipped: '– pulado',
    onlyPings:
      'O teste só manda pings, seja qual for o modo: registrar-se poderia tomar as interações do bot.',
  },
  save: {
    add: 'Adicionar perfil',
    save: 'Salvar alterações',
    saving: 'Salvando…',
    delete: 'Excluir perfil',
    fixFields: 'Nada foi salvo. Corrija os campos marcados com ✕ acima e salve de novo.',
    failed: 'Nada foi salvo: {message}',
    problems: 'Nada foi salvo. O Shardwatch encontrou problemas nos campos marcados com ✕ acima.',
  },
};
export default editor;
