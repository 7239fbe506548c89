/**
 * The Prometheus endpoint of `shardwatch serve --metrics`: `/metrics` in the
 * Prometheus text format through prom-client (docs/operations.md says why),
 * behind the bearer token of `metrics-token`. Every metric starts with
 * `shardwatch_`; labels are the profile's name and id, never a secret.
 *
 * Gauges are read from the core when a scrape comes (a snapshot of the
 * state); the ping RTT histogram and the lost- and disturbed-ping counters
 * are fed with every ping outcome as it happens (`observePing`), the throttle
 * counter with every throttle (`observeThrottle`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiEvents, AppApi } from '../../../shared/api';
import { SHARD_STATES } from '../../../shared/live-status';
import type { Severity } from '../../../shared/incident-model';
import type { BudgetExceeded } from '../gateway/budget';
import { hasBearer } from './metrics-token';

/** Path of the endpoint. */
export const METRICS_PATH = '/metrics';

/** RTT buckets in seconds: 1 ms to 5 s. */
export const RTT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What the metrics read from the core. */
export interface MetricsCore {
  api: Pick<AppApi, 'query:snapshot' | 'query:uptime'>;
  on(event: 'event:delta', listener: (d: ApiEvents['event:delta']) => void): () => void;
}

/** Handle of the metrics endpoint. */
export interface Metrics {
  /**
   * Feed one ping outcome (`null` = lost). A disturbed answer (timed while the
   * app's thread stalled, docs/architecture.md §3.11) is counted apart and
   * kept out of the RTT histogram.
   */
  observePing(profileId: string, rttMs: number | null, disturbed?: boolean): void;
  /** Feed one throttle of a profile's connection, by the budget it went over. */
  observeThrottle(profileId: string, budget: BudgetExceeded): void;
  /** Attach to the core (after it is created; pings may arrive before). */
  attach(core: MetricsCore): void;
  /** Serve `/metrics`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The text a scrape gets (tests). */
  text(): Promise<string>;
  dispose(): void;
}

const SEVERITIES: Severity[] = ['info', 'warning', 'critical'];
/** The `reason` label of the throttle counter for each budget. */
const THROTTLE_REASONS: Record<BudgetExceeded, string> = {
  frames: 'frames',
  bytes: 'bytes',
  'ping-answers': 'answers',
};
const LABELS = ['profile', 'profile_id'] as const;

