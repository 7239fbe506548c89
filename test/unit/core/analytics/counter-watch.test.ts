import { describe, expect, it } from 'vitest';
import {
  COUNTER_DEVELOPMENT,
  COUNTER_DISCONNECTED,
  countersFromViews,
  createCounterWatch,
  namedStateText,
} from '../../../../electron/core/analytics/counter-watch';
import type { ShardCounters } from '../../../../electron/core/analytics/counter-watch';
import { createFakeClock } from '../../../support/fake-clock';

const SEC = 1000;

/** A little fleet whose counters the tests move by hand. */
function fleet(n: number) {
  const c = {
    count: n,
    ids: Int32Array.from({ length: n }, (_, i) => i),
    sendPing: new Float64Array(n),
    receibePing: new Float64Array(n),
    sending: new Float64Array(n),
    received: new Float64Array(n),
    flags: new Uint8Array(n),
  } satisfies ShardCounters;
  /** One healthy report cycle: pings answered, messages both ways. */
  const healthy = (i: number): void => {
    c.sendPing[i] = (c.sendPing[i] ?? 0) + 1;
    c.receibePing[i] = (c.receibePing[i] ?? 0) + 1;
    c.sending[i] = (c.sending[i] ?? 0) + 3;
    c.received[i] = (c.received[i] ?? 0) + 5;
  };
  return { c, healthy };
}

describe('one-way and silent shards', () => {
  it('names a shard one-way once pings go out and none come back for a minute', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const { c, healthy } = fleet(6);
    w.observe(c);
    const seen: Array<[number[], Array<string | null>]> = [];
    for (let s = 0; s < 80; s++) {
      clock.advance(5 * SEC);
      for (let i = 0; i < 6; i++) {
        if (i === 4) {
          c.sendPing[4] = (c.sendPing[4] ?? 0) + 1;
          c.sending[4] = (c.sending[4] ?? 0) + 1;
        } else healthy(i);
      }
      const ch = w.observe(c);
      if (ch.ids.length) seen.push([ch.ids, ch.states]);
    }
    // Reported once, at the first report 60 s after the last answer.
    expect(seen).toEqual([[[4], ['one-way']]]);
    expect(w.named()).toEqual({ oneWay: [4], silent: [] });
    // Pings answered again, but still no message received while the others get theirs.
    clock.advance(5 * SEC);
    c.receibePing[4] = (c.receibePing[4] ?? 0) + 1;
    expect(w.observe(c)).toEqual({ ids: [4], states: ['silent'] });
    // Messages again: nothing to name.
    clock.advance(5 * SEC);
    c.received[4] = (c.received[4] ?? 0) + 1;
    expect(w.observe(c)).toEqual({ ids: [4], states: [null] });
    expect(w.stateOf(4)).toBeNull();
  });

  it('names a shard silent when it hears nothing while the others do, but not in a quiet hour', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const { c, healthy } = fleet(5);
    w.observe(c);
    for (let s = 0; s < 30; s++) {
      clock.advance(5 * SEC);
      for (let i = 0; i < 5; i++) {
        const before = c.received[i] ?? 0;
        healthy(i);
        if (i === 2) c.received[2] = before;
      }
      w.observe(c);
    }
    expect(w.named()).toEqual({ oneWay: [], silent: [2] });
    expect(namedStateText('silent', [2]).title).toBe('shard 2 silent');

    // Nobody receives anything (a quiet hour): silence is normal, nobody is named.
    const quiet = createCounterWatch({ clock });
    const q = fleet(5);
    quiet.observe(q.c);
    for (let s = 0; s < 30; s++) {
      clock.advance(5 * SEC);
      for (let i = 0; i < 5; i++) {
        q.c.sendPing[i] = (q.c.sendPing[i] ?? 0) + 1;
        q.c.receibePing[i] = (q.c.receibePing[i] ?? 0) + 1;
      }
      quiet.observe(q.c);
    }
    expect(quiet.named()).toEqual({ oneWay: [], silent: [] });
  });

  it('leaves development, disconnected and restarted shards alone', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const { c, healthy } = fleet(5);
    c.flags[0] = COUNTER_DEVELOPMENT;
    c.flags[1] = COUNTER_DISCONNECTED;
    w.observe(c);
    for (let s = 0; s < 30; s++) {
      clock.advance(5 * SEC);
      for (let i = 2; i < 5; i++) healthy(i);
      for (const i of [0, 1]) c.sendPing[i] = (c.sendPing[i] ?? 0) + 1;
      // Shard 2 restarts every 50 s: its counters start again from zero.
      if (s % 10 === 9) {
        c.sendPing[2] = 1;
        c.receibePing[2] = 0;
        c.received[2] = 0;
        c.sending[2] = 0;
      }
      w.observe(c);
    }
    expect(w.named()).toEqual({ oneWay: [], silent: [] });
  });

  it('starts afresh after our own outage and forgets removed shards', () => {
    const clock = createFakeClock();
    const w = createCounterWatch({ clock });
    const { c, healthy } = fleet(4);
    w.observe(c);
    for (let s = 0; s < 14; s++) {
      clock.advance(5 * SEC);
      for (let i = 0; i < 4; i++) healthy(i);
      c.receibePing[3] = 0;
      w.observe(c);
    }
    expect(w.stateOf(3)).toBe('one-way');
    expect(w.markNoData()).toEqual({ ids: [3], states: [null] });
    // Back, with the same frozen counter: the clock restarts, nothing for a minute.
    clock.advance(5 * SEC);
    c.sendPing[3] = (c.sendPing[3] ?? 0) + 1;
    expect(w.observe(c).ids).toEqual([]);
    clock.advance(60 * SEC);
    c.sendPing[3] = (c.sendPing[3] ?? 0) + 5;
    expect(w.observe(c)).toEqual({ ids: [3], states: ['one-way'] });
    expect(w.remove([3])).toEqual({ ids: [3], states: [null] });
    expect(w.evaluate().ids).toEqual([]);
  });

  it('reads today’s shard views as columns', () => {
    const cols = countersFromViews([
      {
        id: 7,
        sendPing: 1,
        receibePing: 2,
        sending: 3,
        received: 4,
        disconnected: true,
        development: true,
      },
    ]);
    expect(Array.from(cols.ids)).toEqual([7]);
    expect([cols.sendPing[0], cols.receibePing[0], cols.sending[0], cols.received[0]]).toEqual([
      1, 2, 3, 4,
    ]);
    expect(cols.flags[0]).toBe(COUNTER_DISCONNECTED | COUNTER_DEVELOPMENT);
  });
});
