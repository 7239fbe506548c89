/** O mapa de calor do histórico de shards: controles, legenda, replay e textos ao passar o mouse. */
import { reportPtBR } from '../../../../shared/i18n/engine-pt-BR-analytics';
import type en from '../en/heatmap';

const heatmap: typeof en = {
  title: 'Histórico de shards',
  // As mesmas palavras do relatório de incidente (shared/i18n/engine-pt-BR-analytics.ts).
  cell: { ...reportPtBR.cell },
  rows: 'Linhas',
  group: 'Agrupar',
  zoomFit: 'Bot inteiro',
  zoomRows: 'linhas de {n} px',
  byId: 'por id do shard',
  byBucket: 'por bucket de identify',
  byCluster: 'por cluster',
  replay: 'Replay',
  play: 'Reproduzir',
  pause: 'Pausar',
  now: 'Agora',
  nowAt: 'agora ({time})',
  gridLabel:
    'Mapa de calor do histórico de shards, {n} shards de {from} a {to}. As setas movem, Enter abre a linha do tempo do shard.',
  momentSummary: 'Em {time}: {what}',
  nothing: 'nada registrado',
  spot: 'Shard {id} em {time}: {state}',
  worst: 'pior nesta coluna: {state}',
  restarts: 'nenhum reinício | {n} reinício | {n} reinícios',
  line: '{n} shards nesta linha ({lo}–{hi})',
};
export default heatmap;
