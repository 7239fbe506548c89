/**
 * What the codec says when it refuses a frame, word for word: the size in
 * the unit a user reads (bytes, KiB, MiB), whether to ask the server for
 * compression, which field is wrong and what it held, how deep is too deep.
 * These sentences are shown in the connection panel, logged and stored, so a
 * wrong number or a missing word is a bug a user sees. Also where the codec
 * draws its lines: exactly at the nesting limit, at the inflate limit, and
 * between a zlib/gzip stream and a frame that only starts with a similar byte.
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ForbiddenOpcodeError,
  MAX_FRAME_BYTES,
  MAX_JSON_DEPTH,
  decodeFrame,
  encodeFrame,
  gzipJson,
  zlibJson,
} from '../../../../electron/core/gateway/codec';
import type {
  DecodeErrorKind,
  DecodeResult,
  FrameData,
} from '../../../../electron/core/gateway/codec';
import { HTTP_INTERACTION_022 } from '../../../../shared/dialects';

const ADVICE =
  ' It came uncompressed: in the profile, tick the flag "Server compresses (zlib)" (ENCODE_ZLIB, 1)' +
  ' so the server compresses what it sends, or raise "Largest frame".';

/** The refusal's reason, after checking the frame was refused for `kind`. */
function reasonOf(result: DecodeResult, kind: DecodeErrorKind): string {
  if (result.ok) throw new Error(`expected a ${kind} refusal, the frame was decoded`);
  expect(result.error.kind).toBe(kind);
  return result.error.reason;
}

/** What a function throws, as its message (the test's own view of zlib's and V8's words). */
function thrownMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected it to throw');
}

/** A valid frame of exactly `bytes` UTF-8 bytes (ASCII padding). */
function frameOf(bytes: number): string {
  const head = '{"type":1,"data":"';
  const text = head + 'x'.repeat(bytes - head.length - 2) + '"}';
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

/** Every shape a frame of JSON text reaches the codec in, with the encoding it reports. */
function shapes(text: string): Array<{ data: FrameData; binary: boolean; encoding: string }> {
  const buf = Buffer.from(text);
  return [
    { data: text, binary: false, encoding: 'text' },
    { data: text, binary: true, encoding: 'binary-json' },
    { data: buf, binary: false, encoding: 'text' },
    { data: buf, binary: true, encoding: 'binary-json' },
    { data: deflateSync(buf), binary: true, encoding: 'zlib' },
    { data: gzipSync(buf), binary: true, encoding: 'gzip' },
  ];
}

describe('a frame over the size limit', () => {
  it('names both sizes in bytes below 1 KiB, and advises compression', () => {
    const r = decodeFrame(frameOf(150), false, { maxFrameBytes: 100 });
    expect(r).toMatchObject({ ok: false, bytes: 150, encoding: null });
    expect(reasonOf(r, 'too-large')).toBe(
      'The gateway sent a frame too large (150 bytes, limit 100): 150 bytes, over the 100 bytes limit' +
        ' ("Largest frame" in the profile).' +
        ADVICE,
    );
  });

  it('switches to KiB at exactly 1,024 bytes, with one decimal', () => {
    expect(reasonOf(decodeFrame(frameOf(1024), false, { maxFrameBytes: 1023 }), 'too-large')).toBe(
      'The gateway sent a frame too large (1024 bytes, limit 1023): 1.0 KiB, over the 1023 bytes limit' +
        ' ("Largest frame" in the profile).' +
        ADVICE,
    );
    expect(
      reasonOf(decodeFrame(frameOf(1536), false, { maxFrameBytes: 1024 }), 'too-large'),
    ).toContain(': 1.5 KiB, over the 1.0 KiB limit (');
  });

  it('switches to MiB at exactly 1 MiB, with one decimal', () => {
    const limit = 1024 * 1024;
    expect(limit).toBe(MAX_FRAME_BYTES);
    expect(
      reasonOf(decodeFrame(frameOf(limit), false, { maxFrameBytes: limit - 1 }), 'too-large'),
    ).toContain(': 1.0 MiB, over the 1024.0 KiB limit (');
    expect(reasonOf(decodeFrame(frameOf(limit + limit / 2), false), 'too-large')).toContain(
      ': 1.5 MiB, over the 1.0 MiB limit (',
    );
  });

  it('gives no compression advice for a zlib or gzip stream, in any shape ws hands it over', () => {
    const big = { type: 1, data: Array.from({ length: 60 }, (_, i) => `shard-${i}-${i * 7919}`) };
    const z = zlibJson(big);
    const g = gzipJson(big);
    const ab = new ArrayBuffer(z.length);
    new Uint8Array(ab).set(z);
    const cases: Array<[string, FrameData, number]> = [
      ['zlib Buffer', z, z.length],
      ['gzip Buffer', g, g.length],
      ['zlib ArrayBuffer', ab, z.length],
      ['gzip in fragments, the first one byte long', [g.subarray(0, 1), g.subarray(1)], g.length],
    ];
    for (const [name, data, bytes] of cases) {
      expect(bytes, name).toBeGreaterThan(100);
      expect(bytes, name).toBeLessThan(1024);
      const reason = reasonOf(decodeFrame(data, true, { maxFrameBytes: 100 }), 'too-large');
      expect(reason, name).toBe(
        `The gateway sent a frame too large (${bytes} bytes, limit 100): ${bytes} bytes, over the 100 bytes limit` +
          ' ("Largest frame" in the profile).',
      );
    }
  });

  it('advises compression for frames that only start like a stream, or came as text', () => {
    const json = frameOf(300);
    const cases: Array<[string, FrameData, boolean]> = [
      ['binary JSON', Buffer.from(json), true],
      ['text frame whose first byte is 0x78 ("x")', Buffer.from('x' + json), false],
      [
        'text frame starting like gzip',
        Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(json)]),
        false,
      ],
      [
        'binary frame with 0x1f but no 0x8b after it',
        Buffer.concat([Buffer.from([0x1f]), Buffer.from(json)]),
        true,
      ],
      [
        'binary frame with 0x8b second but no 0x1f first',
        Buffer.concat([Buffer.from([0x20, 0x8b]), Buffer.from(json)]),
        true,
      ],
      ['binary frame as a string', json, true],
    ];
    for (const [name, data, binary] of cases) {
      const reason = reasonOf(decodeFrame(data, binary, { maxFrameBytes: 200 }), 'too-large');
      expect(reason.endsWith(ADVICE), name).toBe(true);
    }
  });

  it('uses the profile limit, not the default, when one is given', () => {
    const text = frameOf(2000);
    expect(decodeFrame(text, false).ok).toBe(true);
    expect(decodeFrame(text, false, { maxFrameBytes: 2000 }).ok).toBe(true);
    reasonOf(decodeFrame(text, false, { maxFrameBytes: 1999 }), 'too-large');
    const big = frameOf(MAX_FRAME_BYTES + 10);
    expect(decodeFrame(big, false, { maxFrameBytes: MAX_FRAME_BYTES + 10 }).ok).toBe(true);
  });
});

