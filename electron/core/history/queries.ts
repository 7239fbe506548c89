/**
 * The read side of history: chart series, the timeline and stored
 * incidents. Every read merges what is stored with what is still buffered,
 * so a chart never misses the last second; a failed read is told once and
 * answers with what the buffer holds.
 */
import type { HistoryQuery, TimelinePage, TimelineQuery } from '../../../shared/api';
import type { HistoryPoint, HistorySeries } from '../../../shared/history-model';
import type { AlertRule, Incident, Severity } from '../../../shared/incident-model';
import type { TimelineEvent, TimelineKind } from '../../../shared/profile-detail';
import { ALERT_RULES } from '../../../shared/incident-model';
import { TIMELINE_KINDS } from '../../../shared/profile-detail';
import type { HistoryDatabase } from './database';
import { HISTORY_RETENTION, WINDOW_MS, pickResolution } from './resolution';
import { floorTo, HOUR } from './rollups';
import { allTuples, num, numOrNull, text } from './statements';
import type { Row, Tuple } from './statements';
import { mergeSummaries, summarize } from '../../../shared/bucket-summary';
import type { BucketSummary } from '../../../shared/bucket-summary';
import type { PendingEvent, WriteBuffer } from './writes';

const TIMELINE_KIND_SET: ReadonlySet<string> = new Set<string>(TIMELINE_KINDS);
/** Kinds made from the incidents table, not stored as events. */
const INCIDENT_KINDS: ReadonlySet<TimelineKind> = new Set(['incident-open', 'incident-close']);
const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['info', 'warning', 'critical']);
const RULES: ReadonlySet<string> = new Set<string>(ALERT_RULES);

interface Bucket {
  rows: BucketSummary[];
  /** Raw RTTs (null = lost), disturbed answers left out… */
  raw: Array<number | null>;
  /** …and counted here. */
  disturbed: number;
}

