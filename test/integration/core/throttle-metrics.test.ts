/**
 * A connection throttled for going over a budget is counted by the budget
 * it went over (the Prometheus counter `shardwatch_connection_throttles_total`
 * reads this hook): a gateway flooding unsolicited ping answers is throttled
 * for its answers, and a healthy one beside it never is.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetExceeded } from '../../../electron/core/gateway/budget';
import { createProfile, profileFor, startCore, startSim, waitFor } from './helpers';

describe('throttles reach the metrics hook', () => {
  it('counts an answer flood as throttles of the answers budget, on that profile only', async () => {
    const hostile = await startSim({ scenario: 'hostile', shardCount: 2 });
    const healthy = await startSim({ shardCount: 2 });
    const throttles: Array<{ profileId: string; budget: BudgetExceeded }> = [];
    const f = await startCore({
      onThrottle: (profileId, budget) => throttles.push({ profileId, budget }),
    });
    const bad = await createProfile(f.core, profileFor(hostile, { name: 'Flood' }));
    const good = await createProfile(f.core, profileFor(healthy, { name: 'Calm' }));
    await waitFor('a throttle of the flooding profile', () =>
      throttles.some((t) => t.profileId === bad.id) ? true : undefined,
    );
    expect(throttles.filter((t) => t.profileId === bad.id).map((t) => t.budget)).toContain(
      'ping-answers',
    );
    expect(throttles.filter((t) => t.profileId === good.id)).toEqual([]);
  });
});
