/**
 * The shard-info decoder reads a `GATEWAY_SHARD_INFO` frame straight into
 * columns. Whatever it takes must come out exactly as the general path
 * (`decodeFrame`, then `flattenShardsStats`) gives it; every frame it is not
 * sure of (secrets, escapes, prototype keys, depth, size, bad JSON, error
 * reports) it must leave to that path.
 */
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, decodeFrame } from '../../../../electron/core/gateway/codec';
import { redactIncoming } from '../../../../electron/core/gateway/frames';
import { createSecretScrubber } from '../../../../electron/core/gateway/secret-scrub';
import {
  columnBuffers,
  fromColumns,
  hashAt,
  hashIs,
  toColumns,
} from '../../../../electron/core/gateway/shard-columns';
import { decodeShardInfo } from '../../../../electron/core/gateway/shard-info-decoder';
import type { ShardStats } from '../../../../shared/protocol';
import { flattenShardsStats } from '../../../../shared/protocol';

const SECRET = 'Zq9xW2vLp0Kd7Hs3mN5b';
const PUBLIC_KEY = 'a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1';
const scrubber = createSecretScrubber([SECRET, PUBLIC_KEY]);
const LIMIT = 16 * 1024 * 1024;

function decode(text: string | Buffer, binary = false) {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return decodeShardInfo(buf, binary, { watch: scrubber, maxFrameBytes: LIMIT });
}

/** What the general path makes of the same frame. */
function general(text: string) {
  const r = decodeFrame(Buffer.from(text, 'utf8'), false, {
    watch: scrubber,
    maxFrameBytes: LIMIT,
  });
  if (!r.ok) return { ok: false as const, kind: r.error.kind };
  const rejected = { count: 0 };
  const shards = flattenShardsStats(r.message.data, undefined, rejected);
  return {
    ok: true as const,
    shards,
    rejected: rejected.count,
    raw: redactIncoming(r.message),
    mayHoldWatched: r.mayHoldWatched,
  };
}

function shard(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    development: false,
    disconnected: i % 7 === 0,
    receibe_ping: i,
    received: 3 * i,
    send_ping: i + 1,
    sending: 2 * i,
    shard_hash: `h${i.toString(36).padStart(14, 'x')}`,
    shard_id: i,
    ...over,
  };
}

function frame(data: unknown, top: Record<string, unknown> = {}): string {
  return JSON.stringify({ data, event: 'GATEWAY_SHARD_INFO', service: 'gateway', type: 1, ...top });
}

function many(n: number, over: (i: number) => Record<string, unknown> = () => ({})): unknown[] {
  return Array.from({ length: n }, (_, i) => shard(i, over(i)));
}

/** The decoder took the frame and agrees with the general path on everything it gives. */
function expectSame(text: string): void {
  const fast = decode(text);
  const slow = general(text);
  expect(fast, 'the decoder refused a frame it should take').not.toBeNull();
  if (!fast || !slow.ok) throw new Error(`general path refused it (${String(!slow.ok)})`);
  expect(fromColumns(fast.columns)).toEqual(slow.shards);
  expect(fast.rejected).toBe(slow.rejected);
  expect(fast.type).toBe(1);
  if (text.length < 12_000) expect(fast.raw).toEqual(slow.raw);
}

