/** Detalhe do perfil: cabeçalho, cartões e abas. */
import type en from '../en/detail';

const detail: typeof en = {
  back: 'Voltar',
  reconnect: 'Reconectar',
  reconnecting: 'Reconectando…',
  reconnectFailed: 'Não foi possível reconectar: {message}',
  since: 'desde {time}',
  serverSaid: 'O servidor disse: {message}',
  latency: 'Latência',
  lastRtt: 'Último RTT:',
  noAnswer: 'sem resposta',
  col: {
    window: 'Janela',
    pings: 'Pings',
    p50: 'Mediana',
    p50Title: 'Tempo de ida e volta no percentil 50 (mediana)',
    p95: 'p95',
    p95Title: 'Tempo de ida e volta no percentil 95',
    p99: 'p99',
    p99Title: 'Tempo de ida e volta no percentil 99',
    loss: 'Perda',
    jitter: 'Jitter',
    jitterTitle: 'Diferença média entre tempos de ida e volta consecutivos',
  },
  noPings: 'sem dados — nenhum ping nesta janela',
  session: 'Sessão',
  ready: {
    answer: 'Resposta',
    botId: 'Id do bot',
    flags: 'Flags (como retornadas)',
    session: 'Sessão',
    shardsConfig: 'Configuração de shards',
    at: 'Recebido',
    notSent: 'não enviado',
    none: 'nenhuma',
    nothing: 'Nenhum READY recebido ainda.',
  },
  counters: {
    title: 'Contadores',
    frames: 'Frames recebidos / enviados',
    reconnects: 'Reconexões',
    interactions: 'Interações',
    unknownEvents: 'Eventos desconhecidos',
    protocolErrors: 'Erros de protocolo',
    last: '(último: {message})',
    openIncidents: 'Incidentes abertos',
    noStatus: 'Sem status ainda.',
  },
  tabs: {
    label: 'Seções do detalhe do perfil',
    shards: 'Shards',
    history: 'Histórico de shards',
    latency: 'Latência',
    timeline: 'Linha do tempo',
    frames: 'Log de frames',
  },
  noShardStats:
    'Este servidor (http-interaction 0.2.2) não informa estatísticas de shards a um monitor. O Shardwatch ainda mede a latência do gateway e a saúde da conexão.',
  pingOnlyNoStats:
    'Só ping: o Shardwatch não se registra, então o gateway não envia estatísticas de shards.',
  pingsMean:
    'Pings respondidos significam: o gateway está vivo e o bot se registrou em algum momento desde que o gateway iniciou.',
  totalFromGateway:
    'O gateway informa {n} shards; este perfil diz {profile}. O Shardwatch conta os {n} do gateway.',
  shardsFailed: 'Não foi possível carregar os shards: {message}',
  allShards: 'Todos os shards',
};
export default detail;
