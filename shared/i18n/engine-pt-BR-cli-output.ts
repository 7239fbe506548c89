/** What the `shardwatch` command prints, in Brazilian Portuguese (typed against `engine-en-cli-output.ts`). */
import type { cliOutEn } from './engine-en-cli-output';

export const cliOutPtBR: typeof cliOutEn = {
  mainUsage: `Uso: shardwatch <comando> [opções]

Comandos:
  probe <url>   conecta a um gateway, pinga (só registra quando pedido) e relata
  sim           roda o simulador de gateway
  serve         roda o Shardwatch no modo navegador

Rode "shardwatch <comando> --help" para ver as opções de um comando.`,
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
