import { describe, expect, it } from 'vitest';
import { FLAG_OPTIONS, flagNames, otherFlagBits, withFlag } from '../../../shared/flag-options';

describe('flags', () => {
  it('names known bits and keeps unknown ones', () => {
    expect(FLAG_OPTIONS.map((f) => f.bit)).toEqual([1, 2, 4, 8]);
    expect(flagNames(1 | 8 | 64)).toEqual(['ENCODE_ZLIB', 'SHARD_MODE']);
    expect(otherFlagBits(1 | 8 | 64)).toBe(64);
    const on = withFlag(64, 'SEND_BINARY', true);
    expect(on).toBe(68);
    expect(withFlag(on, 'SEND_BINARY', false)).toBe(64);
  });
});
