/**
 * Secret scrubbing at its edges: the exact forms of a secret that are
 * redacted, the placeholder a user sees, short secrets at the start of a
 * text, several secrets next to each other, lists and empty values in a
 * frame, and the whole-frame check (`mayAppearIn`) finding a fragment
 * wherever it sits in the frame's bytes — first byte, last byte, any
 * alignment of the buffer, any letter case, any form, non-ASCII secrets.
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

describe('secretForms: what counts as the secret', () => {
  it('the text, trimmed, hex, URL-encoded, every byte percent-encoded, base64 and base64url of each start', () => {
    expect(secretForms('a\n')).toEqual([
      'a\n',
      'a',
      '610a',
      'a%0A',
      '%61%0a',
      'YQo=',
      'YQo',
      'Cg==',
      'Cg',
    ]);
    expect(secretForms(' Ab1 ')).toEqual([
      ' Ab1 ',
      'Ab1',
      '2041623120',
      '%20Ab1%20',
      '%20%41%62%31%20',
      'IEFiMSA=',
      'IEFiMSA',
      'QWIxIA==',
      'QWIxIA',
      'YjEg',
    ]);
  });

  it('a lone surrogate (not URL-encodable) still gets every other form', () => {
    expect(secretForms('\ud800x')).toEqual([
      '\ud800x',
      'efbfbd78',
      '%ef%bf%bd%78',
      '77+9eA==',
      '77-9eA',
      'v714',
      'vXg=',
      'vXg',
    ]);
  });

  it('a secret of blanks has no empty form', () => {
    expect(secretForms('  ')).not.toContain('');
  });
});

describe('what replaces a secret', () => {
  it('is "[REDACTED]", or the placeholder given, once per run', () => {
    const text = `key=${CANARY_SECRET}; next`;
    expect(createSecretScrubber([CANARY_SECRET]).scrubString(text)).toBe('key=[REDACTED]; next');
    expect(createSecretScrubber([CANARY_SECRET], { placeholder: '***' }).scrubString(text)).toBe(
      'key=***; next',
    );
  });

  it('two secrets side by side are one run, one placeholder', () => {
    const s = createSecretScrubber([CANARY_SECRET, CANARY_PUBLIC_KEY]);
    expect(s.scrubString(`<${CANARY_SECRET}${CANARY_PUBLIC_KEY}>`)).toBe('<[REDACTED]>');
  });

  it('a short secret at the very start of a text, and before a long one', () => {
    const s = createSecretScrubber(['pw1234x', CANARY_SECRET]);
    expect(s.scrubString('pw1234x then')).toBe('[REDACTED] then');
    expect(s.contains('pw1234x')).toBe(true);
    expect(s.scrubString(`pw1234x and ${CANARY_SECRET} end`)).toBe('[REDACTED] and [REDACTED] end');
    expect(s.scrubString(`${CANARY_SECRET} and pw1234x`)).toBe('[REDACTED] and [REDACTED]');
  });

  it('a run of one or two characters just before a match goes with it', () => {
    const s = createSecretScrubber(['0000000000abcdefgh']);
    expect(s.scrubString('x0000000000abcdefghy')).toBe('x[REDACTED]y');
    // Alone, such a run says nothing about the secret and stays.
    expect(s.scrubString('id 0000000000 ok')).toBe('id 0000000000 ok');
  });

  it('text shorter than a fragment is never a match of a long secret', () => {
    const s = createSecretScrubber([CANARY_SECRET]);
    expect(s.contains(CANARY_SECRET.slice(0, 7))).toBe(false);
    expect(s.scrubString(CANARY_SECRET.slice(3, 10))).toBe(CANARY_SECRET.slice(3, 10));
  });
});

describe('scrub: values in a frame', () => {
  const s = createSecretScrubber([CANARY_SECRET]);

  it('redacts inside lists at any depth and keeps the rest', () => {
    expect(
      s.scrub(['ok', CANARY_SECRET, [1, `x${CANARY_SECRET}`], { k: [CANARY_SECRET] }]),
    ).toEqual(['ok', '[REDACTED]', [1, 'x[REDACTED]'], { k: ['[REDACTED]'] }]);
  });

  it('returns a clean value itself, empty values included', () => {
    const clean = { a: null, b: 5, c: [null, true, 'text'], d: undefined };
    expect(s.scrub(clean)).toBe(clean);
    expect(s.scrub(null)).toBeNull();
    expect(s.scrub(7)).toBe(7);
    const list = ['a', ['b']];
    expect(s.scrub(list)).toBe(list);
  });

  it('a secret in a list inside a record with empty values', () => {
    expect(s.scrub({ a: null, b: [0, CANARY_SECRET] })).toEqual({ a: null, b: [0, '[REDACTED]'] });
  });
});

describe('mayAppearIn: a fragment anywhere in a frame', () => {
  const secrets = [CANARY_SECRET, CANARY_PUBLIC_KEY];
  const s = createSecretScrubber(secrets);
  const fragments = secrets.flatMap((secret) =>
    secretForms(secret)
      .filter((f) => f.length >= 8)
      .map((f) => f.slice(3, 11)),
  );

  it('finds every form at every position and alignment, in either letter case', () => {
    const pad = '{"op":0,"d":{"shards":[';
    for (const fragment of fragments)
      for (const shown of [fragment, fragment.toUpperCase(), fragment.toLowerCase()])
        for (let at = 0; at < 9; at++) {
          const text = `${pad.slice(0, at)}${shown}${pad.slice(at)}`;
          for (let offset = 0; offset < 4; offset++)
            expect(s.mayAppearIn(text, bytesAt(text, offset)), `${shown} at ${at}+${offset}`).toBe(
              true,
            );
          expect(s.mayAppearIn(text)).toBe(true);
        }
  });

  it('finds a fragment that is the whole frame, its first or its last bytes', () => {
    for (const fragment of fragments) {
      expect(s.mayAppearIn(fragment, Buffer.from(fragment))).toBe(true);
      for (const text of [`${fragment}0123456789abc`, `0123456789abc${fragment}`])
        for (let offset = 0; offset < 4; offset++)
          expect(s.mayAppearIn(text, bytesAt(text, offset)), `${text}+${offset}`).toBe(true);
    }
  });

  it('finds a fragment of a non-ASCII secret in its UTF-8 bytes', () => {
    const secret = 'clé-çà-ü€-ñø-日本-Ωλ';
    const t = createSecretScrubber([secret]);
    const text = `{"t":"${secret.slice(2, 12)}"}`;
    expect(t.mayAppearIn(text, Buffer.from(text))).toBe(true);
    expect(t.contains(text)).toBe(true);
  });

  it('finds a short secret whole, with or without the bytes', () => {
    const t = createSecretScrubber(['pw1234x']);
    expect(t.mayAppearIn('{"p":"PW1234X"}', Buffer.from('{"p":"PW1234X"}'))).toBe(true);
    expect(t.mayAppearIn('{"p":"pw1234"}')).toBe(false);
    // Two characters: every form (hex, %-encoded, base64) is shorter than a fragment.
    const tiny = createSecretScrubber(['k9']);
    expect(tiny.mayAppearIn('{"v":"K9"}', Buffer.from('{"v":"K9"}'))).toBe(true);
    expect(tiny.scrubString('v=k9;')).toBe('v=[REDACTED];');
  });

  it('says no for a frame that only holds a run of one or two characters of a secret, or too few bytes', () => {
    const t = createSecretScrubber(['0000000000abcdefgh']);
    const text = '{"id":"00000000000000"}';
    expect(t.mayAppearIn(text, Buffer.from(text))).toBe(false);
    expect(s.mayAppearIn('abc', Buffer.from('abc'))).toBe(false);
    expect(s.mayAppearIn('')).toBe(false);
  });

  it('with no secret at all, says no', () => {
    const none = createSecretScrubber(['', '']);
    expect(none.mayAppearIn(CANARY_SECRET)).toBe(false);
    expect(none.scrubString(CANARY_SECRET)).toBe(CANARY_SECRET);
  });
});

describe('a secret of one or two distinct characters', () => {
  it('is redacted whole, in every form, and a frame holding it may hold the secret', () => {
    const s = createSecretScrubber(['11111111']);
    expect(s.scrubString('id 11111111 x')).toBe('id [REDACTED] x');
    expect(s.contains('id 11111111 x')).toBe(true);
    expect(s.mayAppearIn('{"a":"11111111"}')).toBe(true);
    expect(s.mayAppearInBytes(Buffer.from('{"a":"11111111"}'))).toBe(true);
    // Seven of its characters are not the secret.
    expect(s.scrubString('n 1111111 y')).toBe('n 1111111 y');

    // A short secret's hex form ("0000" is 30303030) is no window of its own either.
    const zeros = createSecretScrubber(['0000']);
    expect(zeros.scrubString('hex 30303030 here')).toBe('hex [REDACTED] here');
  });

  it('an all-zero key is redacted where it stands whole, and ids holding zeros stay', () => {
    const key = '0'.repeat(64);
    const s = createSecretScrubber([key]);
    expect(s.scrubString(`key=${key};`)).toBe('key=[REDACTED];');
    expect(s.scrubString('bot 1000000000000000001 at 1700000000000')).toBe(
      'bot 1000000000000000001 at 1700000000000',
    );
  });
});
