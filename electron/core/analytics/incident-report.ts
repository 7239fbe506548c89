/**
 * One incident as one self-contained HTML file, to attach to a bug report:
 * what happened, the heatmap slice, the latency chart, the timeline and the
 * frame log. Inline CSS and SVG only; a Content-Security-Policy that allows
 * no script and no fetch of anything, so even text that got past the
 * escaping could not run or call out. Every string from the gateway, the
 * user or the store is escaped.
 */
import { sayEnglish, type Locale, type Say } from '../../../shared/i18n/translator';
import type { HistoryPoint } from '../../../shared/history-model';
import type { Incident } from '../../../shared/incident-model';
import type { TimelineEvent } from '../../../shared/profile-detail';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import { localParts } from '../alerts/local-time';
import type { IncidentCapture } from './incident-recorder';
import { escapeHtml, heatmapSvg, latencySvg } from './report-svg';
import { formatDuration } from '../alerts/text';
import { formatCount } from './text';

/** Everything a report shows. Secrets must not be in any of it (frames come scrubbed). */
export interface IncidentReportInput {
  incident: Incident;
  /** The profile's display name (no URL, no key). */
  profileName: string;
  /** Zone of every time shown. */
  timeZone: string;
  generatedAt: number;
  /** What the shards had in common (group-diagnosis.ts), when known. */
  diagnosis?: string | null;
  capture?: IncidentCapture | null;
  /** Shards around the incident. */
  heatmap?: HeatmapSlice | null;
  /** Latency around the incident (the history store's chart points). */
  latency?: { points: readonly HistoryPoint[]; from: number; to: number } | null;
  timeline?: readonly TimelineEvent[];
  /** Words the report (the user's language); English by default. */
  say?: Say;
  /** The language `say` speaks, for the page's `lang`. Default `en`. */
  locale?: Locale;
}

/** `2026-11-26 14:03:12` in `timeZone` (UTC when the zone is unknown). */
function stamp(wallMs: number, timeZone: string, withMs = false): string {
  let p;
  try {
    p = localParts(wallMs, timeZone);
  } catch {
    p = localParts(wallMs, 'UTC');
  }
  const two = (v: number): string => String(v).padStart(2, '0');
  const ms = withMs
    ? `.${String(Math.floor(((wallMs % 1000) + 1000) % 1000)).padStart(3, '0')}`
    : '';
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}${ms}`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;color:#16181d;background:#fff;margin:24px auto;max-width:1000px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #c9ced8;padding-bottom:4px}
.meta,.muted{color:#4f5663}.sev-critical{color:#b03000}.sev-warning{color:#8a5a00}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #e5e7eb}
th{font-weight:600}td.t{white-space:nowrap;font-variant-numeric:tabular-nums}
pre{margin:0;white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,monospace}
.chart{display:block;max-width:100%;height:auto}.axis{font:11px system-ui,sans-serif;fill:#4f5663}
.mark{stroke:#16181d;stroke-width:1.5;stroke-dasharray:4 3}.disturbed{fill:none;stroke:#4f5663;stroke-width:1.5}.grid{stroke:#c9ced8}
.band{fill:#56B4E9;fill-opacity:.35}.median{fill:none;stroke:#0072B2;stroke-width:1.5}.lost{fill:#D55E00}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:6px 0}
.swatch{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-2px;border:1px solid #0002}
.err{color:#b03000}
`;