describe('shard-info frames the decoder takes', () => {
  it('reads the real server’s frame (sorted keys, `service`, four levels) as the general path does', () => {
    expectSame(frame([[[[many(40)]]]]));
  });

  it('reads the simulator’s frame and a 5,000-shard one the same way', () => {
    expectSame(JSON.stringify({ type: 1, event: 'GATEWAY_SHARD_INFO', data: [many(20)] }));
    expectSame(frame([[[[[[many(5000)]]]]]]));
  });

  it('keeps unknown fields as `extra`, and odd values as `parseShard` reads them', () => {
    expectSame(
      frame([
        many(30, (i) =>
          i === 3
            ? { note: 'rolling', zone: { dc: 'fra', n: [1, 2] } }
            : i === 5
              ? { sending: 'many', development: 1, shard_hash: 42 }
              : i === 8
                ? { shard_hash: 'ü-ñ-漢字' }
                : {},
        ),
      ]),
    );
  });

  it('drops and counts what is not a shard with a usable id, as flattenShardsStats does', () => {
    const data = [
      shard(1),
      { shard_id: -1 },
      { shard_id: 1.5 },
      { shard_id: 2 ** 53 },
      { shard_id: 1e308 },
      { shard_id: '4' },
      {},
      null,
      7,
      'x',
      true,
      [[], [shard(2)], []],
      shard(3, { shard_id: 3 }),
      ...many(12).slice(4),
    ];
    expectSame(frame(data));
    expect(decode(frame(data))?.rejected).toBe(10);
  });

  it('reads numbers as JSON.parse does: fractions, exponents, huge and negative counters', () => {
    expectSame(
      frame([
        many(20, (i) => ({
          sending: [0.5, 1e3, 2.5e-3, -7, 1e400, 12345678901234567890, -0, 0][i % 8],
          received: i * 1e15,
          shard_id: i === 19 ? 9007199254740991 : i,
        })),
      ]),
    );
  });

  it('reads a key one byte off a known one, or a prefix or extension of one, as an unknown field', () => {
    // The known keys are compared a word at a time: every byte of a key and its closing
    // quote must count, including the last, which the final (overlapping) word covers.
    const keys = ['shard_id', 'shard_hash', 'development', 'disconnected', 'send_ping'];
    const near = keys.flatMap((key) => [
      ...Array.from(
        key,
        (ch, at) => `${key.slice(0, at)}${ch === 'x' ? 'y' : 'x'}${key.slice(at + 1)}`,
      ),
      key.slice(0, -1),
      `${key}s`,
    ]);
    near.push('receibe_pinG', 'receivedX', 'sendinf', 'sending_');
    for (const key of near) {
      const text = frame([many(20)]).replace('"shard_id":4}', `"shard_id":4,"${key}":7}`);
      expectSame(text);
      const taken = decode(text);
      if (!taken) throw new Error(`the decoder refused the key ${key}`);
      expect(fromColumns(taken.columns).find((s) => s.shard_id === 4)).toMatchObject({
        extra: { [key]: 7 },
      });
    }
  });

  it('reads `true` and `false` exactly, at the end of a shard and before a space', () => {
    expectSame(frame([many(20, (i) => ({ disconnected: i % 2 === 0, development: i % 3 === 0 }))]));
    const spaced = frame([many(20)])
      .replaceAll(':false', ': false ')
      .replaceAll(':true', ':true ');
    expectSame(spaced);
    // In the last shard of 300: past the ~16 KiB the frame log's copy parses again.
    const text = frame([many(300)]);
    const at = text.lastIndexOf('"development":false') + '"development":'.length;
    for (const broken of ['tru', 'trux', 'truee', 'falsee', 'fal', 'True', 'falsE', 'fals ']) {
      const bad = `${text.slice(0, at)}${broken}${text.slice(at + 'false'.length)}`;
      expect(general(bad).ok).toBe(false);
      expect(decode(bad)).toBeNull();
    }
  });

  it('keeps the last of a shard id reported twice, and of a field given twice', () => {
    const text = frame([many(20)]).replace(
      '"shard_id":4}',
      '"shard_id":4,"sending":99,"sending":5}',
    );
    expectSame(text);
    expectSame(frame([...many(20), shard(3, { sending: 1 })]));
  });

  it('agrees with the general path on generated frames', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 2 ** 40 }),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes('\\') && !s.includes('"')),
    );
    const shardArb = fc.record(
      {
        shard_id: fc.oneof(fc.nat({ max: 300 }), value),
        shard_hash: fc.oneof(fc.stringMatching(/^[0-9a-zA-Z]{15,35}$/), value),
        development: fc.oneof(fc.boolean(), value),
        disconnected: fc.oneof(fc.boolean(), value),
        send_ping: fc.oneof(fc.nat(), value),
        receibe_ping: fc.oneof(fc.nat(), value),
        sending: fc.oneof(fc.nat(), value),
        received: fc.oneof(fc.nat(), value),
        extra_field: value,
      },
      { requiredKeys: [] },
    );
    const item = fc.oneof({ weight: 8, arbitrary: shardArb }, { weight: 1, arbitrary: value });
    // Nesting is bounded (maxDepth): unbounded, twelve items a level with one in six nested
    // grows without end on some seeds, and one frame then took minutes to compare.
    const nest: fc.Arbitrary<unknown[]> = fc.letrec<{ arr: unknown[] }>((tie) => ({
      arr: fc.array(
        fc.oneof(
          { maxDepth: 4, depthIdentifier: 'nest' },
          { weight: 5, arbitrary: item },
          { weight: 1, arbitrary: tie('arr') },
        ),
        { maxLength: 12, depthIdentifier: 'nest' },
      ),
    })).arr;
    let taken = 0;
    fc.assert(
      fc.property(nest, (data) => {
        // Padding so the frame is large enough for the decoder to look at.
        const text = frame([...many(12), data]);
        const fast = decode(text);
        const slow = general(text);
        if (!slow.ok) return expect(fast).toBeNull();
        if (fast === null) return;
        taken++;
        expect(fromColumns(fast.columns)).toEqual(slow.shards);
        expect(fast.rejected).toBe(slow.rejected);
        expect(fast.raw).toEqual(slow.raw);
      }),
      { numRuns: 300 },
    );
    // Most generated frames are ones the decoder must take: the comparison is not vacuous.
    expect(taken).toBeGreaterThan(150);
  });

  it('keeps only the start of a large `data` for the frame log, still valid and in order', () => {
    const fast = decode(frame([[many(5000)]]));
    const data = (fast?.raw as { data: unknown[][][] }).data;
    const kept = data[0]?.[0] ?? [];
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.length).toBeLessThan(200);
    expect(kept[0]).toEqual(shard(0));
    expect(JSON.stringify(fast?.raw).length).toBeLessThan(17 * 1024);
  });

  it('gives each frame columns of its own, frames refused half-way and smaller ones between', () => {
    const first = decode(frame([many(3000, (i) => ({ sending: 7 * i, shard_hash: `a${i}` }))]));
    const kept = first ? fromColumns(first.columns) : [];
    // Refused after 2,000 shards (an escape-free secret in a hash), then a smaller frame.
    expect(
      decode(frame([many(2500, (i) => (i === 2000 ? { shard_hash: SECRET } : {}))])),
    ).toBeNull();
    expectSame(frame([many(40, (i) => ({ shard_hash: i % 2 ? '' : `b${i}` }))]));
    expectSame(frame([[many(3000, (i) => ({ received: i + 1 }))]]));
    expect(first && fromColumns(first.columns)).toEqual(kept);
    expect(kept[2999]).toMatchObject({ shard_id: 2999, sending: 7 * 2999, shard_hash: 'a2999' });
  });
});

