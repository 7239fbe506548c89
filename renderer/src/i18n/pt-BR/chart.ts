/** O gráfico do histórico de latência. */
import type en from '../en/chart';

const chart: typeof en = {
  label: 'Histórico de latência',
  windows: 'Janela do histórico',
  window: { '15m': '15 min', '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' },
  live: 'Ao vivo: novos pings aparecem assim que chegam.',
  zoomed: 'Com zoom: sem acompanhar novos pings.',
  backToLive: 'Voltar ao vivo',
  dragHint: 'Arraste sobre o gráfico para dar zoom.',
  loadFailed: 'Não foi possível carregar o histórico: {message}',
  noCanvas: 'O gráfico não pode ser desenhado aqui (sem canvas).',
  empty: 'Sem dados nesta janela — nenhum ping foi respondido ou perdido.',
  noSamples: 'Nenhuma amostra de latência nesta janela.',
  summary: '{answered} pings respondidos, {lost} perdidos ({loss}); mediana típica {median}.',
  axisTicks: 'Eixo do tempo: {ticks}',
  axisRtt: 'RTT (ms)',
  axisLoss: 'Perda (%)',
  series: { p95: 'p95', median: 'mediana', p5: 'p5', loss: 'perda' },
  legend: {
    band: 'faixa p5–p95',
    median: 'mediana',
    loss: 'perda (eixo direito)',
    restart: 'reinício de shard ({n})',
    incident: 'incidente ({n})',
  },
  markers: 'Marcadores neste intervalo',
  markerIncident: 'incidente ({severity}): {title}',
  cleared: 'encerrado {time}',
  stillOpen: 'aberto',
  markerRestart: 'shard {id} reiniciou',
  // Amostras perturbadas (issue #16): pings que o app não pôde medir com fidelidade.
  disturbed: {
    legend: 'não medidos com fidelidade ({n})',
    help: 'Os anéis no alto marcam pings respondidos enquanto o app estava ocupado demais (ou o computador carregado demais) para medi-los com fidelidade. Ficam fora da linha, da faixa, de todos os números e de todos os alertas.',
  },
};
export default chart;
