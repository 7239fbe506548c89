import { describe, expect, it } from 'vitest';
import { effectiveShardTotal, gatewayShardTotal } from '../../../shared/shard-total';

describe('the shard total the gateway reports', () => {
  it("takes the total most of READY's shards_config pairs carry, outvoting the monitor's own pair", () => {
    const bot = Array.from({ length: 16 }, (_, i) => [i, 16] as [number, number]);
    expect(gatewayShardTotal([[0, 1], ...bot])).toBe(16);
    expect(
      gatewayShardTotal([
        [0, 4],
        [1, 4],
        [0, 8],
        [1, 8],
      ]),
    ).toBe(8);
    expect(gatewayShardTotal([])).toBeNull();
    // One pair is the monitor's own, echoed back: not the bot's total.
    expect(gatewayShardTotal([[0, 1]])).toBeNull();
    expect(
      gatewayShardTotal([
        [0, 0],
        [1, -3],
        [2, 1.5],
      ]),
    ).toBeNull();
  });

  it("uses the profile's value only until the gateway has said", () => {
    expect(effectiveShardTotal(16, 1999, 1)).toEqual({ total: 2000, from: 'gateway' });
    expect(effectiveShardTotal(16, 11, 1)).toEqual({ total: 16, from: 'gateway' });
    expect(effectiveShardTotal(16, null, 1)).toEqual({ total: 16, from: 'gateway' });
    expect(effectiveShardTotal(null, 1999, 1)).toEqual({ total: 2000, from: 'gateway' });
    expect(effectiveShardTotal(null, null, 4)).toEqual({ total: 4, from: 'profile' });
  });
});