describe('compressed frames', () => {
  it('says which stream inflates past which limit: 8 MiB, or the frame limit when larger', () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const zBomb = deflateSync(zeros);
    const gBomb = gzipSync(zeros);
    const z = decodeFrame(zBomb, true);
    expect(z).toMatchObject({ ok: false, encoding: 'zlib', bytes: zBomb.length });
    expect(reasonOf(z, 'inflate-too-large')).toBe(
      'The zlib frame inflates past the 8.0 MiB limit.',
    );
    expect(reasonOf(decodeFrame(gBomb, true), 'inflate-too-large')).toBe(
      'The gzip frame inflates past the 8.0 MiB limit.',
    );
    const raised = decodeFrame(zBomb, true, { maxFrameBytes: 16 * 1024 * 1024 });
    expect(reasonOf(raised, 'inflate-too-large')).toBe(
      'The zlib frame inflates past the 16.0 MiB limit.',
    );
  });

  it('inflates a small compressed frame past the 1 MiB frame limit: the limit counts wire bytes', () => {
    const pad = 'p'.repeat(3 * 1024 * 1024);
    const z = zlibJson({ type: 1, data: { pad } });
    expect(z.length).toBeLessThan(MAX_FRAME_BYTES);
    const r = decodeFrame(z, true);
    if (!r.ok) throw new Error(r.error.reason);
    expect((r.message.data as { pad: string }).pad).toBe(pad);
    expect(r.bytes).toBe(z.length);
  });

  it("quotes zlib's own words when a stream is corrupt", () => {
    const z = zlibJson({ type: 1 });
    const brokenZ = Buffer.concat([z.subarray(0, 6), Buffer.from([1, 2, 3])]);
    const zWords = thrownMessage(() => inflateSync(brokenZ));
    const r = decodeFrame(brokenZ, true);
    expect(r).toMatchObject({ ok: false, encoding: 'zlib', bytes: brokenZ.length });
    expect(reasonOf(r, 'inflate-failed')).toBe(
      `The zlib frame could not be decompressed (${zWords}).`,
    );
    const brokenG = Buffer.from([0x1f, 0x8b, 0, 0, 0]);
    const gWords = thrownMessage(() => gunzipSync(brokenG));
    expect(reasonOf(decodeFrame(brokenG, true), 'inflate-failed')).toBe(
      `The gzip frame could not be decompressed (${gWords}).`,
    );
  });

  it('never decompresses a text frame, even one holding a zlib or gzip stream', () => {
    for (const stream of [zlibJson({ type: 1 }), gzipJson({ type: 1 })]) {
      const r = decodeFrame(stream, false);
      expect(r.ok).toBe(false);
      expect(r.encoding).toBe('text');
      expect(decodeFrame(stream, true).ok).toBe(true);
    }
  });

  it('takes a binary frame for gzip only when both leading bytes say so', () => {
    const json = Buffer.from('{"type":1}');
    const only1f = decodeFrame(Buffer.concat([Buffer.from([0x1f]), json]), true);
    expect(only1f.encoding).toBe('binary-json');
    expect(reasonOf(only1f, 'invalid-json')).toBe(
      'The frame is not valid JSON (unexpected character).',
    );
    const only8b = decodeFrame(Buffer.concat([Buffer.from([0x7b, 0x8b]), json]), true);
    expect(only8b.encoding).toBe('binary-json');
    expect(reasonOf(only8b, 'invalid-utf8')).toBe('The frame is not valid UTF-8 text.');
  });
});