/** Create the endpoint; `token` is what scrapes must present. */
export function createMetrics(opts: { token: string }): Metrics {
  const registry = new Registry();
  const names = new Map<string, string>();
  let core: MetricsCore | null = null;
  let off: (() => void) | null = null;
  const labelsOf = (id: string) => ({ profile: names.get(id) ?? id, profile_id: id });

  const rtt = new Histogram({
    name: 'shardwatch_ping_rtt_seconds',
    help: 'Round-trip time of answered gateway pings.',
    labelNames: LABELS,
    buckets: RTT_BUCKETS,
    registers: [registry],
  });
  const lost = new Counter({
    name: 'shardwatch_pings_lost_total',
    help: 'Gateway pings that got no answer in time.',
    labelNames: LABELS,
    registers: [registry],
  });
  const disturbedPings = new Counter({
    name: 'shardwatch_pings_disturbed_total',
    help: 'Gateway pings answered while Shardwatch could not time them honestly (its thread stalled); not in the RTT histogram.',
    labelNames: LABELS,
    registers: [registry],
  });
  const throttles = new Counter({
    name: 'shardwatch_connection_throttles_total',
    help: "Times a profile's connection went over a per-second budget and was throttled, by budget (frames, bytes, answers).",
    labelNames: [...LABELS, 'reason'],
    registers: [registry],
  });

  async function snapshot() {
    if (!core) return null;
    const r = await core.api['query:snapshot']();
    return r.ok ? r.value : null;
  }

  new Gauge({
    name: 'shardwatch_profile_up',
    help: '1 while the profile is connected to its gateway and registered (ready), else 0.',
    labelNames: LABELS,
    registers: [registry],
    async collect() {
      this.reset();
      const snap = await snapshot();
      for (const p of snap?.profiles ?? []) {
        names.set(p.id, p.name);
        this.set(labelsOf(p.id), snap?.status[p.id]?.state === 'ready' ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'shardwatch_shards',
    help: 'Shards of a profile by health state (missing: expected but never reported).',
    labelNames: [...LABELS, 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const snap = await snapshot();
      for (const p of snap?.profiles ?? []) {
        const s = snap?.status[p.id]?.shards;
        if (!s) continue;
        const counts: Record<string, number> = {
          up: s.up,
          degraded: s.degraded,
          down: s.down,
          'no-data': s.noData,
          dev: s.dev,
          missing: s.missingCount,
        };
        for (const state of [...SHARD_STATES, 'missing'])
          this.set({ ...labelsOf(p.id), state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'shardwatch_open_incidents',
    help: 'Open incidents by profile and severity.',
    labelNames: [...LABELS, 'severity'],
    registers: [registry],
    async collect() {
      this.reset();
      const snap = await snapshot();
      for (const p of snap?.profiles ?? []) {
        const open =
          snap?.incidents.filter((i) => i.profileId === p.id && i.clearedAt === null) ?? [];
        for (const severity of SEVERITIES)
          this.set(
            { ...labelsOf(p.id), severity },
            open.filter((i) => i.severity === severity).length,
          );
      }
    },
  });
  new Gauge({
    name: 'shardwatch_uptime_ratio',
    help: 'Connected time over monitored time, from history (0–1), by window.',
    labelNames: [...LABELS, 'window'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!core) return;
      const r = await core.api['query:uptime'](null);
      if (!r.ok) return;
      for (const u of r.value)
        for (const f of u.figures)
          if (f.pct !== null) this.set({ ...labelsOf(u.profileId), window: f.window }, f.pct / 100);
    },
  });

  function onProfiles(list: Array<{ id: string; name: string }>): void {
    const ids = new Set(list.map((p) => p.id));
    for (const [id, name] of [...names]) {
      const now = list.find((p) => p.id === id);
      // A renamed or deleted profile's series would otherwise live on under the old name.
      if (!ids.has(id) || now?.name !== name) {
        const old = { profile: name, profile_id: id };
        rtt.remove(old);
        lost.remove(old);
        disturbedPings.remove(old);
        for (const reason of Object.values(THROTTLE_REASONS)) throttles.remove({ ...old, reason });
        names.delete(id);
      }
    }
    for (const p of list) names.set(p.id, p.name);
  }

  return {
    observePing(profileId, rttMs, disturbed = false) {
      if (rttMs === null) lost.inc(labelsOf(profileId));
      else if (!(Number.isFinite(rttMs) && rttMs >= 0)) return;
      else if (disturbed) disturbedPings.inc(labelsOf(profileId));
      else rtt.observe(labelsOf(profileId), rttMs / 1000);
    },
    observeThrottle(profileId, budget) {
      throttles.inc({ ...labelsOf(profileId), reason: THROTTLE_REASONS[budget] });
    },
    attach(c) {
      core = c;
      off = c.on('event:delta', (d) => {
        if (d.profiles) onProfiles(d.profiles);
      });
      void snapshot().then((s) => s && onProfiles(s.profiles));
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://metrics.invalid');
      if (url.pathname !== METRICS_PATH) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Shardwatch metrics: only GET is served here.\n');
        return true;
      }
      if (!hasBearer(req.headers.authorization, opts.token)) {
        res.writeHead(401, {
          'WWW-Authenticate': 'Bearer realm="shardwatch-metrics"',
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(
          'Shardwatch metrics: send the token from the metrics-token file in the data folder as "Authorization: Bearer <token>".\n',
        );
        return true;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
    text: () => registry.metrics(),
    dispose() {
      off?.();
      off = null;
      core = null;
      registry.clear();
    },
  };
}
