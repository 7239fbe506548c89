/**
 * A 50,000-shard bot on a documented-dialect gateway that sends its
 * snapshots as text frames (about 9 MiB each): monitored end to end with
 * the default "Largest frame", every shard known, states right. Before the
 * setting existed such a bot hit the 1 MiB limit at about 6,000 shards.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_LIMIT_BYTES, FRAME_LIMIT_MIB } from '../../../shared/frame-limit';
import { createProfile, profileFor, startCore, startSim, waitForStatus } from './helpers';

const SHARDS = 50_000;
/** Every 97th shard is down, every 1,000th in development mode (and not down). */
const isDev = (id: number): boolean => id % 1000 === 0;
const isDown = (id: number): boolean => id % 97 === 0 && !isDev(id);

describe('a 50,000-shard bot', () => {
  it('is monitored over text frames with the default frame limit: all shards present, states right', async () => {
    const sim = await startSim({ shardCount: SHARDS, documentedOutput: 'text' });
    let down = 0;
    let dev = 0;
    for (let id = 0; id < SHARDS; id++) {
      if (isDev(id)) {
        sim.setShard(id, { development: true });
        dev++;
      } else if (isDown(id)) {
        sim.setShard(id, { disconnected: true });
        down++;
      }
    }
    const f = await startCore();
    const p = await createProfile(
      f.core,
      profileFor(sim, { name: 'Huge', shardTotal: SHARDS, monitorMode: 'register' }),
    );
    expect(p.maxFrameMiB).toBe(FRAME_LIMIT_MIB.default);
    const s = await waitForStatus(
      f.core,
      p.id,
      'every shard reported',
      (st) => st.state === 'ready' && st.shards.reported === SHARDS,
      120_000,
    );
    expect(s.shards.expected).toBe(SHARDS);
    expect(s.shards.missingCount).toBe(0);
    expect(s.shards.down).toBe(down);
    expect(s.shards.dev).toBe(dev);
    expect(s.shards.up + s.shards.degraded).toBe(SHARDS - down - dev);
    expect(s.counters.protocolErrors).toBe(0);
    // The snapshot really was bigger than the old 1 MiB limit, and fits the new default.
    const frameBytes = JSON.stringify(sim.shards()).length;
    expect(frameBytes).toBeGreaterThan(1024 * 1024);
    expect(frameBytes).toBeLessThan(DEFAULT_FRAME_LIMIT_BYTES);
  }, 180_000);
});
