/**
 * Arbitraries and helpers shared by the fuzzing suites: gateway messages,
 * frame encodings as a gateway may send them, and byte-level mutations.
 */
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'node:zlib';
import type { GatewayMessage, Json } from '../../shared/protocol';

export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

export type Encoding = 'text' | 'binary-json' | 'zlib' | 'gzip';
export const ENCODINGS: Encoding[] = ['text', 'binary-json', 'zlib', 'gzip'];

/** A frame as `ws` would hand it over: payload and whether it was binary. */
export interface Frame {
  data: string | Buffer;
  binary: boolean;
}

export function encode(json: string, encoding: Encoding): Frame {
  const bytes = Buffer.from(json, 'utf8');
  switch (encoding) {
    case 'text':
      return { data: json, binary: false };
    case 'binary-json':
      return { data: bytes, binary: true };
    case 'zlib':
      return { data: deflateSync(bytes), binary: true };
    case 'gzip':
      return { data: gzipSync(bytes), binary: true };
  }
}

/** Any own key that could reach a prototype, at any depth. */
export function hasForbiddenKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.includes(k)) return true;
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

/** Any JSON value, a few levels deep. */
export const anyJson = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>;

/** A well-formed gateway message (keys that could reach a prototype left out). */
export const validMessage: fc.Arbitrary<GatewayMessage> = fc
  .record(
    {
      type: fc.integer({ min: -5, max: 20 }),
      service: fc.constantFrom('gateway', 'http_gateway'),
      event: fc.constantFrom(
        'GATEWAY_PING',
        'GATEWAY_READY',
        'GATEWAY_SHARD_INFO',
        'GATEWAY_ERROR',
        'X_UNKNOWN',
      ),
      data: anyJson,
      possible_error: fc.boolean(),
      message: fc.string({ maxLength: 40 }),
    },
    { requiredKeys: ['type'] },
  )
  .filter((m) => !hasForbiddenKey(m));

export type Mutation =
  | { kind: 'flip'; at: number[]; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; from: number; to: number }
  | { kind: 'zero'; from: number; to: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('zero' as const), from: fc.nat(), to: fc.nat() }),
);

export function mutate(buf: Buffer, m: Mutation): Buffer {
  const n = buf.length;
  const pos = (x: number) => (n === 0 ? 0 : x % (n + 1));
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(buf);
      for (const a of m.at) if (n > 0) out[a % n] = (out[a % n] as number) ^ m.xor;
      return out;
    }
    case 'truncate':
      return buf.subarray(0, pos(m.at) === n ? Math.max(0, n - 1) : pos(m.at));
    case 'insert':
      return Buffer.concat([buf.subarray(0, pos(m.at)), m.bytes, buf.subarray(pos(m.at))]);
    case 'duplicate': {
      const [a, b] = [pos(m.from), pos(m.to)].sort((x, y) => x - y) as [number, number];
      return Buffer.concat([buf.subarray(0, b), buf.subarray(a, b), buf.subarray(b)]);
    }
    case 'zero': {
      const [a, b] = [pos(m.from), pos(m.to)].sort((x, y) => x - y) as [number, number];
      const out = Buffer.from(buf);
      if (a < n) out.fill(0, a, Math.min(n, Math.max(b, a + 1)));
      return out;
    }
  }
}

/** Split a buffer the way `ws` may deliver fragments. */
export function fragments(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (buf.length === 0 ? 0 : c % buf.length)))].sort(
    (a, b) => a - b,
  );
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    out.push(buf.subarray(last, p));
    last = p;
  }
  out.push(buf.subarray(last));
  return out;
}