describe('frames the decoder leaves to the general path', () => {
  const big = (over: (i: number) => Record<string, unknown> = () => ({})): string =>
    frame([many(20, over)]);

  it('a frame holding a secret or a fragment of one, anywhere', () => {
    expect(decode(big((i) => (i === 5 ? { shard_hash: SECRET } : {})))).toBeNull();
    expect(decode(big((i) => (i === 5 ? { note: `x${SECRET.slice(3, 12)}y` } : {})))).toBeNull();
    expect(decode(frame([many(20)], { message: PUBLIC_KEY.slice(10, 30) }))).toBeNull();
    // … which the general path then flags for scrubbing, as before.
    expect(general(big((i) => (i === 5 ? { shard_hash: SECRET } : {})))).toMatchObject({
      mayHoldWatched: true,
    });
  });

  it('a secret far past the frame log’s copy: in a hash, an `extra`, a field after `data`', () => {
    const long = (over: (i: number) => Record<string, unknown>): string =>
      frame([many(3000, over)]);
    // Shard 2,999 is ~500 KB in, well past the ~16 KiB the frame log keeps.
    expect(decode(long((i) => (i === 2999 ? { shard_hash: SECRET } : {})))).toBeNull();
    expect(
      decode(long((i) => (i === 2999 ? { shard_hash: SECRET.toLowerCase() } : {}))),
    ).toBeNull();
    expect(decode(long((i) => (i === 2999 ? { zone: { dc: PUBLIC_KEY } } : {})))).toBeNull();
    expect(decode(long((i) => (i === 2999 ? { [`k${SECRET}`]: 1 } : {})))).toBeNull();
    expect(decode(long((i) => (i === 2999 ? { development: SECRET } : {})))).toBeNull();
    // `type` sorts after `data` in the real server's frames: the fields after it count too.
    expect(decode(frame([many(3000)], { zzz: SECRET.slice(2, 11) }))).toBeNull();
    // Not a shard, but inside the frame log's copy.
    expect(decode(frame([[SECRET], many(20)]))).toBeNull();
  });

  it('whatever it takes, no string it gives holds a secret', () => {
    // A secret in a number's digits or a rejected item past the log's copy gives no string.
    const digits = createSecretScrubber(['918273645546372819']);
    const text = frame([
      many(3000, (i) => (i === 2990 ? { sending: 918273645546372 } : {})),
      'beyond the copy: 918273645546372819',
    ]);
    const fast = decodeShardInfo(Buffer.from(text), false, { watch: digits, maxFrameBytes: LIMIT });
    expect(fast).not.toBeNull();
    if (!fast) return;
    // Numbers stay numbers (the general path does not scrub them either); strings are checked.
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
    };
    walk([fromColumns(fast.columns), fast.raw]);
    expect(strings.length).toBeGreaterThan(3000);
    expect(strings.filter((x) => digits.contains(x))).toEqual([]);
    expect(fromColumns(fast.columns)[2990]?.sending).toBe(918273645546372);
    expect(fast.rejected).toBe(1);
  });

  it('any escape sequence, any prototype-reaching key', () => {
    expect(decode(big((i) => (i === 5 ? { shard_hash: 'a"b' } : {})))).toBeNull();
    expect(decode(big((i) => (i === 5 ? { shard_hash: 'tab\there' } : {})))).toBeNull();
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = big().replace('"shard_id":4}', `"shard_id":4,"${key}":{"polluted":true}}`);
      expect(decode(text)).toBeNull();
      const nested = big().replace('"shard_id":4}', `"shard_id":4,"x":{"${key}":1}}`);
      expect(decode(nested)).toBeNull();
    }
    expect(decode(frame([many(20)], { constructor: 1 }))).toBeNull();
  });

  it('nesting deeper than the codec allows', () => {
    let data: unknown = many(10);
    for (let d = 0; d < MAX_JSON_DEPTH; d++) data = [data];
    expect(decode(frame(data))).toBeNull();
    expect(general(frame(data))).toEqual({ ok: false, kind: 'too-deep' });
  });

  it('a frame over the limit, a small one, invalid UTF-8', () => {
    const text = big();
    const buf = Buffer.from(text);
    expect(decodeShardInfo(buf, false, { watch: scrubber, maxFrameBytes: 1024 })).toBeNull();
    expect(decode(frame([shard(1)]))).toBeNull();
    const bad = Buffer.from(text);
    bad[text.indexOf('h') + 2] = 0xff;
    expect(decode(bad)).toBeNull();
  });

  it('invalid JSON of any kind', () => {
    const text = big();
    for (const broken of [
      text.slice(0, -1),
      `${text}x`,
      text.replace('},{', '},,{'),
      text.replace('"sending":2', '"sending":02'),
      text.replace('"sending":2', '"sending":2.'),
      text.replace('"sending":2', '"sending":-'),
      text.replace('false', 'fals'),
      text.replace(']', ',]'),
      text.replace('"shard_hash":"h', '"shard_hash":"\u0001h'),
    ]) {
      expect(general(broken).ok).toBe(false);
      expect(decode(broken)).toBeNull();
    }
  });

  it('an error report, another event, a bad envelope', () => {
    expect(decode(frame([many(20)], { possible_error: true }))).toBeNull();
    expect(decode(frame([many(20)], { event: 'GATEWAY_READY' }))).toBeNull();
    expect(decode(frame([many(20)], { type: 1.5 }))).toBeNull();
    expect(decode(frame([many(20)], { type: '1' }))).toBeNull();
    expect(decode(frame([many(20)], { service: 7 }))).toBeNull();
    expect(decode(frame({ shards: many(20) }))).toBeNull();
    expect(decode(JSON.stringify({ event: 'GATEWAY_SHARD_INFO', data: [many(20)] }))).toBeNull();
    expect(decode(`[${frame([many(20)])}]`)).toBeNull();
    // `possible_error: false` and an unknown small field are fine.
    expectSame(frame([many(20)], { possible_error: false, message: '', rate_limit: true }));
  });
});

