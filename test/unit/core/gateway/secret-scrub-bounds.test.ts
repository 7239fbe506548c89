/**
 * The whole-frame check (`mayAppearIn`) at the ends of a frame's bytes: a
 * frame too short to hold a fragment, lying at any place in a larger buffer
 * (a frame sliced out of a socket read), is answered without an error; and
 * seven characters of a secret at the very start or end of a frame are not a
 * fragment, even when the secret begins or ends with a blank (the byte a
 * read past either end of the frame would stand for once letters are
 * folded).
 */
import { describe, expect, it } from 'vitest';
import { createSecretScrubber } from '../../../../electron/core/gateway/secret-scrub';
import { CANARY_SECRET } from '../../../support/canary';

/** `text` as UTF-8 bytes starting `offset` bytes into a larger buffer. */
function bytesAt(text: string, offset: number): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  const whole = new Uint8Array(offset + body.length + 3);
  whole.set(body, offset);
  return whole.subarray(offset, offset + body.length);
}

describe('mayAppearIn at the ends of a frame', () => {
  it('answers no, without an error, for a frame of under 8 bytes at any place in its buffer', () => {
    const s = createSecretScrubber([CANARY_SECRET]);
    for (let length = 0; length < 8; length++) {
      const text = CANARY_SECRET.slice(0, length);
      for (let offset = 0; offset < 4; offset++)
        expect(s.mayAppearIn(text, bytesAt(text, offset)), `${length} bytes at +${offset}`).toBe(
          false,
        );
    }
  });

  it('seven characters of a secret that begins with a blank, at the start of a frame, are not a fragment', () => {
    const s = createSecretScrubber([' Kq7vZp2wR9x']);
    const text = 'Kq7vZp2!"}';
    for (let offset = 0; offset < 4; offset++)
      expect(s.mayAppearIn(text, bytesAt(text, offset)), `at +${offset}`).toBe(false);
    expect(s.contains(text)).toBe(false);
    // Eight are.
    const eight = 'Kq7vZp2w"}';
    for (let offset = 0; offset < 4; offset++)
      expect(s.mayAppearIn(eight, bytesAt(eight, offset)), `at +${offset}`).toBe(true);
  });

  it('seven characters of a secret that ends with a blank, at the end of a frame, are not a fragment', () => {
    const s = createSecretScrubber(['Kq7vZp2wR9x ']);
    for (const text of ['xZp2wR9x', '{"a":"Zp2wR9x', '{"a":1,"b":"Zp2wR9x'])
      for (let offset = 0; offset < 4; offset++)
        expect(s.mayAppearIn(text, bytesAt(text, offset)), `${text} at +${offset}`).toBe(false);
    const eight = '{"a":"Zp2wR9x "}';
    expect(s.mayAppearIn(eight, bytesAt(eight, 1))).toBe(true);
  });
});
