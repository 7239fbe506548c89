/**
 * The validator kit's object check: own keys named `__proto__`,
 * `constructor` or `prototype` are refused with a sentence naming the key,
 * at any depth, instead of being dropped (they used to pass, since
 * `'constructor' in shape` is true for any object literal, and were then
 * silently left out of the result).
 */
import { describe, expect, it } from 'vitest';
import { bool, object, optional, str } from '../../../shared/validate';

const inner = object<{ name: string }>({ name: str() });
const outer = object<{ inner: { name: string }; on?: boolean }>({ inner, on: optional(bool) });

describe('object validator', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses an own "${key}" key, at the top and nested`, () => {
      const top = JSON.parse(`{"inner":{"name":"a"},"${key}":{"polluted":true}}`) as unknown;
      const nested = JSON.parse(`{"inner":{"name":"a","${key}":{}}}`) as unknown;
      for (const [value, path] of [
        [top, 'req'],
        [nested, 'req.inner'],
      ] as const) {
        const r = outer(value, 'req');
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error).toContain(`${path} has a field named "${key}"`);
          expect(r.error).toContain('remove it');
        }
      }
    });
  }

  it('still accepts a clean object and refuses unknown fields', () => {
    expect(outer({ inner: { name: 'a' }, on: true }, 'req')).toEqual({
      ok: true,
      value: { inner: { name: 'a' }, on: true },
    });
    const r = outer({ inner: { name: 'a' }, toString: 1 }, 'req');
    expect(!r.ok && r.error).toBe('req has an unknown field "toString"');
  });
});
