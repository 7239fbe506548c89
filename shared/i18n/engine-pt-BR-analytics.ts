/**
 * The shard analytics' findings and the HTML incident report in Brazilian
 * Portuguese, typed against `engine-en-analytics.ts`.
 */
import type { analyticsEn, reportEn, timelineKindEn } from './engine-en-analytics';

export const analyticsPtBR: typeof analyticsEn = {
  verb: { down: 'fora do ar', 'one-way': 'em mão única', silent: 'em silêncio' },
  shardOne: '{count} shard',
  shardsMany: '{count} shards',
  idsMore: '{ids} e mais {rest}',
  single: {
    title: 'shard {id} {verb}',
    none: 'nenhum shard {verb}',
    body: 'O shard {id} está {verb}; nenhum outro shard falhou junto.',
  },
  all: {
    title: '{count} de {total} shards {verb} ao mesmo tempo (lado do gateway)',
    body: 'Quase todos os shards falharam no mesmo instante: a causa provável é o próprio gateway ou a rede entre ele e os bots, não os shards.',
  },
  development: {
    title: '{shards} {verb}, todos de desenvolvimento',
    body: 'Só shards de desenvolvimento foram afetados ({ids}); os shards de produção estão bem.',
  },
  bucket: {
    title: '{shards} {verb}, todos no bucket de identify {bucket}',
    titleSome: '{shards} {verb}, {count} no bucket de identify {bucket}',
    body: '{count} dos {size} shards do bucket de identify {bucket} (shard_id % {m} = {bucket}) falharam juntos. Os shards de um bucket iniciam suas sessões juntos: procure falhas de IDENTIFY ou o limite diário de inícios de sessão.',
    alsoCluster: 'Todos rodam no cluster {cluster}.',
  },
  cluster: {
    title: '{shards} {verb}, todos no cluster {cluster}',
    titleRange: '{shards} {verb}, todos no cluster {cluster} (shards {ids})',
    titleSome: '{shards} {verb}, {count} no cluster {cluster}',
    whole: 'Todos os {size} shards do cluster {cluster}',
    part: '{count} dos {size} shards do cluster {cluster}',
    body: '{who} falharam juntos: verifique o processo ou o host que roda esse cluster.',
    bodyRange:
      '{who} falharam juntos (shards {ids}): verifique o processo ou o host que roda esse cluster.',
  },
  range: {
    title: '{shards} {verb}, shards {ids}',
    body: 'Os shards {ids} formam um intervalo contínuo: costumam compartilhar um processo ou um host; comece por aí.',
  },
  scattered: {
    title: '{shards} {verb}',
    body: 'Os shards {ids} falharam juntos, mas não têm em comum nenhum intervalo, bucket de identify ou cluster; verifique cada um deles.',
  },
  oneWay: {
    titleOne: 'shard {id} em mão única',
    titleMany: '{count} shards em mão única',
    bodyOne:
      'O gateway continua enviando pings ao shard {ids}, mas nenhuma resposta volta há {span} (send_ping sobe, receibe_ping não). A conexão está meio aberta ou o shard não consegue ler; reinicie-o.',
    bodyMany:
      'O gateway continua enviando pings aos shards {ids}, mas nenhuma resposta volta há {span} (send_ping sobe, receibe_ping não). As conexões estão meio abertas ou os shards não conseguem ler; reinicie-os.',
  },
  silent: {
    titleOne: 'shard {id} em silêncio',
    titleMany: '{count} shards em silêncio',
    bodyOne:
      'O shard {ids} está conectado e enviando, mas não recebe nenhuma mensagem há {span}, enquanto a maioria dos outros shards recebeu: o fluxo de eventos travou. Reinicie o shard.',
    bodyMany:
      'Os shards {ids} estão conectados e enviando, mas não recebem nenhuma mensagem há {span}, enquanto a maioria dos outros shards recebeu: o fluxo de eventos travou. Reinicie os shards.',
  },
  budget: {
    fallbackTitle: 'inícios de sessão diários acabando',
    titleExhausted: 'limite diário de inícios de sessão atingido ({used} de {limit})',
    title: '{used} de {limit} inícios de sessão diários usados',
    rate: '{count} reinícios por hora',
    exhausted:
      'O Discord recusa novas sessões até que as mais antigas saiam da janela de 24 horas e pode redefinir o token do bot. Pare de reiniciar shards agora.',
    neverReached: 'No ritmo atual ({rate}), o limite não será atingido.',
    reachedIn:
      'No ritmo atual ({rate}), o limite será atingido em {duration}. Descubra o que reinicia os shards antes que o Discord pare de aceitar novas sessões.',
    body: 'Os shards reiniciaram {used} vezes nas últimas 24 horas. {forecast}',
  },
  loop: {
    titleOne: 'shard {id} em loop de reinício ({count} reinícios em {window})',
    titleMany: '{count} shards em loops de reinício',
    bodyOne:
      'O shard {ids} reiniciou {threshold} vezes ou mais em {window}. Cada reinício gasta um início de sessão; procure nos logs do processo do shard a falha que o reinicia.',
    bodyMany:
      'Os shards {ids} reiniciaram {threshold} vezes ou mais em {window}. Cada reinício gasta um início de sessão; procure nos logs dos processos dos shards a falha que os reinicia.',
  },
  recurring: {
    badZone:
      '"{zone}" não é um fuso horário que este sistema conheça; use um nome IANA como America/Sao_Paulo.',
    title: 'falhas se repetem por volta das {time} ({zone}) em {days} dos últimos {lookback} dias',
    body: '{count} falhas entre {first} e {last} (hora local), em {days} dias diferentes. Algo agendado pode ser a causa (um backup, um cron job, uma manutenção do provedor). Janela de manutenção sugerida: {start}–{end} todos os dias, {zone}.',
    windowName: 'Problema recorrente por volta das {time}',
  },
  shardRestarted: 'Shard {id} reiniciou',
  deploy: {
    text: 'Reinício escalonado: {shards} ({ids}) reiniciados em ordem {direction} ao longo de {span}; {outcome}.',
    ascending: 'crescente',
    descending: 'decrescente',
    allBack: 'todos voltaram',
    late: '{count} sem voltar em {within}: {ids}',
  },
};

