/**
 * The shard transition store against a real SQLite file: what the heatmap
 * reads back (state at the window start + changes) must match what was
 * observed, across flushes, keyframes, retention, restarts of the app and a
 * failing disk.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../../../electron/core/history';
import { createShardTransitionStore } from '../../../../electron/core/history/shard-transitions';
import type {
  ShardTransitionStore,
  ShardTransitionStoreOptions,
} from '../../../../electron/core/history/shard-transitions';
import {
  MARK_RESTART,
  decodeHeatmapSlice,
  encodeHeatmapSlice,
  heatCode,
  heatState,
  rowStateAt,
} from '../../../../shared/shard-heatmap';
import type { HeatState, HeatmapSlice } from '../../../../shared/shard-heatmap';
import { createFakeClock } from '../../../support/fake-clock';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import type { FakeClock } from '../../../support/fake-clock';
import { createTempDirs } from '../../../support/temp-dir';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

const dirs = createTempDirs('shardwatch-transitions-');
const stores: ShardTransitionStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  dirs.cleanup();
});

function setup(): { file: string; clock: FakeClock; errors: string[] } {
  return { file: join(dirs.make(), 'history.sqlite'), clock: createFakeClock(T0), errors: [] };
}

function open(
  env: { file: string; clock: FakeClock; errors: string[] },
  extra: Partial<ShardTransitionStoreOptions> = {},
): ShardTransitionStore {
  const s = createShardTransitionStore({
    file: env.file,
    clock: env.clock,
    onError: (m) => env.errors.push(wordNotice(m, sayEnglish)),
    ...extra,
  });
  stores.push(s);
  return s;
}

/** Transitions of one row as `[ms after from, state, restart]`. */
function rowOf(slice: HeatmapSlice, row: number): Array<[number, HeatState, boolean]> {
  const out: Array<[number, HeatState, boolean]> = [];
  for (let k = slice.offsets[row] as number; k < (slice.offsets[row + 1] as number); k++) {
    const c = slice.codes[k] as number;
    out.push([slice.times[k] as number, heatState(c), (c & MARK_RESTART) !== 0]);
  }
  return out;
}

const up = heatCode('up');
const down = heatCode('down');

