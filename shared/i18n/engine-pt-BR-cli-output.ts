/** What the `shardwatch` command prints, in Brazilian Portuguese (typed against `engine-en-cli-output.ts`). */
import type { cliOutEn } from './engine-en-cli-output';

export const cliOutPtBR: typeof cliOutEn = {
  mainUsage: `Uso: shardwatch <comando> [opções]

Comandos:
  probe <url>   conecta a um gateway, pinga (só registra quando pedido) e relata
  sim           roda o simulador de gateway
  serve         roda o Shardwatch no modo navegador

Execute "shardwatch <comando> --help" para ver as opções de um comando.`,
  simUsage: `Uso: shardwatch sim [opções]

Roda um gateway de shards simulado até Ctrl-C.

Opções:
  --port N                  porta TCP (padrão {port}; 0 = qualquer porta livre)
  --host H                  endereço de escuta (padrão 127.0.0.1)
  --dialect D               {dialects} (padrão documented)
  --shards N                número de shards simuladas (padrão 4; 0 para http-interaction-0.2.2)
  --scenario S              {scenarios} (padrão steady)
  --max-concurrency N       bucket-outage: o max_concurrency do bot; as shards do bucket 1
                            (shard_id % N = 1) falham juntas; dê o mesmo valor ao perfil
                            (padrão 4)
  --trouble-shard N         restart-loop, one-way-shard, silent-shard: a shard com problema;
                            rolling-restart: uma shard que não volta (padrão 1;
                            rolling-restart: todas as shards voltam)
  --nightly-at HH:MM        nightly-failure: quando o primeiro quarto das shards falha a cada
                            dia, em UTC (padrão 03:00)
  --latency MS              atraso antes de responder um ping (padrão 0)
  --jitter MS               atraso aleatório extra antes de responder um ping (padrão 0)
  --id ID                   id de aplicação do bot a aceitar, 1-20 dígitos (padrão: id de demonstração)
  --no-bot                  começa como um servidor recém-iniciado: nenhum bot se registrou, então
                            um monitor só de ping espera (padrão: o bot está registrado)
  --shard-info-interval MS  documented: período do envio de GATEWAY_SHARD_INFO, 0 = desligado (padrão 1000)
  -h, --help                mostra esta ajuda

As credenciais vêm de SHARDWATCH_SECRET e SHARDWATCH_PUBLIC_KEY; sem elas,
são usadas credenciais de demonstração.`,
  simDemoCredentials:
    'shardwatch sim: usando credenciais de demonstração (falta definir {missing})',
  simAnd: ' e ',
  simCannotStart: 'shardwatch sim: não foi possível iniciar: {reason}',
  simStarted:
    'shardwatch sim: gateway {dialect}, id do bot {bot}, {count} shard(s), cenário {scenario}',
  simListening: 'escutando em {url}',
  simStopped: 'shardwatch sim: parado',
  serveUsage: `Uso: shardwatch serve [opções]

Roda o Shardwatch no modo navegador e imprime o endereço a abrir.

Opções:
  --port N          porta de escuta (padrão 7613, ou uma livre quando ocupada;
                    0: qualquer porta livre)
  --host H          endereço de escuta (padrão 127.0.0.1; qualquer outro expõe o Shardwatch à sua rede)
  --data-dir DIR    onde ficam os perfis e o histórico (padrão {dataDir})
  --no-demo         não inicia o gateway de demonstração quando não há perfis
  --metrics         serve métricas Prometheus em /metrics (token bearer em <data-dir>/metrics-token)
  --log-format F    text (padrão: linhas no stderr) ou json (linhas JSON no stdout, para serviços)
  -h, --help        mostra esta ajuda

Os segredos são cifrados com uma chave guardada na pasta de dados (legível só pelo seu usuário).
Um processo do Shardwatch por pasta de dados: se outro (o app de desktop ou outro
serve) está usando a pasta, este diz qual e sai; use --data-dir para rodar os dois.`,
  startNoDisplay: 'não há tela (nem DISPLAY nem WAYLAND_DISPLAY está definido)',
  startNoElectron: 'o pacote electron não está instalado (rode npm install)',
  startFetching: 'Baixando o runtime do Electron (só na primeira vez)…',
  startNoDownload: 'não foi possível baixar o runtime do Electron nesta máquina',
  startNeither:
    'O Electron não pode iniciar aqui ({reason}), e o modo navegador também não conseguiu iniciar: {why}',
  startFallback:
    'O Electron não pode iniciar aqui: {reason}.\nServindo a mesma interface do Shardwatch no seu navegador — abra:',
  startBuildFailed: 'O build falhou (veja acima). Corrija e rode npm start de novo.',
  startExited: 'O Electron saiu ao iniciar ({line})',
  serveRunning: 'O Shardwatch está rodando em {url}',
  serveMetrics: 'Métricas: {url} (token bearer em {file})',
  serveDataFolder: 'Pasta de dados: {dir}',
  pressCtrlC: 'Tecle Ctrl-C para parar.',
  serveCannotStart: 'shardwatch serve: não foi possível iniciar: {reason}',
  portInUse: 'essa porta já está em uso; escolha outra com --port ou use --port 0',
  portNotAllowed: 'sem permissão para escutar aí; use uma porta acima de 1024',
  probeUsage: `Uso: shardwatch probe <url> --id ID [opções]

Conecta uma vez a um gateway de shards, manda pings e relata o que descobriu:
HELLO, cada ida e volta e perda e, com --register, o READY e a tabela de
shards. Nunca registra sem que peçam, e nunca no http-interaction 0.2.2:
registrar pode tomar as interações do bot (comandos de barra, botões).

Opções:
  --id ID            o id de aplicação do bot, 1-20 dígitos (obrigatório)
  --dialect D        {dialects} (padrão documented);
                     auto detecta o dialeto antes, sem registrar
  --register         dialeto documented: registra para obter READY e estatísticas de shards
                     (o gateway pode então mandar as interações do bot para o probe)
  --shard-in N       cabeçalho Shard-In (padrão 0; só 0 é aceito)
  --shard-total N    cabeçalho Shard-Total (padrão 1)
  --flags N          flags do registro (padrão 0)
  --count N          pings a enviar, 1-10000 (padrão 5)
  --interval MS      tempo entre pings, {minInterval}-300000 (padrão 1000)
  --timeout MS       prazo de cada etapa e de cada resposta de ping, 100-300000 (padrão 5000)
  --json             imprime um objeto JSON em vez de texto (sempre em inglês)
  -h, --help         mostra esta ajuda

O segredo e a chave pública são lidos SOMENTE do ambiente, para ficarem fora
do histórico do shell e da lista de processos:
  SHARDWATCH_SECRET      o segredo compartilhado do gateway
  SHARDWATCH_PUBLIC_KEY  a chave pública da aplicação (uma palavra; 64 caracteres
                         hexadecimais no http-interaction 0.2.2)

Códigos de saída:
{exitCodes}`,
  exit: {
    '0': 'todos os pings respondidos, nenhum erro de protocolo',
    '2': 'uso incorreto (flags, ambiente)',
    '3': 'inalcançável: nada respondeu ao upgrade do WebSocket',
    '4': 'credenciais recusadas',
    '5': 'falha de protocolo: um erro HTTP, um gateway do outro dialeto, conexão derrubada antes de responder, fechada, sem READY, ou erros de protocolo durante a execução',
    '6': 'esperando o bot se registrar neste gateway: as credenciais foram aceitas, mas nenhum ping foi respondido',
    '7': 'alguns pings perdidos depois que o gateway já tinha respondido',
  },
  result: {
    '0': 'OK',
    '2': 'uso incorreto',
    '3': 'inalcançável',
    '4': 'credenciais recusadas',
    '5': 'falha de protocolo',
    '6': 'esperando o bot se registrar',
    '7': 'pings perdidos',
  },
  notGiven: 'não informado',
  none: 'nenhum',
  hello: 'HELLO: starting_shards {shards}',
  ready: 'READY: {event}, bot {bot}, flags {flags}, sessão {session}, shards_config {config}',
  pingLost: 'ping {n}/{count}: perdido (sem resposta em {timeout} ms)',
  pingAnswered: 'ping {n}/{count}: {rtt}',
  dialectDetected: 'Dialeto: {dialect} (detectado)',
  dialectNotDetected: 'Dialeto: não detectado',
  probing:
    'Sondando {url} ({dialect}, {mode}) como bot {bot}, shard {shardIn}/{shardTotal}, flags {flags}: {count} ping(s) a cada {interval} ms, tempo limite {timeout} ms',
  modeRegister: 'registro',
  modePingOnly: 'só ping',
  shardsPingOnly: 'Shards: {why} (--register pede por elas)',
  shardsNoStats: 'Shards: este servidor não informa estatísticas de shards',
  shardsNoneReceived: 'Shards: nenhuma recebida',
  shardsNoneNeverRegistered: 'Shards: nenhuma recebida (nunca registrou)',
  shardsNoneYet: 'Shards: nenhuma informada ainda',
  shardsHead: 'Shards ({count}, as mais recentes vindas de {from}):',
  shardsMore: '  … e mais {count} (--json lista todas)',
  coverage: 'Cobertura: {reported} ids de shard informados, {expected} esperados',
  missing: '  faltando: {ids}',
  duplicated: '  informados mais de uma vez (listados uma vez acima): {ids}',
  noPingCompleted: 'nenhum ping concluído',
  loss: 'perda {percent} % ({lost} de {total})',
  rtt: 'RTT: mín {min}, p50 {p50}, p95 {p95}, p99 {p99}, máx {max}; {loss}',
  events:
    'Eventos: {protocolErrors} erros de protocolo, {unknownEvents} eventos desconhecidos, {serverMessages} mensagens do servidor, {lateAnswers} respostas atrasadas, {interactions} interações',
  gatewaySaid: '  o gateway disse: "{message}"',
  resultLine: 'Resultado: {result} (saída {code}){why}',
  deadline: 'O probe não terminou dentro do prazo de {ms} ms.',
  refusedFrames: '{count} frame(s) do gateway foram recusados; o último: {reason}',
  unknownReason: 'desconhecido',
  pingsUnanswered: '{lost} de {total} pings ficaram sem resposta em {timeout} ms.',
  credentialsCheck: 'Confira --id, SHARDWATCH_SECRET e SHARDWATCH_PUBLIC_KEY.',
  serverSaid: 'O gateway disse: "{message}".',
  runWithDialect: 'rode de novo com --dialect {dialect} (ou --dialect auto).',
  registerRefusedDetected:
    '--register foi recusado: o gateway fala {dialect}, que mandaria as interações do bot para o probe',
};