describe('compressed shard-info frames', () => {
  /** What the general path makes of the same compressed binary frame. */
  function generalOf(wire: Buffer, limit = LIMIT) {
    return decodeFrame(wire, true, { watch: scrubber, maxFrameBytes: limit });
  }

  it('inflates zlib and gzip frames and reads them as the general path does', () => {
    const text = frame([[[[many(3000)]]]]);
    for (const [encoding, wire] of [
      ['zlib', deflateSync(Buffer.from(text))],
      ['gzip', gzipSync(Buffer.from(text))],
    ] as const) {
      const fast = decodeShardInfo(wire, true, { watch: scrubber, maxFrameBytes: LIMIT });
      const slow = generalOf(wire);
      expect(fast, `${encoding}: the decoder refused a frame it should take`).not.toBeNull();
      if (!fast || !slow.ok) throw new Error(`${encoding}: general path refused it`);
      expect(fromColumns(fast.columns)).toEqual(flattenShardsStats(slow.message.data));
      // The frame log shows how it came and its size on the wire, as before.
      expect(fast.encoding).toBe(encoding);
      expect(slow.encoding).toBe(encoding);
      expect(fast.bytes).toBe(wire.length);
    }
  });

  it('a compressed text frame is not inflated (text frames never are)', () => {
    const wire = deflateSync(Buffer.from(frame([many(3000)])));
    expect(decodeShardInfo(wire, false, { watch: scrubber, maxFrameBytes: LIMIT })).toBeNull();
  });

  it('leaves a bomb, a broken stream and a frame holding a secret to the general path', () => {
    // About 9 MiB of text in a few kilobytes: past the 8 MiB inflate limit.
    const bomb = deflateSync(Buffer.from(frame([many(1)], { message: 'x'.repeat(9 << 20) })));
    expect(bomb.length).toBeLessThan(LIMIT);
    expect(decodeShardInfo(bomb, true, { watch: scrubber, maxFrameBytes: 1 << 20 })).toBeNull();
    const bombResult = generalOf(bomb, 1 << 20);
    expect(bombResult.ok ? null : bombResult.error.kind).toBe('inflate-too-large');

    const good = deflateSync(Buffer.from(frame([many(3000)])));
    const broken = Buffer.concat([good.subarray(0, good.length - 40), Buffer.alloc(40, 7)]);
    expect(decodeShardInfo(broken, true, { watch: scrubber, maxFrameBytes: LIMIT })).toBeNull();
    const brokenResult = generalOf(broken);
    expect(brokenResult.ok ? null : brokenResult.error.kind).toBe('inflate-failed');

    const secret = deflateSync(
      Buffer.from(frame([many(3000, (i) => (i === 7 ? { note: SECRET } : {}))])),
    );
    expect(decodeShardInfo(secret, true, { watch: scrubber, maxFrameBytes: LIMIT })).toBeNull();
    expect(generalOf(secret)).toMatchObject({ ok: true, mayHoldWatched: true });
  });

  it('hands the bytes it inflated to the general path when it declines, and only then', () => {
    const handed: Buffer[] = [];
    const options = {
      watch: scrubber,
      maxFrameBytes: LIMIT,
      declinedInflated: (b: Buffer) => handed.push(b),
    };
    const text = frame([many(3000, (i) => (i === 7 ? { note: SECRET } : {}))]);
    const secret = gzipSync(Buffer.from(text));
    expect(decodeShardInfo(secret, true, options)).toBeNull();
    expect(handed.map((b) => b.toString('utf8'))).toEqual([text]);
    // Read from those bytes, the general path says what it says after inflating them itself.
    const given = decodeFrame(secret, true, {
      watch: scrubber,
      maxFrameBytes: LIMIT,
      inflated: handed[0],
    });
    expect(given).toEqual(generalOf(secret));
    expect(given).toMatchObject({ ok: true, encoding: 'gzip', bytes: secret.length });

    // Taken, not compressed, or not inflatable: nothing is handed over.
    handed.length = 0;
    expect(
      decodeShardInfo(deflateSync(Buffer.from(frame([many(3000)]))), true, options),
    ).not.toBeNull();
    expect(decodeShardInfo(Buffer.from(text), true, options)).toBeNull();
    const broken = Buffer.concat([secret.subarray(0, secret.length - 40), Buffer.alloc(40, 7)]);
    expect(decodeShardInfo(broken, true, options)).toBeNull();
    expect(handed).toEqual([]);
  });

  it('the general path ignores inflated bytes given for a frame that is not compressed', () => {
    const text = Buffer.from(frame([many(20)]));
    const other = Buffer.from(JSON.stringify({ type: 3 }));
    expect(decodeFrame(text, true, { watch: scrubber, inflated: other })).toEqual(
      decodeFrame(text, true, { watch: scrubber }),
    );
  });
});

