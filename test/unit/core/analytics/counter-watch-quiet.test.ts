/**
 * The counter watch fed only the shards that changed (the tracker's change
 * list), as the monitor feeds it: a shard not reported again keeps its last
 * counters, and time alone must still name it (or stop naming it) on the
 * next report or tick, exactly as if every shard had been reported again.
 */
import { describe, expect, it } from 'vitest';
import {
  COUNTER_DEVELOPMENT,
  COUNTER_DISCONNECTED,
  createCounterWatch,
} from '../../../../electron/core/analytics/counter-watch';
import type {
  NamedStateChange,
  ShardCounters,
} from '../../../../electron/core/analytics/counter-watch';
import { createFakeClock } from '../../../support/fake-clock';
import { seededRandom as random } from '../../../support/seeded-random';

const SEC = 1000;

interface Shard {
  sendPing: number;
  receibePing: number;
  sending: number;
  received: number;
  flags: number;
}

/** Columns of the listed shards. */
function columns(shards: Shard[], ids: number[]): ShardCounters {
  const pick = (f: (s: Shard) => number) => Float64Array.from(ids, (id) => f(shards[id] as Shard));
  return {
    count: ids.length,
    ids: Int32Array.from(ids),
    sendPing: pick((s) => s.sendPing),
    receibePing: pick((s) => s.receibePing),
    sending: pick((s) => s.sending),
    received: pick((s) => s.received),
    flags: Uint8Array.from(ids, (id) => (shards[id] as Shard).flags),
  };
}

const fresh = (): Shard => ({ sendPing: 0, receibePing: 0, sending: 0, received: 0, flags: 0 });
const key = (s: Shard): string =>
  `${s.sendPing},${s.receibePing},${s.sending},${s.received},${s.flags}`;

describe('counter watch fed only the shards that changed', () => {
  it('moves a shard that went quiet from one-way to silent to nothing, with no report of it', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const shards = Array.from({ length: 4 }, fresh);
    w.observe(columns(shards, [0, 1, 2, 3]));
    const seen: NamedStateChange[] = [];
    const note = (c: NamedStateChange): void => void (c.ids.length > 0 && seen.push(c));
    // Shard 3 sends pings that nobody answers for 80 s: one-way.
    for (let s = 0; s < 16; s++) {
      clock.advance(5 * SEC);
      for (const id of [0, 1, 2]) {
        const x = shards[id] as Shard;
        x.sendPing++;
        x.receibePing++;
        x.received += 2;
      }
      (shards[3] as Shard).sendPing++;
      note(w.observe(columns(shards, [0, 1, 2, 3])));
    }
    expect(w.named().oneWay).toEqual([3]);
    // Then shard 3 goes quiet: it is in no report again, the others are.
    for (let s = 0; s < 30; s++) {
      clock.advance(5 * SEC);
      for (const id of [0, 1, 2]) (shards[id] as Shard).received += 2;
      note(w.observe(columns(shards, [0, 1, 2])));
    }
    expect(seen.map((c) => [c.ids, c.states])).toEqual([
      [[3], ['one-way']],
      // A minute after its last ping it is not one-way; it showed life lately and heard nothing.
      [[3], ['silent']],
      // Two minutes after its last sign of life it is not silent either.
      [[3], [null]],
    ]);
    expect(w.named()).toEqual({ oneWay: [], silent: [] });
  });

  it('names the same shards as reporting every shard, over random fleets', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rnd = random(seed);
      const clock = createFakeClock();
      const all = createCounterWatch({ clock });
      const changedOnly = createCounterWatch({ clock });
      const n = 10;
      const shards = Array.from({ length: n }, fresh);
      // Each shard's habit: 0 healthy, 1 answers no pings, 2 receives nothing, 3 frozen.
      const habit = Array.from({ length: n }, () => 0);
      const ids = [...Array(n).keys()];
      let last = shards.map(key);
      const log: { all: string[]; changed: string[] } = { all: [], changed: [] };
      const put = (to: string[], c: NamedStateChange): void => {
        if (c.ids.length > 0)
          to.push(`${clock.wallNow()} ${c.ids.join(',')}=${c.states.join(',')}`);
      };
      put(log.all, all.observe(columns(shards, ids)));
      put(log.changed, changedOnly.observe(columns(shards, ids)));
      for (let step = 0; step < 300; step++) {
        const r = rnd();
        const id = Math.floor(rnd() * n);
        const x = shards[id] as Shard;
        if (r < 0.15) habit[id] = Math.floor(rnd() * 4);
        else if (r < 0.2) x.flags ^= COUNTER_DISCONNECTED;
        else if (r < 0.22) x.flags ^= COUNTER_DEVELOPMENT;
        else if (r < 0.24) x.received = 0;
        clock.advance(rnd() < 0.2 ? 40 * SEC : 5 * SEC);
        if (rnd() < 0.3) {
          // A tick: time passes with no report.
          put(log.all, all.evaluate());
          put(log.changed, changedOnly.evaluate());
          continue;
        }
        for (let i = 0; i < n; i++) {
          const s = shards[i] as Shard;
          const h = habit[i] as number;
          if (h === 3) continue;
          s.sendPing++;
          s.sending++;
          if (h !== 1) s.receibePing++;
          if (h !== 2) s.received++;
        }
        const now = shards.map(key);
        const changed = ids.filter((i) => now[i] !== last[i]);
        last = now;
        put(log.all, all.observe(columns(shards, ids)));
        put(log.changed, changedOnly.observe(columns(shards, changed)));
        expect(changedOnly.named(), `seed ${seed} step ${step}`).toEqual(all.named());
      }
      expect(log.changed, `seed ${seed}`).toEqual(log.all);
    }
  });

  it('names a quiet shard silent once others hear again, though it is not in the report', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const shards = Array.from({ length: 4 }, fresh);
    w.observe(columns(shards, [0, 1, 2, 3]));
    // Nobody receives for 130 s; shard 3 keeps sending. Without peers that hear, nobody is silent.
    for (let s = 0; s < 26; s++) {
      clock.advance(5 * SEC);
      (shards[3] as Shard).sending++;
      expect(w.observe(columns(shards, [3])).ids).toEqual([]);
    }
    // Shard 3 stops; then shards 0 and 1 hear again: shard 3 alone heard nothing.
    clock.advance(5 * SEC);
    (shards[0] as Shard).received++;
    (shards[1] as Shard).received++;
    expect(w.observe(columns(shards, [0, 1]))).toEqual({ ids: [3], states: ['silent'] });
  });

  it('reports nothing on a tick when no shard was reported and no clock ran out', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const shards = Array.from({ length: 3 }, fresh);
    w.observe(columns(shards, [0, 1, 2]));
    clock.advance(10 * SEC);
    expect(w.evaluate()).toEqual({ ids: [], states: [] });
    expect(w.named()).toEqual({ oneWay: [], silent: [] });
  });
});
