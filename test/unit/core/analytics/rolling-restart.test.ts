import { describe, expect, it } from 'vitest';
import { createRollingRestartDetector } from '../../../../electron/core/analytics/rolling-restart';
import type { RollingRestartTick } from '../../../../electron/core/analytics/rolling-restart';
import { createFakeClock } from '../../../support/fake-clock';
import { createTranslator } from '../../../../shared/i18n/translator';
import type { FakeClock } from '../../../support/fake-clock';

const SEC = 1000;
const MIN = 60 * SEC;

/** Run the detector's 1 Hz tick for `ms`, collecting what it reports. */
function run(
  clock: FakeClock,
  d: ReturnType<typeof createRollingRestartDetector>,
  ms: number,
  out: RollingRestartTick[],
): void {
  for (let t = 0; t < ms; t += SEC) {
    clock.advance(SEC);
    const r = d.tick();
    if (r.started || r.finished || r.overdue.length || r.abandoned.length) out.push(r);
  }
}

describe('rolling restarts', () => {
  it('holds the alerts of a deploy, releases a shard that does not come back, and sums it up once', () => {
    const clock = createFakeClock();
    const d = createRollingRestartDetector({ clock, shardTotal: 40 });
    const seen: RollingRestartTick[] = [];
    const t0 = clock.wallNow();
    // Shards 0…9 restart one after another, 10 s apart, each back after 8 s; shard 6 never comes back.
    for (let id = 0; id < 10; id++) {
      d.down([id]);
      // Before the third shard nothing says "deploy": a lone failure is alerted on as usual.
      expect(d.isHeld(id)).toBe(id >= 2);
      run(clock, d, 8 * SEC, seen);
      if (id !== 6) d.back([id]);
      run(clock, d, 2 * SEC, seen);
    }
    expect(d.isHeld(6)).toBe(true);
    expect(d.isHeld(5)).toBe(false);
    run(clock, d, 10 * MIN, seen);
    expect(d.isHeld(6)).toBe(false);
    expect(seen.map((r) => [!!r.started, r.overdue, r.finished?.text ?? null])).toEqual([
      [true, [], null],
      [
        false,
        [6],
        'Rolling restart: 10 shards (0–9) restarted in ascending order over 2 min; 1 not back within 5 min: 6.',
      ],
    ]);
    expect(seen[1]?.finished).toMatchObject({ startedAt: t0, ids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(d.active()).toBeNull();
  });

  it('takes batches in any order inside, in order between them, either direction', () => {
    const clock = createFakeClock();
    const d = createRollingRestartDetector({ clock, shardTotal: 64 });
    // Cluster 3 (shards 24…31), then 2, then 1: descending batches of 8, restarted without being seen down.
    for (const base of [24, 16, 8]) {
      d.restarted([base + 5, base + 1, base + 7, base, base + 2, base + 6, base + 3, base + 4]);
      clock.advance(30 * SEC);
    }
    expect(d.active()).toMatchObject({ direction: 'descending' });
    expect(d.active()?.ids).toHaveLength(24);
    const out: RollingRestartTick[] = [];
    run(clock, d, 3 * MIN, out);
    expect(out.at(-1)?.finished?.text).toBe(
      'Rolling restart: 24 shards (8–31) restarted in descending order over 1 min; all came back.',
    );
  });

  it("words the deploy in the user's language", () => {
    const clock = createFakeClock();
    const say = createTranslator('pt-BR').say;
    const d = createRollingRestartDetector({ clock, shardTotal: 40, say });
    const out: RollingRestartTick[] = [];
    for (let id = 0; id < 10; id++) {
      d.down([id]);
      run(clock, d, 8 * SEC, out);
      if (id !== 6) d.back([id]);
      run(clock, d, 2 * SEC, out);
    }
    run(clock, d, 10 * MIN, out);
    expect(out.at(-1)?.finished?.text).toBe(
      'Reinício escalonado: 10 shards (0–9) reiniciados em ordem crescente ao longo de 2 min; 1 sem voltar em 5 min: 6.',
    );
  });

  it('does not take failures out of order, or an outage, for a deploy', () => {
    const clock = createFakeClock();
    const d = createRollingRestartDetector({ clock, shardTotal: 100 });
    for (const id of [50, 10, 80, 20]) {
      d.down([id]);
      clock.advance(20 * SEC);
    }
    expect(d.active()).toBeNull();
    expect(d.isHeld(20)).toBe(false);

    // A deploy is under way when half the bot falls over at once: every held shard is released.
    const e = createRollingRestartDetector({ clock, shardTotal: 100 });
    for (let id = 0; id < 4; id++) {
      e.down([id]);
      clock.advance(10 * SEC);
    }
    expect(e.isHeld(3)).toBe(true);
    e.down(Array.from({ length: 50 }, (_, k) => 50 + k));
    const tick = e.tick();
    expect(tick.abandoned).toEqual([0, 1, 2, 3]);
    expect(e.isHeld(3)).toBe(false);
    expect(e.active()).toBeNull();
  });

  it('lets a recognised deploy go on without a shard that fails out of order', () => {
    const clock = createFakeClock();
    const d = createRollingRestartDetector({ clock, shardTotal: 100 });
    for (let id = 10; id < 14; id++) {
      d.down([id]);
      clock.advance(10 * SEC);
      d.back([id]);
    }
    d.down([3]);
    expect(d.isHeld(3)).toBe(false);
    d.down([14]);
    expect(d.isHeld(14)).toBe(true);
    expect(d.active()?.ids).toEqual([10, 11, 12, 13, 14]);
  });
});