export const timelineKindPtBR: typeof timelineKindEn = {
  state: 'conexão',
  'shard-state': 'shard',
  'shard-restart': 'reinício de shard',
  'incident-open': 'incidente aberto',
  'incident-update': 'incidente atualizado',
  'incident-close': 'incidente encerrado',
  'server-message': 'mensagem do servidor',
  'unknown-event': 'evento desconhecido',
  'protocol-error': 'erro de protocolo',
  deploy: 'reinício escalonado',
};

export const reportPtBR: typeof reportEn = {
  title: 'Incidente do Shardwatch: {title}',
  stillOpen: 'ainda aberto na exportação',
  cleared: 'encerrado às {time} após {duration}',
  meta: '{profile} · aberto às {time} · {duration} · horários em {zone}',
  severity: { critical: 'crítico', warning: 'aviso', info: 'informação' },
  shardsInvolved: 'Shards envolvidos: {ids}',
  whatHappened: 'O que aconteceu',
  inCommon: 'Em comum:',
  shardsOverTime: 'Shards ao longo do tempo',
  noShardHistory: 'Nenhum histórico de shards foi registrado.',
  latency: 'Latência dos pings ao gateway',
  noLatency: 'Nenhum histórico de latência foi registrado.',
  timeline: 'Linha do tempo',
  nothingElse: 'Nada mais aconteceu neste período.',
  frames: 'Frames',
  noFrames: 'Nenhum frame foi registrado em torno deste incidente.',
  framesFromTo: '{count} frames de {from} a {to}.',
  framesFromToRecording: '{count} frames de {from} a {to} (a gravação continuava na exportação).',
  framesLeftOut: 'Mais {count} não couberam no limite de tamanho do gravador e ficaram de fora.',
  framesScrubbed: 'Os segredos foram substituídos antes de os frames serem gravados.',
  column: { time: 'hora', direction: 'dir.', event: 'evento', frame: 'frame' },
  direction: { in: 'entrada', out: 'saída' },
  frameType: 'tipo {type}',
  footer: 'Exportado pelo Shardwatch em {time} (incidente {id}).',
  heatmapEmpty: 'Nenhum histórico de shards neste período.',
  heatmapCaption: 'Shards {from}–{to} ao longo do tempo',
  heatmapCaptionRows: 'Shards {from}–{to} ao longo do tempo, {per} shards por linha (o pior deles)',
  cell: {
    unknown: 'não registrado',
    up: 'no ar',
    dev: 'desenvolvimento',
    restart: 'reiniciado (novo shard_hash)',
    'no-data': 'sem dados',
    missing: 'ausente',
    degraded: 'degradado',
    silent: 'silencioso',
    'one-way': 'mão única',
    down: 'fora do ar',
  },
  latencyEmpty: 'Nenhum ping registrado neste período.',
  latencyLabel:
    'Latência dos pings ao gateway: linha da mediana, faixa do 5º ao 95º percentil, pings perdidos marcados abaixo',
  latencyCaption:
    'Mediana (linha), 5º–95º percentil (faixa); uma marca sob o eixo onde pings se perderam.',
  // Amostras perturbadas (issue #16).
  latencyDisturbed:
    'Anéis no alto: {count} pings respondidos enquanto o Shardwatch não pôde medi-los com fidelidade (ocupado demais, ou o computador carregado demais); não entram em nenhum número acima.',
};
