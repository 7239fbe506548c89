/** The shard history heatmap: controls, legend, replay and hover words. */
import { HEAT_CELL_LABELS } from '../../../../shared/shard-heatmap';
import type { HeatCell } from '../../../../shared/shard-heatmap';

export default {
  title: 'Shard history',
  // English comes from the one table the reports use too (shared/shard-heatmap.ts).
  cell: { ...HEAT_CELL_LABELS } as Record<HeatCell, string>,
  rows: 'Rows',
  group: 'Group',
  zoomFit: 'Whole bot',
  zoomRows: '{n} px rows',
  byId: 'by shard id',
  byBucket: 'by identify bucket',
  byCluster: 'by cluster',
  replay: 'Replay',
  play: 'Play',
  pause: 'Pause',
  now: 'Now',
  nowAt: 'now ({time})',
  gridLabel:
    'Shard history heatmap, {n} shards from {from} to {to}. Arrow keys move, Enter opens the shard timeline.',
  momentSummary: 'At {time}: {what}',
  nothing: 'nothing recorded',
  spot: 'Shard {id} at {time}: {state}',
  worst: 'worst in this column: {state}',
  restarts: 'no restarts | {n} restart | {n} restarts',
  line: '{n} shards on this line ({lo}–{hi})',
};