describe('shard transition store', () => {
  it('reads back the state at the window start and every change in it, written or buffered', () => {
    const env = setup();
    const store = open(env);
    store.observe('p', T0, [0, 1, 2, 3], [up, up, up, up]);
    store.observe('p', T0 + 10 * MIN, [1, 2], [down, down]);
    expect(store.flush()).toBe(true);
    store.observe('p', T0 + 20 * MIN, [1], [up]);
    // Reported again in the state it is in: nothing new to keep.
    expect(store.observe('p', T0 + 21 * MIN, [0, 1, 3], [up, up, up])).toBe(0);
    // A restart without a state change is kept as a mark.
    expect(store.record('p', 3, T0 + 22 * MIN, heatCode('up', MARK_RESTART))).toBe(true);

    const check = (slice: HeatmapSlice): void => {
      expect([slice.shardLo, slice.shardCount]).toEqual([1, 3]);
      expect(Array.from(slice.initial, heatState)).toEqual(['down', 'down', 'up']);
      expect(rowOf(slice, 0)).toEqual([[5 * MIN, 'up', false]]);
      expect(rowOf(slice, 1)).toEqual([]);
      expect(rowOf(slice, 2)).toEqual([[7 * MIN, 'up', true]]);
    };
    // Buffered (20 min, 22 min) and stored (0, 10 min) records together…
    check(store.slice('p', T0 + 15 * MIN, T0 + HOUR, 1, 3));
    // …and the same after they are written.
    expect(store.flush()).toBe(true);
    const slice = store.slice('p', T0 + 15 * MIN, T0 + HOUR, 1, 3);
    check(slice);
    expect(store.stats()).toMatchObject({ pending: 0, invalid: 0 });

    // Shards the profile never reported, and unknown profiles, are `unknown`.
    const wide = store.slice('p', T0 + 15 * MIN, T0 + HOUR, 3, 4);
    expect(Array.from(wide.initial, heatState)).toEqual(['up', 'unknown', 'unknown', 'unknown']);
    const other = store.slice('nobody', T0, T0 + HOUR, 0, 2);
    expect(Array.from(other.initial, heatState)).toEqual(['unknown', 'unknown']);
    expect(other.times.length).toBe(0);

    // The binary form carries the same slice.
    const decoded = decodeHeatmapSlice(encodeHeatmapSlice(slice));
    expect(decoded.ok && rowOf(decoded.value, 2)).toEqual(rowOf(slice, 2));
  });

  it('replays any window exactly like the observations, across keyframes and app restarts', () => {
    const shards = 12;
    const step = fc.record({
      dt: fc.integer({ min: 0, max: 40 * MIN }),
      id: fc.integer({ min: 0, max: shards - 1 }),
      state: fc.constantFrom<HeatState>('up', 'down', 'degraded', 'one-way', 'silent', 'missing'),
      restart: fc.boolean(),
      flush: fc.boolean(),
    });
    /** Records in one millisecond of one shard merge as SQLite stores them: last state, any mark. */
    const merge = (
      xs: Array<[number, HeatState, boolean]>,
    ): Array<[number, HeatState, boolean]> => {
      const out: Array<[number, HeatState, boolean]> = [];
      for (const x of xs) {
        const prev = out[out.length - 1];
        if (prev && prev[0] === x[0]) out[out.length - 1] = [x[0], x[1], prev[2] || x[2]];
        else out.push(x);
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 12 }),
        (steps, a, b, reopenAt) => {
          const env = setup();
          let store = open(env, { keyframeIntervalMs: 30 * MIN });
          // Reference: every observation that changes something, and what a clean close adds.
          const truth: Array<{ t: number; id: number; state: HeatState; restart: boolean }> = [];
          const last = new Map<number, HeatState>();
          let t = T0;
          steps.forEach((s, i) => {
            t += s.dt;
            env.clock.advance(s.dt);
            const code = heatCode(s.state, s.restart ? MARK_RESTART : 0);
            const kept = store.record('p', s.id, t, code);
            const changes = last.get(s.id) !== s.state || s.restart;
            expect(kept).toBe(changes);
            if (changes) truth.push({ t, id: s.id, state: s.state, restart: s.restart });
            last.set(s.id, s.state);
            if (s.flush) store.flush();
            if (i === reopenAt) {
              // The app quits and starts again: watching stopped in between.
              store.close();
              store = open(env, { keyframeIntervalMs: 30 * MIN });
              for (const [id, state] of last) {
                if (state === 'no-data') continue;
                truth.push({ t, id, state: 'no-data', restart: false });
                last.set(id, 'no-data');
              }
            }
          });
          const span = t - T0 + 1;
          const from = T0 + Math.floor((span * Math.min(a, b)) / 100);
          const to = Math.max(from + 1, T0 + Math.ceil((span * Math.max(a, b)) / 100));
          const slice = store.slice('p', from, to, 0, shards);
          for (let id = 0; id < shards; id++) {
            const before = truth.filter((x) => x.id === id && x.t < from);
            expect(heatState(slice.initial[id] as number)).toBe(
              before[before.length - 1]?.state ?? 'unknown',
            );
            const want = truth
              .filter((x) => x.id === id && x.t >= from && x.t < to)
              .map((x): [number, HeatState, boolean] => [x.t - from, x.state, x.restart]);
            expect(merge(rowOf(slice, id))).toEqual(merge(want));
          }
          for (const s of stores.splice(0)) s.close();
          dirs.cleanup();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('merges two records of a shard in one millisecond: the later state, the restart mark', () => {
    const env = setup();
    const store = open(env);
    store.record('p', 0, T0, heatCode('up', MARK_RESTART));
    store.record('p', 0, T0, down);
    expect(store.flush()).toBe(true);
    expect(rowOf(store.slice('p', T0, T0 + 1, 0, 1), 0)).toEqual([[0, 'down', true]]);
    // A record in the millisecond of the keyframe just written merges the same way.
    store.record('p', 0, T0, up);
    expect(store.flush()).toBe(true);
    expect(rowOf(store.slice('p', T0, T0 + 2, 0, 1), 0)).toEqual([[0, 'up', true]]);
    expect(heatState(store.slice('p', T0 + 1, T0 + 2, 0, 1).initial[0] ?? 0)).toBe('up');
  });

  it('marks every shard no-data on close, and a crash gap on the next start', () => {
    const env = setup();
    const a = open(env);
    a.observe('p', T0, [0, 1], [up, down]);
    a.close();
    const b = open(env);
    const afterClose = b.slice('p', T0 + 1, T0 + HOUR, 0, 2);
    expect(Array.from(afterClose.initial, heatState)).toEqual(['no-data', 'no-data']);

    // Watching again, then a crash: nothing written after the last flush.
    let crashed = false;
    const c = open(env, { faults: { failWrites: () => crashed } });
    env.clock.advance(10 * MIN);
    c.observe('p', env.clock.wallNow(), [0, 1], [up, up]);
    expect(c.flush()).toBe(true);
    const aliveAt = env.clock.wallNow();
    crashed = true;
    c.close();

    env.clock.advance(2 * HOUR);
    const d = open(env);
    d.observe('p', env.clock.wallNow(), [0, 1], [up, up]);
    const slice = d.slice('p', T0 + 5 * MIN, env.clock.wallNow() + 1, 0, 2);
    for (const row of [0, 1]) {
      // Up from the restart of watching, no data from the crash, up again now.
      expect(rowOf(slice, row).map((x) => [x[0] + slice.from, x[1]])).toEqual([
        [aliveAt, 'up'],
        [aliveAt, 'no-data'],
        [env.clock.wallNow(), 'up'],
      ]);
      expect(rowStateAt(slice, row, aliveAt + HOUR)).toBe(heatCode('no-data'));
    }
  });

  it('deletes rows past retention but keeps every kept moment replayable', () => {
    const env = setup();
    const store = open(env, { keyframeIntervalMs: HOUR, retentionMs: 2 * DAY });
    // Shard 0 goes down on day 0 and stays down; shard 1 flips every hour.
    store.observe('p', T0, [0, 1], [up, up]);
    store.observe('p', T0 + 5 * MIN, [0], [down]);
    for (let h = 1; h <= 96; h++) {
      env.clock.advance(HOUR);
      store.observe('p', env.clock.wallNow(), [1], [h % 2 ? down : up]);
      store.flush();
    }
    const before = store.stats().rows;
    const res = store.runRetention(env.clock.wallNow());
    expect(res.deletedRows).toBeGreaterThan(0);
    expect(res.deletedKeyframes).toBeGreaterThan(0);
    expect(store.stats().rows).toBe(before - res.deletedRows);
    const keepFrom = env.clock.wallNow() - 2 * DAY;
    const slice = store.slice('p', keepFrom, env.clock.wallNow(), 0, 2);
    // Shard 0's change happened 4 days ago; its state is still known.
    expect(heatState(slice.initial[0] as number)).toBe('down');
    expect(rowOf(slice, 1)).toHaveLength(48);
    // Older than retention: nothing recorded any more.
    const old = store.slice('p', T0, T0 + HOUR, 0, 2);
    expect(old.times.length).toBe(0);
  });

  it('caps the rows of a profile whose shards change state without pause', () => {
    const env = setup();
    const store = open(env, { maxRowsPerProfile: 500, keyframeIntervalMs: 10 * MIN });
    for (let i = 0; i < 2000; i++) {
      env.clock.advance(1000);
      store.record('p', i % 4, env.clock.wallNow(), i % 8 < 4 ? down : up);
      if (i % 100 === 0) store.flush();
    }
    store.flush();
    store.runRetention(env.clock.wallNow());
    const rows = store.stats().rows;
    // At most the cap plus what lies between the cut and the keyframe before it.
    expect(rows).toBeLessThanOrEqual(500 + 10 * 60);
    expect(rows).toBeLessThan(2000);
    const slice = store.slice('p', env.clock.wallNow() - 5 * MIN, env.clock.wallNow() + 1, 0, 4);
    expect(slice.times.length).toBe(301);
  });

  it('keeps records in memory while the disk fails, says so once, and writes them later', () => {
    const env = setup();
    let failing = true;
    const store = open(env, { faults: { failWrites: () => failing } });
    store.observe('p', T0, [0], [up]);
    store.observe('p', T0 + MIN, [0], [down]);
    expect(store.flush()).toBe(false);
    expect(store.flush()).toBe(false);
    expect(env.errors).toEqual([
      'History could not be saved: the disk is full. Monitoring continues; charts may have gaps.',
    ]);
    expect(rowOf(store.slice('p', T0, T0 + HOUR, 0, 1), 0)).toEqual([
      [0, 'up', false],
      [MIN, 'down', false],
    ]);
    failing = false;
    expect(store.flush()).toBe(true);
    expect(store.stats()).toMatchObject({ rows: 2, pending: 0 });
  });

  it('bounds the backlog while writes fail by dropping the oldest records', () => {
    const env = setup();
    const store = open(env, { faults: { failWrites: () => true }, maxPending: 100 });
    for (let i = 0; i < 300; i++) store.record('p', i, T0 + i, up);
    const s = store.stats();
    expect(s.pending).toBeLessThanOrEqual(100);
    expect(s.pending + s.dropped).toBe(300);
    // The newest survive.
    expect(heatState(store.slice('p', T0, T0 + 1000, 299, 1).codes[0] ?? 0)).toBe('up');
  });

  it('refuses bad input without losing anything, and says what is wrong with a bad range', () => {
    const env = setup();
    const store = open(env);
    expect(store.observe('p', T0, [-1, 1.5, 2 ** 30, 3, 4], [up, up, up, 200, up])).toBe(1);
    expect(store.observe('p', Number.NaN, [5], [up])).toBe(0);
    expect(store.stats().invalid).toBe(5);
    expect(() => store.slice('p', T0, T0, 0, 1)).toThrow(/end after it starts/);
    expect(() => store.slice('p', T0, T0 + 41 * DAY, 0, 1)).toThrow(/40 days/);
    expect(() => store.slice('p', T0, T0 + 1, -1, 1)).toThrow(/shard id/);
    expect(() => store.slice('p', T0, T0 + 1, 0, 2 ** 21)).toThrow(/0 to/);
    expect(store.slice('p', T0 + 1, T0 + 2, 4, 1).initial[0]).toBe(up);
  });

  it('forgets a deleted profile and nothing else', () => {
    const env = setup();
    const store = open(env);
    store.observe('a', T0, [0], [down]);
    store.observe('b', T0, [0], [down]);
    store.flush();
    store.deleteProfile('a');
    expect(store.slice('a', T0, T0 + 1, 0, 1).times.length).toBe(0);
    expect(store.slice('b', T0, T0 + 1, 0, 1).times.length).toBe(1);
    expect(store.stats().rows).toBe(1);
  });

  it('shares a file with the history store', () => {
    const env = setup();
    const history = createHistoryStore({ file: env.file, clock: env.clock });
    const store = open(env);
    try {
      history.recordPing('p', T0, 12);
      store.observe('p', T0, [0], [down]);
      expect(history.flush()).toBe(true);
      expect(store.flush()).toBe(true);
      history.recordRestart('p', 0, T0 + 1);
      expect(history.flush()).toBe(true);
      expect(history.stats().rawRows).toBe(1);
      expect(store.stats().rows).toBe(1);
      expect(history.health().ok).toBe(true);
    } finally {
      history.close();
    }
    expect(env.errors).toEqual([]);
  });
});