describe('shard columns', () => {
  const list: ShardStats[] = [
    { ...(shard(0) as unknown as ShardStats), extra: {} },
    { ...(shard(9) as unknown as ShardStats), shard_hash: '', extra: { note: 'x' } },
    { ...(shard(2 ** 40) as unknown as ShardStats), shard_hash: 'ü漢', extra: {} },
  ];

  it('carry a list there and back, hashes compared without a string', () => {
    const c = toColumns(list);
    expect(fromColumns(c)).toEqual(list);
    expect(hashAt(c, 2)).toBe('ü漢');
    expect(hashIs(c, 0, list[0]?.shard_hash ?? '')).toBe(true);
    expect(hashIs(c, 0, 'hxxxxxxxxxxxxxx1')).toBe(false);
    expect(hashIs(c, 1, '')).toBe(true);
    expect(hashIs(c, 2, 'ü漢')).toBe(true);
    expect(hashIs(c, 2, 'üx')).toBe(false);
    expect(fromColumns(toColumns([]))).toEqual([]);
  });

  it('name each buffer once for a transfer, and survive one', () => {
    const c = toColumns(list);
    const buffers = columnBuffers(c);
    expect(new Set(buffers).size).toBe(buffers.length);
    const { port1, port2 } = new MessageChannel();
    return new Promise<void>((done) => {
      port2.once('message', (moved: typeof c) => {
        expect(fromColumns(moved)).toEqual(list);
        // Transferred, not copied: the sender's arrays are detached.
        expect(c.ids.length).toBe(0);
        port1.close();
        done();
      });
      port1.postMessage(c, buffers);
    });
  });
});