function round3(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

/** A rollup tuple (`ROLLUP_COLUMNS` order: pkey, t, count, lost, min, max, p5, p50, p95, sum, disturbed). */
function tupleSummary(r: Tuple): BucketSummary {
  return {
    count: num(r[2]),
    lost: num(r[3]),
    min: numOrNull(r[4]),
    max: numOrNull(r[5]),
    p5: numOrNull(r[6]),
    p50: numOrNull(r[7]),
    p95: numOrNull(r[8]),
    sum: num(r[9]),
    disturbed: num(r[10]),
  };
}

/** Rows come from a file on disk: checked before they become an `Incident` (docs/architecture.md §3.3). */
function rowIncident(r: Row, profileId: string): Incident | null {
  const rule = text(r.rule);
  const severity = text(r.severity);
  if (!RULES.has(rule) || !SEVERITIES.has(severity)) return null;
  let shardIds: number[] = [];
  try {
    const parsed: unknown = JSON.parse(text(r.shard_ids));
    if (Array.isArray(parsed)) shardIds = parsed.filter((x): x is number => typeof x === 'number');
  } catch {
    shardIds = [];
  }
  return {
    id: text(r.id),
    profileId,
    rule: rule as AlertRule,
    severity: severity as Severity,
    title: text(r.title),
    body: text(r.body),
    shardIds,
    openedAt: num(r.opened_at),
    updatedAt: num(r.updated_at),
    clearedAt: numOrNull(r.cleared_at),
    acknowledged: num(r.acknowledged) !== 0,
    suppressed: num(r.suppressed) !== 0,
  };
}

function incidentEntries(incident: Incident): TimelineEvent[] {
  const shardId = incident.shardIds.length === 1 ? (incident.shardIds[0] ?? null) : null;
  const out: TimelineEvent[] = [
    { at: incident.openedAt, kind: 'incident-open', text: `Opened: ${incident.title}`, shardId },
  ];
  if (incident.clearedAt !== null) {
    out.push({
      at: incident.clearedAt,
      kind: 'incident-close',
      text: `Cleared: ${incident.title}`,
      shardId,
    });
  }
  return out;
}

function overlaps(incident: Incident, from: number, to: number): boolean {
  return incident.openedAt <= to && (incident.clearedAt === null || incident.clearedAt >= from);
}

/** Pending incidents override stored ones with the same id. */
function mergeIncidents(
  b: WriteBuffer,
  stored: readonly Incident[],
  profileId: string | null,
): Incident[] {
  const byId = new Map<string, Incident>();
  for (const i of stored) byId.set(i.id, i);
  for (const i of b.incidents.values()) {
    if (profileId === null || i.profileId === profileId) byId.set(i.id, i);
  }
  return [...byId.values()];
}

function toTimeline(e: PendingEvent): TimelineEvent {
  return { at: e.t, kind: e.kind, text: e.text, shardId: e.shardId };
}

function clampLimit(limit: number): number {
  return Math.min(10_000, Math.max(0, Math.floor(limit)));
}

/**
 * A latency series for a chart, plus restart and incident markers in its
 * range (see `HistoryStore.query`).
 */
export function querySeries(
  database: HistoryDatabase,
  b: WriteBuffer,
  q: HistoryQuery,
  nowWall: number,
): HistorySeries {
  const windowMs = WINDOW_MS[q.window] ?? HOUR;
  const hasTo = typeof q.to === 'number' && Number.isFinite(q.to);
  const hasFrom = typeof q.from === 'number' && Number.isFinite(q.from);
  const to = hasTo ? (q.to as number) : nowWall;
  const from = hasFrom ? (q.from as number) : to - windowMs;
  const res = pickResolution(from, to, nowWall, HISTORY_RETENTION);
  const series: HistorySeries = {
    profileId: q.profileId,
    window: q.window,
    resolutionMs: res.stepMs,
    from,
    to,
    points: [],
    restarts: [],
    incidents: [],
  };
  if (!(to > from)) return series;
  const step = res.stepMs;
  const start = floorTo(from, step);
  // Samples are whole ms; `to` is inclusive.
  const end = Math.floor(to) + 1;
  const buckets = new Map<number, Bucket>();
  const bucketAt = (t: number): Bucket => {
    const key = floorTo(t, step);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { rows: [], raw: [], disturbed: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  let rawFrom = start;
  let storedIncidents: Incident[] = [];
  const open = database.current();
  if (open) {
    const s = open.st;
    try {
      const key = database.keyFor(s, q.profileId, false);
      if (key !== null) {
        if (res.source !== 'raw') {
          const m = database.watermarks(s, key);
          const done = res.source === 'minute' ? m.minute : m.hour;
          if (done !== null) {
            const rollTo = Math.min(end, done);
            if (rollTo > start) {
              const stmt = res.source === 'minute' ? s.minuteRange : s.hourRange;
              for (const r of allTuples(stmt, key, start, rollTo)) {
                bucketAt(num(r[1])).rows.push(tupleSummary(r));
              }
            }
            rawFrom = Math.max(start, done);
          }
        }
        if (end > rawFrom) {
          for (const r of allTuples(s.rawRange, key, rawFrom, end)) {
            const bucket = bucketAt(num(r[0]));
            if (num(r[2]) === 1) bucket.disturbed++;
            else bucket.raw.push(numOrNull(r[1]));
          }
        }
        for (const r of s.restartsRange.all(key, from, to)) {
          series.restarts.push({ t: num(r.t), shardId: num(r.shard_id) });
        }
        for (const r of s.incidentsOverlapping.all(key, to, from)) {
          const i = rowIncident(r, q.profileId);
          if (i) storedIncidents.push(i);
        }
      }
    } catch (err) {
      database.readFailed(err);
      buckets.clear();
      series.restarts = [];
      storedIncidents = [];
      rawFrom = start;
    }
  }
  for (const x of b.samples) {
    if (x.profileId !== q.profileId || x.t < rawFrom || x.t >= end) continue;
    const bucket = bucketAt(x.t);
    if (x.disturbed) bucket.disturbed++;
    else bucket.raw.push(x.rtt);
  }
  for (const e of b.events) {
    if (e.profileId === q.profileId && e.kind === 'shard-restart' && e.t >= from && e.t <= to) {
      series.restarts.push({ t: e.t, shardId: e.shardId ?? 0 });
    }
  }
  series.restarts.sort((a, c) => a.t - c.t);
  series.incidents = mergeIncidents(b, storedIncidents, q.profileId)
    .filter((i) => overlaps(i, from, to))
    .sort((a, c) => a.openedAt - c.openedAt)
    .map((i) => ({
      t: i.openedAt,
      clearedAt: i.clearedAt,
      title: i.title,
      severity: i.severity,
    }));

  const points: HistoryPoint[] = [];
  for (const t of [...buckets.keys()].sort((a, c) => a - c)) {
    const bucket = buckets.get(t) as Bucket;
    const hasRaw = bucket.raw.length + bucket.disturbed > 0;
    const x =
      bucket.rows.length === 0
        ? summarize(bucket.raw, bucket.disturbed)
        : mergeSummaries(
            hasRaw ? [...bucket.rows, summarize(bucket.raw, bucket.disturbed)] : bucket.rows,
          );
    if (x.count + x.lost + x.disturbed === 0) continue;
    points.push({
      t,
      p5: round3(x.p5),
      p50: round3(x.p50),
      p95: round3(x.p95),
      min: round3(x.min),
      max: round3(x.max),
      count: x.count,
      lost: x.lost,
      disturbed: x.disturbed,
    });
  }
  series.points = points;
  return series;
}

/**
 * One page of the timeline, newest first: transitions, restarts, incident
 * open/clear and events, merged and filtered by kind here, so a filter finds
 * old events that a page of everything would not reach. Each source is read
 * with one row more than the page so `until` knows whether older ones exist;
 * the events sharing the page's oldest time are kept together (moved to the
 * next page) so the inclusive cursor never repeats or skips one.
 */
export function queryTimeline(
  database: HistoryDatabase,
  b: WriteBuffer,
  q: TimelineQuery,
): TimelinePage {
  const limit = Math.min(1_000, Math.max(1, Math.floor(q.limit)));
  const kinds = new Set<TimelineKind>(
    q.kinds && q.kinds.length > 0 ? q.kinds : [...TIMELINE_KINDS],
  );
  const until = typeof q.until === 'number' && Number.isFinite(q.until) ? q.until : Infinity;
  const wanted = (e: TimelineEvent): boolean => kinds.has(e.kind) && e.at <= until;
  const fetch = limit + 1;
  // Built newest-recorded first so the stable sort keeps that order for equal times.
  const list: TimelineEvent[] = [];
  for (let i = b.events.length - 1; i >= 0; i--) {
    const e = b.events[i] as PendingEvent;
    if (e.profileId === q.profileId) {
      const entry = toTimeline(e);
      if (wanted(entry)) list.push(entry);
    }
  }
  const stored: Incident[] = [];
  const wantsIncidents = kinds.has('incident-open') || kinds.has('incident-close');
  const open = database.current();
  if (open) {
    const s = open.st;
    // SQLite's integers stop at 2^63; "no cursor" reads everything.
    const sqlUntil = until === Infinity ? Number.MAX_SAFE_INTEGER : until;
    try {
      const key = database.keyFor(s, q.profileId, false);
      if (key !== null) {
        const storedKinds = [...kinds].filter((k) => !INCIDENT_KINDS.has(k));
        if (storedKinds.length > 0) {
          for (const r of s.eventsUntil.all(key, sqlUntil, JSON.stringify(storedKinds), fetch)) {
            const kind = text(r.kind);
            if (!TIMELINE_KIND_SET.has(kind)) continue;
            list.push({
              at: num(r.t),
              kind: kind as TimelineKind,
              text: text(r.text),
              shardId: numOrNull(r.shard_id),
            });
          }
        }
        if (wantsIncidents) {
          const ids = new Set<string>();
          for (const r of [
            ...s.openedUntil.all(key, sqlUntil, fetch),
            ...s.clearedUntil.all(key, sqlUntil, fetch),
          ]) {
            const i = rowIncident(r, q.profileId);
            if (i && !ids.has(i.id)) {
              ids.add(i.id);
              stored.push(i);
            }
          }
        }
      }
    } catch (err) {
      database.readFailed(err);
    }
  }
  if (wantsIncidents) {
    for (const i of mergeIncidents(b, stored, q.profileId))
      for (const e of incidentEntries(i)) if (wanted(e)) list.push(e);
  }
  list.sort((a, c) => c.at - a.at);
  if (list.length <= limit) return { events: list, until: null };
  const page = list.slice(0, limit);
  const next = list[limit] as TimelineEvent;
  const edge = (page[page.length - 1] as TimelineEvent).at;
  if (next.at !== edge) return { events: page, until: next.at };
  const kept = page.filter((e) => e.at !== edge);
  // More than a page at one instant: returned whole, the cursor moves past it.
  if (kept.length === 0) return { events: page, until: edge - 1 };
  return { events: kept, until: edge };
}

/** Stored and buffered incidents (all profiles when `profileId` is null), newest opened first. */
export function queryIncidents(
  database: HistoryDatabase,
  b: WriteBuffer,
  profileId: string | null,
  limit: number,
): Incident[] {
  const n = clampLimit(limit);
  if (n === 0) return [];
  const stored: Incident[] = [];
  const open = database.current();
  if (open) {
    const s = open.st;
    try {
      if (profileId === null) {
        for (const r of s.latestIncidentsAll.all(n)) {
          const i = rowIncident(r, text(r.profile_id));
          if (i) stored.push(i);
        }
      } else {
        const key = database.keyFor(s, profileId, false);
        if (key !== null) {
          for (const r of s.openedUntil.all(key, Number.MAX_SAFE_INTEGER, n)) {
            const i = rowIncident(r, profileId);
            if (i) stored.push(i);
          }
        }
      }
    } catch (err) {
      database.readFailed(err);
    }
  }
  return mergeIncidents(b, stored, profileId)
    .sort((a, c) => c.openedAt - a.openedAt)
    .slice(0, n);
}