describe('nesting depth', () => {
  const DEEP_MESSAGE = `The frame's JSON nests deeper than ${MAX_JSON_DEPTH} levels.`;
  /** A frame whose deepest value sits `levels` arrays/objects down (the root object is one). */
  const nested = (levels: number, open: string, close: string): string =>
    `{"type":1,"data":${open.repeat(levels - 1)}0${close.repeat(levels - 1)}}`;

  it('decodes a frame nested exactly to the limit and refuses one level more, in every shape', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      for (const s of shapes(nested(MAX_JSON_DEPTH, open, close))) {
        const r = decodeFrame(s.data, s.binary);
        expect(r.ok, `${open} ${s.encoding}`).toBe(true);
        expect(r.encoding).toBe(s.encoding);
      }
      for (const s of shapes(nested(MAX_JSON_DEPTH + 1, open, close))) {
        const r = decodeFrame(s.data, s.binary);
        expect(r.encoding, `${open} ${s.encoding}`).toBe(s.encoding);
        expect(reasonOf(r, 'too-deep')).toBe(DEEP_MESSAGE);
      }
    }
  });

  it('counts a closed array or object as closed: many siblings are not deep', () => {
    const text = `{"type":1,"data":[${'[],{},[{}],'.repeat(600)}0]}`;
    for (const s of shapes(text)) {
      const r = decodeFrame(s.data, s.binary);
      if (!r.ok) throw new Error(`${s.encoding}: ${r.error.reason}`);
      expect((r.message.data as unknown[]).length, s.encoding).toBe(1801);
    }
  });

  it('skips brackets inside strings, past escaped quotes and backslashes', () => {
    const brackets = '['.repeat(MAX_JSON_DEPTH + 10);
    const text = `{"type":1,"message":"say \\"${brackets}","event":"a\\\\","data":"{${brackets}"}`;
    for (const s of shapes(text)) {
      const r = decodeFrame(s.data, s.binary);
      if (!r.ok) throw new Error(`${s.encoding}: ${r.error.reason}`);
      expect(r.message.message).toBe(`say "${brackets}`);
      expect(r.message.event).toBe('a\\');
      expect(r.message.data).toBe(`{${brackets}`);
    }
  });

  it('still counts depth after a string: a deep nest behind keys is refused', () => {
    const text = `{"type":1,"service":"s","data":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    for (const s of shapes(text)) reasonOf(decodeFrame(s.data, s.binary), 'too-deep');
  });
});

describe('text that is not JSON', () => {
  it('passes on V8 words that name a position', () => {
    for (const text of ['{"type": 3, "event": "GATEWAY_', '{"type":1,}', '']) {
      const words = thrownMessage(() => JSON.parse(text));
      expect(words.startsWith('Unexpected token')).toBe(false);
      for (const s of shapes(text).slice(0, 4)) {
        expect(reasonOf(decodeFrame(s.data, s.binary), 'invalid-json')).toBe(
          `The frame is not valid JSON (${words}).`,
        );
      }
    }
  });

  it('does not quote the frame when V8 would (a gateway may echo a secret there)', () => {
    const text = '{"type":1,"token":hunter2-canary}';
    const words = thrownMessage(() => JSON.parse(text));
    expect(words).toContain('Unexpected token');
    expect(words).toContain('hunter2');
    for (const s of shapes(text)) {
      const reason = reasonOf(decodeFrame(s.data, s.binary), 'invalid-json');
      expect(reason).toBe('The frame is not valid JSON (unexpected character).');
      expect(reason).not.toContain('hunter2');
    }
  });

  it('drops only a true UTF-8 byte order mark, and a frame of nothing but one is empty', () => {
    const json = Buffer.from('{"type":1}');
    // U+FEFF is EF BB BF; these differ from it in one byte each.
    for (const lookalike of ['\u0eff', '\uff3f', '\ufec0']) {
      const head = Buffer.from(lookalike);
      expect(head.length).toBe(3);
      for (const binary of [false, true]) {
        const r = decodeFrame(Buffer.concat([head, json]), binary);
        expect(reasonOf(r, 'invalid-json')).toBe(
          'The frame is not valid JSON (unexpected character).',
        );
      }
    }
    const bomOnly = decodeFrame(Buffer.from([0xef, 0xbb, 0xbf]), true);
    expect(reasonOf(bomOnly, 'invalid-json')).toBe(
      `The frame is not valid JSON (${thrownMessage(() => JSON.parse(''))}).`,
    );
  });

  it('says the text is not UTF-8, in every byte shape', () => {
    const bad = Buffer.from([0x7b, 0xff, 0x7d]);
    for (const [data, binary] of [
      [bad, false],
      [bad, true],
      [deflateSync(bad), true],
    ] as const) {
      expect(reasonOf(decodeFrame(data, binary), 'invalid-utf8')).toBe(
        'The frame is not valid UTF-8 text.',
      );
    }
  });
});

describe('a JSON value that is not a gateway message', () => {
  it('names what the frame holds instead of an object', () => {
    const cases: Array<[string, string]> = [
      ['[{"type":1}]', 'an array'],
      ['null', 'null'],
      ['42', 'number'],
      ['"GATEWAY_PING"', 'string'],
      ['true', 'boolean'],
    ];
    for (const [text, what] of cases) {
      expect(reasonOf(decodeFrame(text, false), 'not-an-object')).toBe(
        `The frame holds ${what}, not a JSON object.`,
      );
    }
  });

  it('names a missing or non-integer type and what it held', () => {
    expect(reasonOf(decodeFrame('{"event":"GATEWAY_PING"}', false), 'bad-type')).toBe(
      'The frame has no "type" field.',
    );
    const cases: Array<[string, string]> = [
      ['3.5', '3.5'],
      ['"3"', 'string'],
      ['null', 'object'],
      ['true', 'boolean'],
      ['[3]', 'object'],
    ];
    for (const [value, got] of cases) {
      expect(reasonOf(decodeFrame(`{"type":${value}}`, false), 'bad-type')).toBe(
        `The frame's "type" must be an integer, got ${got}.`,
      );
    }
  });

  it('names each text field that is not a string, and keeps those that are', () => {
    for (const field of ['service', 'event', 'message']) {
      for (const [value, got] of [
        ['7', 'number'],
        ['null', 'object'],
        ['false', 'boolean'],
      ]) {
        const r = decodeFrame(`{"type":1,"${field}":${value}}`, false);
        expect(reasonOf(r, 'bad-type')).toBe(
          `The frame's "${field}" must be a string, got ${got}.`,
        );
      }
      const ok = decodeFrame(`{"type":1,"${field}":"x"}`, false);
      if (!ok.ok) throw new Error(ok.error.reason);
      expect(ok.message[field as 'event']).toBe('x');
    }
  });

  it('names a possible_error that is not a boolean, and keeps one that is', () => {
    expect(reasonOf(decodeFrame('{"type":0,"possible_error":"yes"}', false), 'bad-type')).toBe(
      `The frame's "possible_error" must be a boolean, got string.`,
    );
    expect(reasonOf(decodeFrame('{"type":0,"possible_error":1}', false), 'bad-type')).toBe(
      `The frame's "possible_error" must be a boolean, got number.`,
    );
    const ok = decodeFrame('{"type":0,"possible_error":true}', false);
    if (!ok.ok) throw new Error(ok.error.reason);
    expect(ok.message.possible_error).toBe(true);
  });

  it('reports the encoding and wire size of a refused message', () => {
    const z = zlibJson({ type: 'ping' });
    expect(decodeFrame(z, true)).toMatchObject({ ok: false, encoding: 'zlib', bytes: z.length });
    const raw = Buffer.from('[1,2]');
    expect(decodeFrame(raw, true)).toMatchObject({ ok: false, encoding: 'binary-json', bytes: 5 });
  });
});

describe('encodeFrame refusing a forbidden opcode', () => {
  it('says which opcode and which dialect', () => {
    let thrown: unknown = null;
    try {
      encodeFrame(HTTP_INTERACTION_022, { type: 3 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ForbiddenOpcodeError);
    const err = thrown as ForbiddenOpcodeError;
    expect(err.name).toBe('ForbiddenOpcodeError');
    expect(err.message).toBe(
      `Opcode 3 must never be sent in the ${HTTP_INTERACTION_022.id} dialect.`,
    );
    expect([err.opcode, err.dialect]).toEqual([3, HTTP_INTERACTION_022.id]);
  });
});
