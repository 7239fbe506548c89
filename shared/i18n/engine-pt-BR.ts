/**
 * The engine's own sentences in Brazilian Portuguese, typed against the
 * English catalogue (`engine-en.ts`): a missing or extra key fails the
 * typecheck.
 */
import type { EngineCatalogue } from './engine-en';
import { analyticsPtBR, reportPtBR, timelineKindPtBR } from './engine-pt-BR-analytics';
import { cliPtBR } from './engine-pt-BR-cli';
import { requestPtBR } from './engine-pt-BR-requests';
import { noticePtBR, storePtBR, transferPtBR } from './engine-pt-BR-stores';
import { dataFolderPtBR, diskPtBR, secretsPtBR } from './engine-pt-BR-storage';
import { servePagePtBR } from './engine-pt-BR-serve';
import { checkPtBR, profilesFilePtBR } from './engine-pt-BR-checks';
import { optionsPtBR } from './engine-pt-BR-options';
import { framePtBR } from './engine-pt-BR-frame';
import { cliOutPtBR } from './engine-pt-BR-cli-output';

const enginePtBR: EngineCatalogue = {
  state: {
    idle: 'Não conectado',
    connecting: 'Conectando',
    handshaking: 'Negociando',
    registering: 'Registrando',
    waiting: 'Esperando o bot',
    ready: 'Conectado',
    unanswered: 'Sem resposta aos pings',
    reconnecting: 'Reconectando',
    'auth-refused': 'Credenciais recusadas',
    'secrets-unreadable': 'Segredos ilegíveis',
    failed: 'Falhou',
    closed: 'Desconectado',
    'closed-by-server': 'Fechado pelo servidor',
    paused: 'Pausado',
    none: 'Sem status ainda',
  },
  connection: {
    workerSilent: 'ela não enviou nada por {seconds} s',
    workerExited: 'ela terminou com o código {code}',
    deadLost: 'Nenhuma resposta a {count} pings seguidos; a conexão é considerada morta.',
    deadUnmatched:
      '{count} respostas de ping seguidas chegaram enquanto um ping anterior ainda estava sem resposta, então não podem ser associadas aos seus pings; reconectando para medir de novo.',
    answeredAfterLosses:
      'O gateway respondeu depois de pings anteriores ficarem sem resposta; reconectando para medir numa conexão limpa (as respostas não trazem número, então esta não pode ser associada ao seu ping).',
    workerEnded: 'outra conexão na mesma thread parou de responder, então a thread foi encerrada',
    workerStopped:
      'A thread de trabalho da conexão parou ({why}); a conexão é aberta de novo em uma nova.',
    credentialsRefused: 'O gateway recusou as credenciais (id do bot, segredo ou chave pública).',
    refusedNoRetry:
      'Confira-as no perfil; o Shardwatch não tenta de novo até você alterá-las ou clicar em Reconectar.',
    droppedBeforeAnswer:
      'O gateway derrubou a conexão antes de responder (pode ter travado ou estar mal configurado).',
    waitingForBot:
      'Aguardando o bot se registrar neste gateway: o gateway aceitou as credenciais, mas só responde aos pings depois que o bot se registrar desde que o gateway iniciou.',
    pingsAnsweredMeaning:
      'O gateway está no ar e o bot se registrou em algum momento desde que o gateway iniciou.',
    pingOnlyNoStats:
      'Só ping: o Shardwatch não se registra, então o gateway não envia estatísticas dos shards.',
    frameTooLarge: 'frame grande demais ({bytes} bytes, limite {limit})',
    frameTooLargeOver: 'frame grande demais (mais de {bytes} bytes, limite {limit})',
    throttledFrames:
      'O gateway enviou mais de {limit} frames em um segundo; os frames dele são descartados sem leitura até o fim do segundo, para que não atrase os outros perfis.',
    throttledBytes:
      'O gateway enviou mais de {limit} bytes em um segundo; os frames dele são descartados sem leitura até o fim do segundo, para que não atrase os outros perfis.',
    throttledPingAnswers:
      'O gateway enviou mais de {limit} respostas de ping em um segundo, muito mais do que foi pedido; os frames dele são descartados sem leitura até o fim do segundo.',
    httpRefusal: 'O gateway recusou o upgrade para WebSocket com HTTP {status}.',
    httpRefusalSaid: 'O gateway recusou o upgrade para WebSocket com HTTP {status}: {message}',
    fixAndReconnect: 'Corrija o perfil e clique em Reconectar.',
    dialectName: {
      documented: 'um gateway do protocolo documentado',
      http022: 'um gateway http-interaction 0.2.2',
    },
    looksLike: 'Isto parece {gateway}: {how}',
    chooseDialect: 'escolha o dialeto "{dialect}" no perfil, ou clique em Detectar lá.',
    unreachable: 'Não foi possível alcançar {url}: {why} ({code}).',
    unreachableWhy: {
      ECONNREFUSED: 'conexão recusada (o gateway está rodando nessa porta?)',
      ENOTFOUND: 'nome de host não encontrado',
      EAI_AGAIN: 'a consulta do nome de host falhou por enquanto',
      EHOSTUNREACH: 'host inalcançável',
      ENETUNREACH: 'rede inalcançável',
      ETIMEDOUT: 'tempo de conexão esgotado',
      ECONNRESET: 'conexão reiniciada antes de o upgrade terminar',
    },
    closedWithCode: 'fechada com o código {code}',
    couldNotConnect: 'Não foi possível conectar a {url}: {why}.',
    sentTooLarge: 'O gateway enviou um {frame}.',
    registerAnswerUnreadable:
      'Não foi possível ler a resposta do gateway ao pedido de registro: {what}',
    closedAfterTooLarge: '{what} A conexão foi fechada.',
    bareCloseLike022:
      'O gateway fechou a conexão sem código de status logo após o upgrade, do jeito que um gateway http-interaction 0.2.2 recusa credenciais. {advice}',
    broke: 'A conexão caiu: {why}.',
    serverClosed: 'O gateway fechou a conexão (código {code}).',
    serverClosedReason: 'O gateway fechou a conexão (código {code}, "{reason}").',
    serverSaid: 'Ele disse: "{message}".',
    noUpgradeAnswer: 'Nenhuma resposta ao upgrade para WebSocket de {url} em {seconds} s.',
    noHello: 'Conectado, mas o gateway não enviou HELLO em {seconds} s.',
    noRegisterAnswer: 'O gateway não respondeu ao pedido de registro em {seconds} s.',
    connecting: 'Conectando a {url}…',
    waitingHello: 'Conectado; aguardando o HELLO do gateway.',
    waitingFirstPing: 'Conectado; aguardando a resposta ao primeiro ping.',
    registering: 'Registrando no gateway…',
    registered: 'Registrado no gateway ({event}).',
    helloFraming:
      'O gateway enviou o HELLO como {framing}, o que um gateway {dialect} nunca faz. {advice}',
    retrying: '{what} Nova tentativa em {seconds} s.',
    stoppedByUser: 'Parado pelo usuário.',
    noPublicKey: 'Este perfil não tem chave pública. Edite o perfil e digite-a.',
    noSecret: 'Este perfil não tem segredo compartilhado. Edite o perfil e digite-o.',
    noKeyOrSecret:
      'Este perfil não tem chave pública nem segredo compartilhado. Edite o perfil e digite-os.',
    invalidSettings: 'As configurações do perfil não são válidas.',
    pausedAll: 'Todo o monitoramento está pausado.',
    pausedProfile: 'Este perfil está pausado.',
    offline: 'Este computador está offline; os pings voltam quando a rede voltar.',
  },
  detect: {
    accepted022Waiting:
      'Este é um gateway http-interaction 0.2.2, e ele aceitou as credenciais. {waiting}',
    accepted022Registered:
      'Este é um gateway http-interaction 0.2.2; ele aceitou as credenciais e respondeu a um ping, então o bot se registrou nele desde que ele iniciou.',
    documentedRefused: 'Isto parece um gateway do protocolo documentado. {refused}',
    documentedHello:
      'Este é um gateway do protocolo documentado: o HELLO veio num frame de texto, o que um servidor http-interaction 0.2.2 nunca envia.',
    unknown:
      'O gateway respondeu, mas não de um jeito que distinga o dialeto. Escolha o dialeto à mão.',
    closed022:
      'Este é um gateway http-interaction 0.2.2, mas ele fechou a conexão depois do HELLO.',
    refused022: 'Isto parece um gateway http-interaction 0.2.2. {refused}',
    notDetected: '{what} Não foi possível detectar o dialeto.',
    httpBody022:
      '{what} O corpo do erro é o que um servidor http-interaction 0.2.2 envia (o caminho é /gateway?).',
    noHello:
      'Isto parece um gateway do protocolo documentado: aceitou o upgrade e não enviou HELLO em {seconds} s, enquanto um servidor http-interaction 0.2.2 sempre envia um na hora.',
    couldNotStart: 'Não foi possível iniciar uma conexão com {url}: {why}',
    evidence: {
      zlibHello022:
        'O HELLO veio como um frame binário comprimido com zlib, com o envelope de mensagem da 0.2.2.',
      pingUnanswered: 'Um ping (tipo 2, gzip) ficou sem resposta por {seconds} s.',
      refusedDocumented:
        'Ele recusou a identificação com GATEWAY_NO_IDENTIFIED, um evento do protocolo documentado.',
      helloFraming: 'O HELLO veio como um frame {encoding}.',
      firstFrame: 'O primeiro frame foi um frame {encoding} com o evento {event}.',
      frameType: 'tipo {type}',
      bareClose:
        'Logo após o upgrade, ele enviou um frame de fechamento sem código de status (1005) e sem mensagem: é assim que o servidor 0.2.2 recusa credenciais.',
      closedWithCode: 'A conexão foi fechada com o código {code}.',
      noUpgrade: 'Nenhum upgrade de WebSocket.',
      upgradeAccepted: 'O upgrade foi aceito.',
      noHello: 'Nenhum HELLO chegou.',
      httpInstead: 'HTTP {status} em vez do upgrade de WebSocket.',
    },
  },
  test: {
    readyNotSent:
      'não enviado: um teste nunca registra (um perfil no modo registrar registra quando passa a monitorar)',
    readyNever: 'não enviado: o Shardwatch nunca registra com este dialeto',
    noAnswer: 'Nenhuma resposta em {seconds} s.',
    notReached: 'não alcançado',
    skipped: 'pulado',
    noHelloInDialect: 'este dialeto não exige HELLO',
    invalidSettings: 'configurações inválidas',
    settingsNotValid: 'As configurações não são válidas.',
    tcpOpened: 'conexão TCP aberta',
    upgradeAccepted: 'upgrade de WebSocket aceito',
    ended: 'Conexão encerrada ({state}).',
    hello: 'HELLO recebido',
    helloShards: 'HELLO, starting_shards {count}',
    acceptedHello: 'credenciais aceitas (o gateway enviou HELLO)',
    acceptedPing: 'credenciais aceitas (o gateway respondeu a um ping)',
    firstPingLost: 'o primeiro ping não teve resposta a tempo',
    firstPingUnanswered: 'O gateway não respondeu ao primeiro ping.',
    rtt: 'RTT de {ms} ms',
  },
  incident: {
    credentialsRefused: {
      title: 'credenciais recusadas',
      happenedAt: 'Aconteceu às {time}',
    },
    unstable: {
      title: 'conexão com o gateway instável',
      dropped: 'A conexão com o gateway caiu {losses} vezes em {window}',
      lastTime: 'Última vez: {detail}',
      staysOpen:
        'Este alerta fica aberto até a conexão se manter por {window}, para que cada queda não alerte de novo; verifique no host do gateway reinícios, travamentos ou problemas de rede',
    },
    lost: {
      title: 'conexão com o gateway perdida',
      downSince: 'A conexão com o gateway está fora desde {time} ({state})',
      noConnection: 'sem conexão',
      keepsRetrying:
        'O Shardwatch continua tentando; verifique se o gateway está rodando e acessível',
    },
    flapping: {
      titleOne: 'shard {id} oscilando',
      titleMany: '{count} shards oscilando',
      bodyOne:
        '{shards} fica desconectando e reconectando ({threshold}+ vezes em {window}). Os alertas de queda individuais ficam retidos até estabilizar; verifique reinícios no processo do bot e no host dele.',
      bodyMany:
        '{shards} ficam desconectando e reconectando ({threshold}+ vezes em {window}). Os alertas de queda individuais ficam retidos até estabilizarem; verifique reinícios no processo do bot e no host dele.',
    },
    down: {
      title: '{count} de {total} shards fora do ar',
      listedOne: '{shards} está desconectado desde {time}.',
      listedMany: '{shards} estão desconectados desde {time}.',
      openToSee: 'Abra o perfil para ver quais.',
    },
    stalled: {
      titleOne: 'shard {id} travado',
      titleMany: '{count} shards travados',
      bodyOne:
        '{shards} está conectado, mas os contadores de mensagens pararam. O processo do shard pode estar travado; considere reiniciá-lo.',
      bodyMany:
        '{shards} estão conectados, mas os contadores de mensagens pararam. O processo dos shards pode estar travado; considere reiniciá-lo.',
    },
    missing: {
      title: '{count} de {total} shards sem reportar',
      bodyOne:
        '{shards} nunca se reportou ao gateway. Verifique se todos os processos de shard estão rodando e se o shard_total confere.',
      bodyMany:
        '{shards} nunca se reportaram ao gateway. Verifique se todos os processos de shard estão rodando e se o shard_total confere.',
    },
    latency: {
      title: 'p95 do ping {p95} (limite {limit})',
      body: 'Os pings do gateway estão lentos: p95 de {p95} no último minuto, acima do limite de {limit}. Verifique a carga do host do gateway e o caminho de rede.',
    },
    loss: {
      title: '{pct} de perda de ping (limite {limit})',
      body: '{lost} de {sent} pings ao gateway no último minuto ficaram sem resposta, acima do limite de {limit}. O gateway ou a rede está descartando tráfego.',
    },
    waiting: {
      title: 'bot não registrado no gateway',
      body: '{waiting} Está assim há {duration}. Verifique se o bot está rodando e se conecta a este gateway.',
    },
    shardOne: 'Shard {id}',
    shardsMany: 'Shards {ids}',
    shardsMore: 'Shards {ids} e mais {rest}',
  },
  message: {
    recovered: 'Recuperado após {duration} (aberto desde {time}).',
    stillOpen: 'Ainda aberto após {duration}. {body}',
    stillOpenUnacked: 'Ainda aberto após {duration} e sem reconhecimento. {body}',
    bypassed: 'Este alerta ignorou o horário silencioso porque {why}.',
    bypassDown: 'mais de {pct} dos shards estão fora do ar',
    bypassLong: 'está aberto há mais de {duration}',
    unnamedProfile: 'perfil sem nome',
    summaryStillOpen: 'ainda aberto',
    summaryRecovered: 'recuperado após {duration}',
    summaryMore: '…e mais {count}.',
    summaryHeadlineOne: 'durante o horário silencioso: 1 incidente, {open} ainda aberto(s)',
    summaryHeadlineMany: 'durante o horário silencioso: {count} incidentes, {open} ainda aberto(s)',
    testHeadline: 'mensagem de teste',
    testBody:
      'Este é um teste do Shardwatch para o canal "{channel}". Se você consegue lê-lo, os alertas chegarão aqui.',
    titleRecovered: 'recuperado: {headline}',
    titleStillOpen: 'ainda aberto: {headline}',
  },
  payload: {
    profile: 'Perfil',
    severity: 'Gravidade',
    shards: 'Shards',
    outage: 'Interrupção',
    openFor: 'Aberto há',
    level: { critical: 'crítico', warning: 'aviso', info: 'informação', recovered: 'recuperado' },
  },
  tray: {
    unnamedProfile: 'perfil sem nome',
    line: '{name}: {state}, {rtt}, {shards}',
    paused: '{name}: {state}',
    shardsUnknown: '?/{total} shards no ar',
    noShardStats: 'sem estatísticas de shards',
    shardsUp: '{up}/{total} shards no ar',
    noProfilesYet: 'nenhum perfil ainda',
    allPaused: 'todos os perfis pausados',
    offline: 'offline',
    shardsDownOne: '1 shard fora do ar',
    shardsDownMany: '{count} shards fora do ar',
    lostOne: '1 conexão perdida',
    lostMany: '{count} conexões perdidas',
    criticalAlert: 'alerta crítico',
    degradedOpenOne: 'degradado, 1 alerta aberto',
    degradedOpenMany: 'degradado, {count} alertas abertos',
    degraded: 'degradado',
    allOk: 'tudo OK',
    monitoringPaused: 'monitoramento pausado ({summary})',
    snoozedUntil: 'silenciado até {time} ({summary})',
    more: '…e mais {count}',
    snooze15m: 'Por 15 minutos',
    snooze1h: 'Por 1 hora',
    snooze4h: 'Por 4 horas',
    snoozeTomorrow: 'Até amanhã às 08:00',
    resumeNow: 'Retomar alertas agora (silenciados até {time})',
    snoozedMenu: 'Alertas silenciados até {time}',
    snoozeMenu: 'Silenciar alertas',
    noProfilesMenu: 'Nenhum perfil ainda',
    open: 'Abrir o Shardwatch',
    pauseAll: 'Pausar todo o monitoramento',
    quit: 'Sair do Shardwatch',
  },
  analytics: analyticsPtBR,
  report: reportPtBR,
  timelineKind: timelineKindPtBR,
  request: requestPtBR,
  cli: cliPtBR,
  notice: noticePtBR,
  disk: diskPtBR,
  secrets: secretsPtBR,
  dataFolder: dataFolderPtBR,
  servePage: servePagePtBR,
  check: checkPtBR,
  profilesFile: profilesFilePtBR,
  store: storePtBR,
  transfer: transferPtBR,
  options: optionsPtBR,
  frame: framePtBR,
  cliOut: cliOutPtBR,
  /** The catalogue's own language tag (`localeOf` in translator.ts). */
  meta: { locale: 'pt-BR' },
  validation: {
    nameMissing: 'Digite um nome para este perfil, por exemplo "Bot de produção".',
    nameTooLong: 'O nome tem {length} caracteres; encurte-o para {max} ou menos.',
    nameTaken:
      'Outro perfil já se chama "{name}"; escolha um nome diferente para que os alertas os distingam.',
    color: 'Escolha uma cor, escrita como #rrggbb (por exemplo #5865f2).',
    environment: 'Escolha um ambiente: {choices}.',
    dialect: 'Escolha um dialeto de protocolo: {choices}.',
    monitorMode: 'Escolha como o Shardwatch observa o gateway: registrar ou só ping.',
    neverRegister022:
      'O Shardwatch nunca se registra num gateway http-interaction 0.2.2: esse servidor enviaria as interações do bot ao Shardwatch. Escolha só ping.',
    urlMissing: 'Digite a URL do gateway, por exemplo wss://gateway.example.com/gateway.',
    urlInvalid:
      'Esta URL não é válida; escreva-a como ws://host:porta/caminho ou wss://host:porta/caminho.',
    urlScheme: 'A URL deve começar com ws:// ou wss:// (um endereço WebSocket), não {scheme}//.',
    urlCredentials:
      'Tire o usuário e a senha da URL; coloque a chave pública e o segredo nos campos próprios, onde ficam criptografados.',
    urlNoHost: 'A URL não tem host; adicione o nome do host do gateway.',
    urlHash: 'Tire a parte #… da URL; endereços WebSocket não podem tê-la.',
    urlInsecure:
      'ws:// envia a chave pública e o segredo sem criptografia para {host}, que não é este computador. Use wss://, ou confirme que aceita credenciais sem criptografia.',
    urlInsecureWarning:
      'As credenciais vão sem criptografia para {host} via ws://; qualquer um no caminho da rede pode lê-las. Use wss:// se o servidor suportar.',
    urlPath022:
      'Um servidor http-interaction 0.2.2 escuta no caminho /gateway; esta URL pede {path}, o que provavelmente vai falhar.',
    botIdMissing:
      'Digite o id de aplicação do bot (um snowflake do Discord como 123456789012345678).',
    botIdDigits:
      'O id do bot deve ter de 1 a 20 dígitos, só números (o id de aplicação do Discord Developer Portal).',
    publicKeyBlank:
      'A chave pública tem um espaço ou outro branco dentro; cole só a chave, como uma palavra.',
    publicKeyHex:
      'Um gateway http-interaction 0.2.2 espera a chave pública com exatamente 64 caracteres hexadecimais (0-9, a-f); esta tem {length} caracteres.',
    publicKeyHexSigns:
      'Um gateway http-interaction 0.2.2 espera a chave pública com exatamente 64 caracteres hexadecimais (0-9, a-f); esta tem {length} caracteres e outros sinais além de 0-9 e a-f.',
    wholeNumber: '{what} deve ser um número inteiro.',
    wholeNumberOf: '{what} deve ser um número inteiro de {unit}.',
    between: '{what} deve estar entre {min} e {max}; está em {value}.',
    betweenUnit: '{what} deve estar entre {min} e {max} {unit}; está em {value}.',
    number: '{what} deve ser um número.',
    shardInWhole: 'Shard in deve ser um número inteiro (0 = o mestre).',
    shardInNegative: 'Shard in não pode ser negativo; use 0 para o mestre.',
    shardInTooLarge:
      'Shard in ({shardIn}) não pode ser maior que o total de shards ({shardTotal}); o servidor fecharia a conexão.',
    shardInMaster:
      'O Shardwatch conecta como o mestre dos shards: o registro só vale no shard 0, e um gateway http-interaction 0.2.2 derruba os outros shards até o bot se registrar. Defina shard in como 0.',
    flags: 'Flags deve ser um número inteiro de 0 a {max}.',
    secretTooLong: 'O campo {label} tem mais de {max} caracteres; cole só o valor de {label}.',
    secretControl:
      'O campo {label} contém uma quebra de linha ou outro caractere de controle; cole-o de novo numa linha só.',
    publicKeyMissing:
      'Digite a chave pública da aplicação (Discord Developer Portal → General Information); o gateway a confere ao conectar.',
    secretMissing022:
      'Digite o segredo compartilhado com que o servidor http-interaction foi configurado; ele vai no cabeçalho Secret.',
    secretMissing:
      'Digite o segredo compartilhado do gateway; ele vai no cabeçalho Secret ao conectar.',
    maxConcurrency:
      'A concorrência máxima deve ser um número inteiro de {min} a {max} (o session_start_limit.max_concurrency do Discord; 1 se não souber).',
    dailySessionLimit:
      'O limite diário de inícios de sessão deve ser um número inteiro de {min} a {max} (o session_start_limit.total do Discord; normalmente 1000).',
    clusters:
      'Escreva os clusters como um tamanho (16) ou como listas de shards, um cluster por ";" (0-15; 16-31).',
    alertsMissing: 'Faltam as configurações de alerta; restaure os padrões.',
    quietMissing: 'Faltam as configurações do horário silencioso; restaure os padrões.',
    quietStart: 'Escreva o horário de início como HH:MM no formato 24 horas, por exemplo 22:00.',
    quietEnd: 'Escreva o horário de fim como HH:MM no formato 24 horas, por exemplo 07:00.',
    timeZone: 'Escolha um fuso horário da lista (um nome IANA como America/Sao_Paulo ou UTC).',
    field: {
      publicKey: 'chave pública',
      secret: 'segredo',
      shardTotal: 'O total de shards',
      pingInterval: 'O intervalo de ping',
      pingTimeout: 'O tempo limite do ping',
      maxFrame: 'O maior frame',
      lostPings: 'O número de pings perdidos até a conexão contar como morta',
      latency: 'O limite de latência (ms, 0 = desligado)',
      loss: 'O limite de perda (%, 0 = desligado)',
      waiting: 'O tempo que o bot pode ficar sem registro antes de um alerta',
      raiseAfter: 'O número de amostras ruins antes de um alerta',
      clearAfter: 'O número de amostras boas antes de um alerta se encerrar',
      escalateFraction: 'A fração de shards fora do ar que fura o horário silencioso',
      escalateAfter: 'O atraso de escalonamento (ms)',
    },
  },
};

export default enginePtBR;
