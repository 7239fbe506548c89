/**
 * The two pictures of an incident report as inline SVG (no canvas, no
 * script, no external reference): the heatmap slice and the latency chart.
 * Every piece of text goes through {@link escapeHtml}.
 */
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { HistoryPoint } from '../../../shared/history-model';
import { formatCount } from './text';
import type { HeatCell, HeatmapSlice } from '../../../shared/shard-heatmap';
import { HEAT_CELLS, HEAT_CELL_COLORS, rowCells } from '../../../shared/shard-heatmap';

/** Text or attribute value made inert in HTML and SVG. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number as an SVG coordinate (finite, two decimals at most). */
function n(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '0';
}

/** Time labels for the axes, in the report's zone. */
export type TimeLabel = (wallMs: number) => string;

const HEAT_W = 720;
const GUTTER = 72;
const MAX_ROWS = 120;
const MAX_COLS = 240;

/**
 * The heatmap slice as SVG: at most 120 drawn rows (each the worst of its
 * shards) × 240 columns, each run of equal cells one rectangle, a line at
 * each marked moment (the incident opening).
 */
export function heatmapSvg(
  slice: HeatmapSlice,
  label: TimeLabel,
  marks: number[] = [],
  say: Say = sayEnglish,
): string {
  const rows = Math.min(MAX_ROWS, slice.shardCount);
  if (rows === 0) return `<p class="muted">${escapeHtml(say('report.heatmapEmpty'))}</p>`;
  const per = Math.ceil(slice.shardCount / rows);
  const drawn = Math.ceil(slice.shardCount / per);
  const rowH = Math.max(2, Math.min(12, Math.floor(360 / drawn)));
  const plotW = HEAT_W - GUTTER;
  const colW = plotW / MAX_COLS;
  const height = drawn * rowH + 24;
  const cells = new Uint8Array(MAX_COLS);
  const parts: string[] = [];
  for (let r = 0; r < drawn; r++) {
    cells.fill(0);
    const first = r * per;
    const last = Math.min(slice.shardCount, first + per) - 1;
    for (let s = first; s <= last; s++) rowCells(slice, s, MAX_COLS, cells, true);
    const y = r * rowH;
    let c = 0;
    while (c < MAX_COLS) {
      const kind = cells[c] as number;
      let e = c + 1;
      while (e < MAX_COLS && cells[e] === kind) e++;
      const cell = HEAT_CELLS[kind] ?? 'unknown';
      parts.push(
        `<rect x="${n(GUTTER + c * colW)}" y="${y}" width="${n((e - c) * colW)}" height="${rowH}" fill="${HEAT_CELL_COLORS[cell]}"/>`,
      );
      c = e;
    }
    if (r % Math.max(1, Math.ceil(drawn / 12)) === 0) {
      const lo = slice.shardLo + first;
      const hi = slice.shardLo + last;
      parts.push(
        `<text x="${GUTTER - 6}" y="${y + rowH}" text-anchor="end" class="axis">${lo === hi ? lo : `${lo}–${hi}`}</text>`,
      );
    }
  }
  const span = slice.to - slice.from;
  for (const t of marks) {
    if (t < slice.from || t >= slice.to) continue;
    const x = GUTTER + ((t - slice.from) / span) * plotW;
    parts.push(`<line x1="${n(x)}" y1="0" x2="${n(x)}" y2="${drawn * rowH}" class="mark"/>`);
  }
  const yAxis = drawn * rowH + 16;
  parts.push(
    `<text x="${GUTTER}" y="${yAxis}" class="axis">${escapeHtml(label(slice.from))}</text>`,
    `<text x="${HEAT_W}" y="${yAxis}" text-anchor="end" class="axis">${escapeHtml(label(slice.to))}</text>`,
  );
  const caption = say(per > 1 ? 'report.heatmapCaptionRows' : 'report.heatmapCaption', {
    from: slice.shardLo,
    to: slice.shardLo + slice.shardCount - 1,
    per,
  });
  return (
    `<svg class="chart" viewBox="0 0 ${HEAT_W} ${height}" width="${HEAT_W}" height="${height}" role="img" aria-label="${escapeHtml(caption)}">` +
    parts.join('') +
    '</svg>' +
    `<p class="muted">${escapeHtml(caption)}.</p>` +
    legendHtml(say)
  );
}

