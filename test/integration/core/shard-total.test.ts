/**
 * A bot with more shards than its profile says reads "16/16 up", not
 * "16/1 up": the total comes from the gateway, the profile's value is only
 * a fallback, and coverage ("missing") uses the same total.
 */
import { describe, expect, it } from 'vitest';
import { createProfile, profileFor, startCore, startSim, waitForStatus } from './helpers';

describe('shard totals from the gateway', () => {
  it('expects the shards the gateway reports, whatever the profile says', async () => {
    const sim = await startSim({ shardCount: 16 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Grown', shardTotal: 1 }));
    const s = await waitForStatus(
      f.core,
      p.id,
      'sixteen shards up',
      (st) => st.state === 'ready' && st.shards.up === 16,
    );
    expect(s.shards.expected).toBe(16);
    expect(s.shards.expectedFrom).toBe('gateway');
    expect(s.shards.missingCount).toBe(0);
  });
});
