/**
 * The whole-frame check on a frame's bytes alone (`mayAppearInBytes`, what
 * the worker's shard-info decoder asks before it reads a frame the fast way),
 * and the answers of the frame check for frames that come close to a secret
 * without holding a fragment of it: one character off, or the last seven
 * characters of a secret followed by a blank. Such a frame takes the fast
 * path ("no secret here"); a frame with a fragment never does.
 */
import { describe, expect, it } from 'vitest';
import { createSecretScrubber, secretForms } from '../../../../electron/core/gateway/secret-scrub';
import { CANARY_PUBLIC_KEY, CANARY_SECRET } from '../../../support/canary';

/** `text` as UTF-8 bytes starting `offset` bytes into a larger buffer. */
function bytesAt(text: string, offset: number): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  const whole = new Uint8Array(offset + body.length + 3);
  whole.set(body, offset);
  return whole.subarray(offset, offset + body.length);
}

/** A shard-info frame with `value` in the middle of it. */
function frameWith(value: string): string {
  return `{"type":1,"event":"GATEWAY_SHARD_INFO","data":[{"shard_id":7,"note":"${value}","received":12}]}`;
}

describe('mayAppearInBytes: a frame as it came off the wire', () => {
  const s = createSecretScrubber([CANARY_SECRET, CANARY_PUBLIC_KEY]);

  it('says "may" for a frame holding a fragment of any form, at any place in its buffer', () => {
    for (const secret of [CANARY_SECRET, CANARY_PUBLIC_KEY])
      for (const form of secretForms(secret).filter((f) => f.length >= 8)) {
        const text = frameWith(form.slice(2, 11));
        for (let offset = 0; offset < 4; offset++)
          expect(s.mayAppearInBytes(bytesAt(text, offset)), `${form} at +${offset}`).toBe(true);
      }
  });

  it('says no for a frame without one', () => {
    const text = frameWith('shard 7 is fine');
    for (let offset = 0; offset < 4; offset++)
      expect(s.mayAppearInBytes(bytesAt(text, offset)), `at +${offset}`).toBe(false);
  });

  it('finds a short secret (under 8 characters) whole, in any letter case, at any place in its buffer', () => {
    const t = createSecretScrubber(['pw1234x']);
    for (const shown of ['pw1234x', 'PW1234X'])
      for (let offset = 0; offset < 4; offset++)
        expect(t.mayAppearInBytes(bytesAt(frameWith(shown), offset)), `${shown} +${offset}`).toBe(
          true,
        );
    // Only the bytes of this frame count, not what lies around it in the buffer.
    const clean = Buffer.from(`pw1234x${frameWith('pw1234')}pw1234x`);
    expect(t.mayAppearInBytes(clean.subarray(7, clean.length - 7))).toBe(false);
  });
});

describe('frame check: close to a secret is not a fragment', () => {
  const s = createSecretScrubber([CANARY_SECRET, CANARY_PUBLIC_KEY]);

  it('eight characters of the secret with one changed, in the middle of a frame, take the fast path', () => {
    let checked = 0;
    for (let at = 0; at + 8 <= CANARY_SECRET.length; at++)
      for (let i = 0; i < 8; i++)
        for (const step of [1, -1]) {
          const run = CANARY_SECRET.slice(at, at + 8);
          const near =
            run.slice(0, i) + String.fromCharCode(run.charCodeAt(i) + step) + run.slice(i + 1);
          const text = frameWith(near);
          // The exact check agrees: no fragment.
          expect(s.contains(text), near).toBe(false);
          for (let offset = 0; offset < 4; offset++) {
            expect(s.mayAppearIn(text, bytesAt(text, offset)), `${near} at +${offset}`).toBe(false);
            checked++;
          }
        }
    expect(checked).toBe(17 * 8 * 2 * 4);
  });

  it('the last seven characters of a secret followed by a blank are not a fragment', () => {
    const t = createSecretScrubber(['Kq7vZp2wR9x']);
    const text = '{"a":"Zp2wR9x "}';
    for (let offset = 0; offset < 4; offset++)
      expect(t.mayAppearIn(text, bytesAt(text, offset)), `at +${offset}`).toBe(false);
    // Eight are.
    const eight = '{"a":"vZp2wR9x "}';
    expect(t.mayAppearIn(eight, bytesAt(eight, 0))).toBe(true);
  });
});
