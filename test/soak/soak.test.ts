/**
 * Accelerated soak: the real core (runtimes, shard tracker, latency
 * statistics, alert engine, SQLite history on disk, deltas) on a fake clock,
 * fed by scripted gateway connections (test/reliability/scripted-gateway.ts):
 * every profile reports 1 000 shards every 10 s and answers a ping every
 * 5 s, and once per simulated day 30 of its shards go down for 10 minutes.
 *
 * `npm run test:soak` (and `npm run test:reliability`): 1 simulated day,
 * 2 profiles. Long (`npm run test:reliability:long`): 7 days, 20 profiles.
 * Not part of `npm test`: see vitest.soak.config.ts.
 * Checked: heap flat after warm-up (sampled hourly after a full GC), history
 * within its retention bounds, and incidents exactly the scripted ones — one
 * "shards down" per profile per day, opened and cleared, nothing else.
 */
import { DatabaseSync } from 'node:sqlite';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_RETENTION } from '../../electron/core/history';
import type { Incident } from '../../shared/incident-model';
import { profileInput, startCore, tempDirs } from '../reliability/core-harness';
import { createScriptedGateway } from '../reliability/scripted-gateway';
import { createSteppingClock, size, timeoutFor, watchCrashes } from '../reliability/support';
import { useScorecard } from '../reliability/use-scorecard';

const card = useScorecard('soak');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const DAYS = size(1, 7);
const PROFILES = size(2, 20);
const SHARDS = 1000;
const PING_MS = 5 * SEC;
const REPORT_MS = 10 * SEC;
const OUTAGE_SHARDS = 30;
const OUTAGE_MS = 10 * MIN;
/** Heap is judged after this much simulated time (windows and buffers filled). */
const WARM_UP_MS = size(4 * HOUR, 25 * HOUR);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

