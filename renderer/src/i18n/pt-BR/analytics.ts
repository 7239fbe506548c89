/** As análises de shards na página do perfil: histórico, orçamento de reinícios, problemas recorrentes, novos estados, relatórios. */
import type en from '../en/analytics';

const analytics: typeof en = {
  window: 'Janela',
  windows: { '24h': 'Últimas 24 h', '7d': 'Últimos 7 dias' },
  refresh: 'Atualizar',
  heatmapFailed: 'Não foi possível carregar o histórico de shards: {message}',
  badHeatmap:
    'O Shardwatch enviou um histórico de shards que esta página não consegue ler ({message}). Tente Atualizar.',
  own: {
    title: 'Shard {id}: sua própria linha do tempo',
    then: 'Em {time} ele estava {state}.',
    none: 'Nenhuma mudança nesta janela: {state} o tempo todo.',
    showLive: 'Ver ao vivo',
  },
  budget: {
    title: 'Orçamento de reinícios',
    used: '{used} de {limit} inícios de sessão diários usados',
    level: {
      ok: 'tranquilo',
      warning: 'acabando',
      critical: 'quase esgotado',
      exhausted: 'esgotado',
    },
    meter: '{pct}% do limite diário de inícios de sessão usado',
    remaining: '{n} restantes nas últimas 24 h',
    rate: '{rate} reinícios por hora agora',
    forecast: 'Neste ritmo o limite se esgota às {time}.',
    never: 'Neste ritmo o limite não se esgota.',
    exhausted:
      'O limite se esgotou: o Discord pode redefinir o token do bot até os reinícios saírem da janela de 24 h.',
    since: 'Contando desde {time}.',
    loops: 'Shards reiniciando em loop',
    loop: 'Shard {id}: {n} reinícios',
    loopSpan: 'de {from} a {to}',
  },
  recurring: {
    title: 'Problemas recorrentes',
    none: 'Nenhuma falha voltou no mesmo horário do dia.',
    finding: 'Falhas se repetem por volta de {at} ({zone}) em {n} dos últimos {of} dias',
    days: 'Em {days}',
    add: 'Adicionar uma janela de manutenção {start}–{end} ({zone}) todos os dias',
    covered: 'Uma janela de manutenção {start}–{end} ({zone}) cobre isso.',
    failed: 'A janela de manutenção não foi salva: {message}',
  },
  findingLegend: 'mão única, silencioso, reinício em loop ou deploy (o shard diz qual)',
  state: {
    'one-way': 'mão única (fala, não ouve nada)',
    silent: 'silencioso (não recebe nada)',
    'restart-loop': 'reinício em loop',
    'deploy-held': 'reiniciando em um deploy',
  },
  stateShort: {
    'one-way': 'mão única',
    silent: 'silencioso',
    'restart-loop': 'loop',
    'deploy-held': 'deploy',
  },
  report: {
    export: 'Exportar relatório',
    exportLabel: 'Exportar um relatório de "{title}"',
    done: '{file} salvo (segredos removidos).',
    failed: 'Não foi possível gerar o relatório: {message}',
  },
  editor: {
    legend: 'Organização dos shards',
    hint: 'Usado para explicar falhas em grupo e acompanhar o orçamento de reinícios.',
    maxConcurrency: 'Concorrência máxima (buckets de identify)',
    maxConcurrencyHint: 'O session_start_limit.max_concurrency do Discord; 1 se não souber.',
    clusters: 'Clusters',
    clustersHint: 'Um tamanho (16) ou um cluster por ";" (0-15; 16-31). Vazio: sem clusters.',
    dailySessionLimit: 'Limite diário de inícios de sessão',
    dailySessionLimitHint: 'O session_start_limit.total do Discord; normalmente 1000.',
  },
};
export default analytics;