function framesHtml(c: IncidentCapture, tz: string, say: Say): string {
  const rows = c.frames.map(
    (f) =>
      `<tr><td class="t">${escapeHtml(stamp(f.at, tz, true))}</td><td>${escapeHtml(say(`report.direction.${f.direction === 'in' ? 'in' : 'out'}`))}</td>` +
      `<td>${escapeHtml(f.event ?? (f.type === null ? '' : say('report.frameType', { type: f.type })))}</td>` +
      `<td><pre>${escapeHtml(f.text)}</pre>${f.error ? `<p class="err">${escapeHtml(f.error)}</p>` : ''}</td></tr>`,
  );
  const dropped = c.droppedBefore + c.droppedAfter;
  const summary = [
    say(c.complete ? 'report.framesFromTo' : 'report.framesFromToRecording', {
      count: formatCount(c.frames.length, say),
      from: stamp(c.from, tz),
      to: stamp(c.to, tz),
    }),
    ...(dropped > 0 ? [say('report.framesLeftOut', { count: formatCount(dropped, say) })] : []),
    say('report.framesScrubbed'),
  ].join(' ');
  const head = (['time', 'direction', 'event', 'frame'] as const)
    .map((k) => `<th>${escapeHtml(say(`report.column.${k}`))}</th>`)
    .join('');
  return (
    `<p class="muted">${escapeHtml(summary)}</p>` +
    `<table class="frames"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function timelineHtml(events: readonly TimelineEvent[], tz: string, say: Say): string {
  if (events.length === 0) return `<p class="muted">${escapeHtml(say('report.nothingElse'))}</p>`;
  const rows = [...events]
    .sort((a, b) => a.at - b.at)
    .map(
      (e) =>
        `<tr><td class="t">${escapeHtml(stamp(e.at, tz))}</td><td title="${escapeHtml(e.kind)}">${escapeHtml(say(`timelineKind.${e.kind}`))}</td><td>${escapeHtml(e.text)}</td></tr>`,
    );
  return `<table><tbody>${rows.join('')}</tbody></table>`;
}

/** Render the report. Pure: the same input gives the same bytes. */
export function renderIncidentReport(input: IncidentReportInput): string {
  const { incident: i, timeZone: tz } = input;
  const say = input.say ?? sayEnglish;
  const w = (key: Parameters<Say>[0], params?: Parameters<Say>[1]): string =>
    escapeHtml(say(key, params));
  const muted = (key: Parameters<Say>[0]): string => `<p class="muted">${w(key)}</p>`;
  const label = (t: number): string => stamp(t, tz);
  const marks = [i.openedAt, ...(i.clearedAt === null ? [] : [i.clearedAt])];
  const duration =
    i.clearedAt === null
      ? say('report.stillOpen')
      : say('report.cleared', {
          time: stamp(i.clearedAt, tz),
          duration: formatDuration(i.clearedAt - i.openedAt, say),
        });
  const shards =
    i.shardIds.length > 0
      ? `<p>${w('report.shardsInvolved', { ids: `${i.shardIds.slice(0, 200).join(', ')}${i.shardIds.length > 200 ? ' …' : ''}` })}</p>`
      : '';
  const sections = [
    `<h2>${w('report.whatHappened')}</h2><p>${escapeHtml(i.body)}</p>` +
      (input.diagnosis
        ? `<p><strong>${w('report.inCommon')}</strong> ${escapeHtml(input.diagnosis)}</p>`
        : '') +
      shards,
    `<h2>${w('report.shardsOverTime')}</h2>${input.heatmap ? heatmapSvg(input.heatmap, label, marks, say) : muted('report.noShardHistory')}`,
    `<h2>${w('report.latency')}</h2>${input.latency ? latencySvg(input.latency.points, input.latency.from, input.latency.to, label, marks, say) : muted('report.noLatency')}`,
    `<h2>${w('report.timeline')}</h2>${timelineHtml(input.timeline ?? [], tz, say)}`,
    `<h2>${w('report.frames')}</h2>${input.capture ? framesHtml(input.capture, tz, say) : muted('report.noFrames')}`,
  ];
  const sev = i.severity === 'critical' || i.severity === 'warning' ? i.severity : 'info';
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(input.locale ?? 'en')}"><head><meta charset="utf-8">`,
    // No script, no fetch, no form, no frame: the report is data to read.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${w('report.title', { title: i.title })}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>${escapeHtml(i.title)}</h1>`,
    `<p class="meta"><span class="sev-${sev}">${w(`report.severity.${sev}`)}</span> · ` +
      `${w('report.meta', { profile: input.profileName, time: stamp(i.openedAt, tz), duration, zone: tz })}</p></header>`,
    ...sections.map((s) => `<section>${s}</section>`),
    `<footer><p class="muted">${w('report.footer', { time: stamp(input.generatedAt, tz), id: i.id })}</p></footer>`,
    '</body></html>',
  ].join('\n');
}