describe('soak', () => {
  it(
    `${DAYS} simulated day(s), ${PROFILES} profiles × ${SHARDS} shards: flat memory, bounded history, exactly the scripted incidents`,
    async () => {
      const crashes = watchCrashes();
      const start = Date.UTC(2026, 10, 23, 0, 0, 0);
      const clock = createSteppingClock(start);
      // Profile i's outage starts at 03:00 + 2 i minutes every day.
      const outageStart = (profileIndex: number, day: number) =>
        start + day * DAY + 3 * HOUR + profileIndex * 2 * MIN;
      const indexOfBot = new Map<string, number>();
      const gateway = createScriptedGateway(clock, (options) => {
        const p = indexOfBot.get(options.identity.botId) ?? 0;
        return {
          shardCount: SHARDS,
          reportEveryMs: REPORT_MS,
          rttAt: (at) => 40 + ((at / PING_MS) % 7),
          disconnected: (at, id) => {
            if (id < 100 || id >= 100 + OUTAGE_SHARDS) return false;
            const day = Math.floor((at - start) / DAY);
            const from = outageStart(p, day);
            return at >= from && at < from + OUTAGE_MS;
          },
        };
      });
      let deltaCount = 0;
      const h = await startCore({
        dataDir: dirs.make(),
        clock,
        connectionFactory: gateway.factory,
        keepDeltas: false,
        onDelta: () => void deltaCount++,
      });
      for (let i = 0; i < PROFILES; i++) {
        const input = profileInput({ shardTotal: SHARDS, pingIntervalMs: PING_MS });
        indexOfBot.set(input.botId, i);
        const r = await h.core.handle('command:create-profile', [input]);
        expect(r.ok).toBe(true);
      }
      expect(gateway.connections).toHaveLength(PROFILES);

      const heap: Array<[number, number]> = [];
      for (let t = 0; t < DAYS * DAY; t += HOUR) {
        clock.advance(HOUR);
        heap.push([(t + HOUR) / HOUR, heapMb()]);
      }

      // ---- incidents: exactly the scripted ones ----
      const r = await h.core.handle('query:incidents', [null, 10_000]);
      if (!r.ok) throw new Error(r.error.message);
      const incidents = r.value as Incident[];
      const byRule = new Map<string, number>();
      for (const i of incidents) byRule.set(i.rule, (byRule.get(i.rule) ?? 0) + 1);
      const expected = PROFILES * DAYS;
      card.add('faultsInjected', expected);
      card.detail('scripted outages', expected);
      card.detail('incidents raised', incidents.length);
      expect(Object.fromEntries(byRule)).toEqual({ 'shards-down': expected });
      const perProfile = new Map<string, number>();
      for (const i of incidents)
        perProfile.set(i.profileId, (perProfile.get(i.profileId) ?? 0) + 1);
      expect([...perProfile.values()]).toEqual(new Array(PROFILES).fill(DAYS));
      for (const i of incidents) {
        expect(i.clearedAt).not.toBeNull();
        expect(i.shardIds).toEqual(Array.from({ length: OUTAGE_SHARDS }, (_, k) => 100 + k));
        // Opened after the debounce, cleared after the outage, within the day's window.
        const day = Math.floor((i.openedAt - start) / DAY);
        expect(i.openedAt).toBeGreaterThan(start + day * DAY + 3 * HOUR);
        expect((i.clearedAt as number) - i.openedAt).toBeGreaterThanOrEqual(OUTAGE_MS - MIN);
        expect((i.clearedAt as number) - i.openedAt).toBeLessThanOrEqual(OUTAGE_MS + MIN);
      }
      // One alert and one recovery per scripted outage.
      const recoveries = h.notifier.notifications.filter((n) => n.title.includes(': recovered: '));
      expect(recoveries).toHaveLength(expected);
      expect(h.notifier.notifications).toHaveLength(2 * expected);

      // ---- history within retention ----
      const snap = await h.core.handle('query:snapshot', []);
      expect(snap.ok).toBe(true);
      await h.dispose();
      const db = new DatabaseSync(h.historyFile as string, { readOnly: true });
      const count = (table: string) =>
        Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
      const rows = {
        samples: count('samples'),
        minute: count('rollup_minute'),
        hour: count('rollup_hour'),
        events: count('events'),
        incidents: count('incidents'),
      };
      db.close();
      const pingsPerDay = DAY / PING_MS;
      // Raw samples: the last 24 h (+ up to one retention period of 1 h and the flush grace).
      expect(rows.samples).toBeLessThanOrEqual(PROFILES * pingsPerDay * (25 / 24) + PROFILES * 20);
      expect(rows.samples).toBeGreaterThanOrEqual(PROFILES * pingsPerDay * 0.9);
      expect(rows.minute).toBeLessThanOrEqual(
        (PROFILES * Math.min(DAYS * DAY, HISTORY_RETENTION.minuteMs)) / MIN + PROFILES,
      );
      expect(rows.hour).toBeLessThanOrEqual(PROFILES * (DAYS * 24 + 1));
      expect(rows.events).toBeLessThanOrEqual(PROFILES * HISTORY_RETENTION.eventsPerProfile);
      expect(rows.incidents).toBe(expected);
      for (const [k, v] of Object.entries(rows)) card.detail(`history rows: ${k}`, v);

      // ---- memory flat after warm-up ----
      const warm = heap.filter(([hour]) => hour * HOUR > WARM_UP_MS);
      const values = warm.map(([, mb]) => mb);
      const spread = Math.max(...values) - Math.min(...values);
      const perDay = slope(warm) * 24;
      card.detail('heap after warm-up: min MB', Math.round(Math.min(...values) * 10) / 10);
      card.detail('heap after warm-up: max MB', Math.round(Math.max(...values) * 10) / 10);
      card.detail('heap trend MB per simulated day', Math.round(perDay * 100) / 100);
      card.detail('deltas pushed', deltaCount);
      card.detail('simulated days', DAYS);
      card.detail('profiles × shards', `${PROFILES} × ${SHARDS}`);
      card.detail(
        'pings / shard reports processed',
        `${gateway.connections.reduce((s, c) => s + c.pingsSent(), 0)} / ${gateway.connections.reduce((s, c) => s + c.reports(), 0)}`,
      );
      expect(spread).toBeLessThan(Math.max(8, 0.1 * Math.min(...values)));
      expect(Math.abs(perDay)).toBeLessThan(2);

      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    // A bound that only stops a hung run: this is CPU-bound work (83 s on a quiet 2-core
    // machine, several times that at load 20), which is why it is not part of `npm test`.
    timeoutFor(1_800_000, 7_200_000),
  );
});
