/**
 * The secret scrubber: every run of 8 or more characters of a secret, in any
 * ASCII letter case, and of its base64, base64url, hex and URL-encoded forms
 * is redacted; the text around it is kept. The whole-frame check
 * (`mayAppearIn`) never says "no secret" for a text that holds one, and does
 * say it for a large snapshot without one (the fast path).
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SecretScrubber } from '../../../../electron/core/gateway/secret-scrub';
import {
  REDACTED,
  createSecretScrubber,
  secretForms,
} from '../../../../electron/core/gateway/secret-scrub';
import { CANARY_PUBLIC_KEY, CANARY_SECRET, findCanaryFragments } from '../../../support/canary';

const SECRETS = [CANARY_SECRET, CANARY_PUBLIC_KEY];
// Made for each test, not once at import: Stryker (docs/testing.md, "Mutation")
// can switch a planted bug on only inside a test, so a scrubber built at
// import would always be the unmutated one.
let scrubber: SecretScrubber;
beforeEach(() => {
  scrubber = createSecretScrubber(SECRETS);
});

/** Reference: the slow, obvious check for an 8-character run of any form. */
function holdsFragment(text: string, secrets: readonly string[] = SECRETS): boolean {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const secret of secrets)
    for (const form of secretForms(secret)) {
      const f = form.replace(/[A-Z]/g, (c) => c.toLowerCase());
      if (f.length < 8) {
        if (lower.includes(f)) return true;
        continue;
      }
      for (let i = 0; i + 8 <= f.length; i++) {
        const piece = f.slice(i, i + 8);
        // Runs of one or two distinct characters say nothing about the secret.
        if (new Set(piece).size > 2 && lower.includes(piece)) return true;
      }
    }
  return false;
}

const b64 = (s: string, from = 0): string =>
  Buffer.from(s, 'utf8').subarray(from).toString('base64');

/** Every leak shape the issue names, each as a gateway might echo it. */
function leakShapes(secret: string): Array<[string, string]> {
  return [
    ['exact', secret],
    ['lower-cased', secret.toLowerCase()],
    ['upper-cased', secret.toUpperCase()],
    ['first 8 characters', secret.slice(0, 8)],
    ['last 8 characters', secret.slice(-8)],
    ['8 from the middle', secret.slice(9, 17)],
    [
      'middle, case swapped',
      secret
        .slice(5, 19)
        .replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())),
    ],
    ['base64', b64(secret)],
    ['base64 of a slice at offset 1', b64(secret.slice(1, 20))],
    ['base64 of a slice at offset 2', b64(secret.slice(2, 22))],
    ['base64, 12 characters of it', b64(secret).slice(4, 16)],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['hex', Buffer.from(secret).toString('hex')],
    ['hex upper-case, a fragment', Buffer.from(secret).toString('hex').toUpperCase().slice(6, 20)],
    ['URL-encoded', encodeURIComponent(secret)],
    [
      'every byte percent-encoded',
      [...Buffer.from(secret)].map((b) => `%${b.toString(16).toUpperCase()}`).join(''),
    ],
  ];
}