/** The legend of the cell kinds, as HTML. */
function legendHtml(say: Say): string {
  const items = (HEAT_CELLS as readonly HeatCell[]).map(
    (k) =>
      `<li><span class="swatch" style="background:${HEAT_CELL_COLORS[k]}"></span>${escapeHtml(say(`report.cell.${k}`))}</li>`,
  );
  return `<ul class="legend">${items.join('')}</ul>`;
}

const LAT_W = 720;
const LAT_H = 220;
const PAD_L = 56;
const PAD_B = 24;

/**
 * Latency over the period as SVG: the p5–p95 band, the median line, a tick
 * under each period with lost pings, and lines at the marked moments.
 */
export function latencySvg(
  points: readonly HistoryPoint[],
  from: number,
  to: number,
  label: TimeLabel,
  marks: number[] = [],
  say: Say = sayEnglish,
): string {
  const usable = points.filter((p) => p.t >= from && p.t <= to);
  if (usable.length === 0 || !(to > from))
    return `<p class="muted">${escapeHtml(say('report.latencyEmpty'))}</p>`;
  let top = 0;
  for (const p of usable) top = Math.max(top, p.p95 ?? 0, p.p50 ?? 0);
  top = top > 0 ? top * 1.1 : 1;
  const plotW = LAT_W - PAD_L;
  const plotH = LAT_H - PAD_B;
  const x = (t: number): number => PAD_L + ((t - from) / (to - from)) * plotW;
  const y = (v: number): number => plotH - (v / top) * plotH;
  const band = usable.filter((p) => p.p5 !== null && p.p95 !== null);
  const parts: string[] = [
    `<line x1="${PAD_L}" y1="${plotH}" x2="${LAT_W}" y2="${plotH}" class="grid"/>`,
    `<text x="${PAD_L - 6}" y="12" text-anchor="end" class="axis">${n(top)} ms</text>`,
    `<text x="${PAD_L - 6}" y="${plotH}" text-anchor="end" class="axis">0</text>`,
  ];
  if (band.length > 1) {
    const upper = band.map((p) => `${n(x(p.t))},${n(y(p.p95 ?? 0))}`);
    const lower = band.map((p) => `${n(x(p.t))},${n(y(p.p5 ?? 0))}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" class="band"/>`);
  }
  const median = usable
    .filter((p) => p.p50 !== null)
    .map((p) => `${n(x(p.t))},${n(y(p.p50 ?? 0))}`);
  if (median.length > 0) parts.push(`<polyline points="${median.join(' ')}" class="median"/>`);
  for (const p of usable) {
    if (p.lost > 0) {
      parts.push(`<rect x="${n(x(p.t) - 1)}" y="${plotH + 2}" width="2" height="6" class="lost"/>`);
    }
  }
  // Disturbed answers are in no figure: a ring along the top where they were.
  let disturbed = 0;
  for (const p of usable) {
    if (p.disturbed === 0) continue;
    disturbed += p.disturbed;
    parts.push(`<circle cx="${n(x(p.t))}" cy="5" r="3" class="disturbed"/>`);
  }
  for (const t of marks) {
    if (t < from || t > to) continue;
    parts.push(`<line x1="${n(x(t))}" y1="0" x2="${n(x(t))}" y2="${plotH}" class="mark"/>`);
  }
  parts.push(
    `<text x="${PAD_L}" y="${LAT_H - 4}" class="axis">${escapeHtml(label(from))}</text>`,
    `<text x="${LAT_W}" y="${LAT_H - 4}" text-anchor="end" class="axis">${escapeHtml(label(to))}</text>`,
  );
  return (
    `<svg class="chart" viewBox="0 0 ${LAT_W} ${LAT_H}" width="${LAT_W}" height="${LAT_H}" role="img" aria-label="${escapeHtml(say('report.latencyLabel'))}">` +
    parts.join('') +
    '</svg>' +
    `<p class="muted">${escapeHtml(say('report.latencyCaption'))}</p>` +
    (disturbed > 0
      ? `<p class="muted">${escapeHtml(say('report.latencyDisturbed', { count: formatCount(disturbed) }))}</p>`
      : '')
  );
}
