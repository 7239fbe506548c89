// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseSnowflake, shardForGuild } from '../../../../../renderer/src/shard-math';

// Expected values verified by hand in two independent REPLs (Python ints and
// Node BigInt): 41771983423143937 >> 22 = 9959216934; 175928847299117063 >> 22
// = 41944705796; 81384788765712384 >> 22 = 19403645698; (2^64 − 1) >> 22 = 4398046511103.
describe('shardForGuild', () => {
  it.each([
    ['41771983423143937', 2, 0],
    ['41771983423143937', 16, 6],
    ['175928847299117063', 10, 6],
    ['81384788765712384', 7, 3],
    ['81384788765712384', 1, 0],
    ['18446744073709551615', 1000, 103],
    ['1', 5, 0],
  ])('guild %s with %d shards → shard %d', (guild, total, expected) => {
    expect(shardForGuild(guild, total)).toEqual({ ok: true, shardId: expected });
  });

  it('ignores surrounding whitespace from a paste', () => {
    expect(shardForGuild('  41771983423143937\n', 16)).toEqual({ ok: true, shardId: 6 });
  });

  it('keeps precision beyond 2^53 (no Number rounding)', () => {
    // 2^63 + 2^22 − 1: as a float it rounds up to 2^63 + 2^22, which would shift to
    // 2199023255553; the exact value shifts to 2199023255552 (checked in Python).
    expect(shardForGuild('9223372036858970111', 1000)).toEqual({ ok: true, shardId: 552 });
  });

  it.each([
    ['', 'Enter a guild id.'],
    ['   ', 'Enter a guild id.'],
    ['-5', 'A guild id cannot be negative.'],
    ['12ab', 'A guild id is a number made of digits only (for example 41771983423143937).'],
    ['1.5', 'A guild id is a number made of digits only (for example 41771983423143937).'],
    ['123456789012345678901', 'A guild id has at most 20 digits; this one has 21.'],
    ['18446744073709551616', 'This number is larger than any guild id (over 2^64 − 1).'],
  ])('refuses %j with a message', (input, message) => {
    expect(shardForGuild(input, 4)).toEqual({ ok: false, message });
  });

  it('refuses a shard total that is not a positive integer', () => {
    for (const total of [0, -1, 1.5, Number.NaN]) {
      const r = shardForGuild('41771983423143937', total);
      expect(r.ok).toBe(false);
    }
  });

  it('parses a snowflake to a BigInt', () => {
    expect(parseSnowflake('41771983423143937')).toEqual({ ok: true, value: 41771983423143937n });
  });
});