describe('secret scrubber', () => {
  for (const secret of SECRETS) {
    for (const [name, leak] of leakShapes(secret)) {
      it(`redacts a ${name} echo of the ${secret === CANARY_SECRET ? 'secret' : 'public key'}`, () => {
        const text = `gateway said: <${leak}> and nothing else`;
        expect(holdsFragment(text), 'the reference sees the leak').toBe(true);
        expect(scrubber.contains(text)).toBe(true);
        const out = scrubber.scrubString(text);
        expect(out).toContain(REDACTED);
        expect(out.startsWith('gateway said: <')).toBe(true);
        expect(out.endsWith('> and nothing else')).toBe(true);
        expect(holdsFragment(out), out).toBe(false);
        expect(findCanaryFragments(out)).toEqual([]);
        expect(scrubber.mayAppearIn(text, Buffer.from(text))).toBe(true);
        // In keys and values at any depth; the last base64 characters of a
        // slice encode bits of what follows it, so a few may stay.
        const deep = scrubber.scrub({ [leak]: [leak, 1] });
        expect(JSON.stringify(deep)).toContain(REDACTED);
        expect(holdsFragment(JSON.stringify(deep))).toBe(false);
      });
    }
  }

  it('redacts a secret that is only an object key, at any depth, and keeps the rest', () => {
    for (const secret of SECRETS)
      for (const [name, leak] of leakShapes(secret)) {
        const frame = {
          shard_id: 4,
          [leak]: 1,
          nested: { ok: 'fine', deeper: [{ [leak]: null }] },
        };
        const out = scrubber.scrub(frame);
        const text = JSON.stringify(out);
        expect(holdsFragment(text), `${name}: ${text}`).toBe(false);
        expect(findCanaryFragments(text), name).toEqual([]);
        expect(
          Object.keys(out).filter((k) => k.includes(REDACTED)),
          name,
        ).toHaveLength(1);
        expect(out.shard_id).toBe(4);
        expect(out.nested.ok).toBe('fine');
        expect(Object.keys(out.nested.deeper[0] ?? {}), name).toEqual(
          expect.arrayContaining([expect.stringContaining(REDACTED)]),
        );
        // The caller's object is left as it was.
        expect(Object.keys(frame)).toContain(leak);
      }
    // A value with no secret in keys or values comes back as itself.
    const clean = { shard_id: 4, nested: { ok: 'fine' } };
    expect(scrubber.scrub(clean)).toBe(clean);
  });

  it('keeps runs of 7 characters and text that merely looks alike', () => {
    const text = `${CANARY_SECRET.slice(0, 7)} ${CANARY_SECRET.slice(-7)} shard_hash shard_id`;
    expect(scrubber.scrubString(text)).toBe(text);
    expect(scrubber.contains(text)).toBe(false);
  });

  it('leaves runs of one or two distinct characters alone, even when a key has them', () => {
    const key = 'd3m0a11ce0ffee5eed000000000000000000000000000000000000000000beef';
    const s = createSecretScrubber([key]);
    const text = 'bot 1100000000000000001 sent 0000beef';
    expect(s.scrubString(text)).toBe(`bot 1100000000000000001 sent ${REDACTED}`);
    expect(
      s.mayAppearIn('{"id":"1100000000000000001"}', Buffer.from('{"id":"1100000000000000001"}')),
    ).toBe(false);
  });

  it('redacts such a run to its end when it continues a match', () => {
    const key = `c0ffee7f3a9c${'5a'.repeat(26)}`;
    const s = createSecretScrubber([key]);
    expect(s.scrubString(`key=${key}; id 5a5a5a5a5a`)).toBe(`key=${REDACTED}; id 5a5a5a5a5a`);
  });

  it('redacts a short secret where it occurs whole', () => {
    const s = createSecretScrubber(['aB3']);
    expect(s.scrubString('x ab3 y AB3')).toBe(`x ${REDACTED} y ${REDACTED}`);
    expect(s.mayAppearIn('{"a":"zzab3"}', null)).toBe(true);
    expect(s.mayAppearIn('{"a":"zzab4"}', null)).toBe(false);
  });

  it('finds what the slow reference finds, in random text with planted fragments', () => {
    const planted = fc
      .tuple(
        fc.constantFrom(...SECRETS),
        fc.constantFrom(...SECRETS.flatMap((s) => secretForms(s))),
        fc.nat(),
        fc.integer({ min: 6, max: 14 }),
        fc.boolean(),
      )
      .map(([, form, at, len, upper]) => {
        const start = at % Math.max(1, form.length - 4);
        const piece = form.slice(start, start + len);
        return upper ? piece.toUpperCase() : piece;
      });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 12 }), planted), { maxLength: 8 }),
        fc.nat(3),
        (parts, pad) => {
          const text = parts.join('');
          const expected = holdsFragment(text);
          expect(scrubber.contains(text)).toBe(expected);
          const out = scrubber.scrubString(text);
          expect(holdsFragment(out)).toBe(false);
          if (!expected) expect(out).toBe(text);
          // Any byte alignment of the frame buffer.
          const buf = Buffer.concat([Buffer.alloc(pad), Buffer.from(text, 'utf8')]).subarray(pad);
          if (expected) expect(scrubber.mayAppearIn(text, buf)).toBe(true);
          if (expected) expect(scrubber.mayAppearIn(text, null)).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 11 },
    );
    // 2,000 cases take a few seconds alone and several times that on a
    // machine shared with other jobs: a bound on the wait, not a speed goal.
  }, 120_000);

  it('says a 5,000-shard snapshot without a secret cannot hold one (the fast path)', () => {
    const shards = Array.from({ length: 5000 }, (_, i) => ({
      development: false,
      disconnected: i % 97 === 0,
      receibe_ping: 10 + i,
      received: 5000 + i * 13,
      send_ping: 10 + i,
      sending: 7000 + i * 3,
      shard_hash: Buffer.from(`shard-${i}-of-5000-hash`).toString('base64'),
      shard_id: i,
    }));
    const text = JSON.stringify({ type: 1, event: 'GATEWAY_SHARD_INFO', data: [[[[shards]]]] });
    for (const pad of [0, 1, 2, 3]) {
      const buf = Buffer.concat([Buffer.alloc(pad), Buffer.from(text)]).subarray(pad);
      expect(scrubber.mayAppearIn(text, buf)).toBe(false);
    }
    expect(scrubber.mayAppearIn(text, null)).toBe(false);
    const leaky = text.replace(
      '"shard_id":4321',
      `"shard_id":4321,"x":"${b64(CANARY_SECRET).slice(3, 13)}"`,
    );
    expect(scrubber.mayAppearIn(leaky, Buffer.from(leaky))).toBe(true);
  });

  it('with no secrets, changes nothing and proves nothing can leak', () => {
    const none = createSecretScrubber(['', '']);
    expect(none.scrubString(CANARY_SECRET)).toBe(CANARY_SECRET);
    expect(none.mayAppearIn(CANARY_SECRET, null)).toBe(false);
  });
});
