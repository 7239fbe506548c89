/**
 * Fuzz of the whole gateway connection: a real loopback server sends it
 * fuzzed frames (random bytes, mutated valid frames in every encoding, known
 * events with hostile `data`, over-size frames, compression bombs). The
 * connection never throws, counts exactly the frames the codec refuses as
 * protocol errors, stays `ready`, and afterwards still reads shard info and
 * measures pings.
 */
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, MAX_FRAME_BYTES } from '../../../electron/core/gateway/codec';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayConnection, GatewayEvents } from '../../../electron/core/gateway/connection';
import { dialectSpec } from '../../../shared/dialects';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import type { Dialect } from '../../../shared/protocol';
import { HELLO, PING_ANSWER, readyMessage, startTestServer } from '../gateway/test-gateway-server';
import type { ServerConn, TestServer } from '../gateway/test-gateway-server';
import type { Frame } from '../../reliability/arbitraries';
import {
  ENCODINGS,
  anyJson,
  encode,
  mutate,
  mutation,
  validMessage,
} from '../../reliability/arbitraries';
import {
  createSteppingClock,
  leftoverResources,
  size,
  tcpCounts,
  timeoutFor,
  waitUntil,
  watchCrashes,
} from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('connection-fuzz');
const FRAMES = size(300, 20_000);

let server: TestServer | null = null;
let conn: GatewayConnection | null = null;
const baseline = tcpCounts();

afterEach(async () => {
  conn?.dispose();
  conn = null;
  await server?.close();
  server = null;
  const left = await leftoverResources(baseline);
  card.add('leaks', left.sockets + left.servers + left.timers);
});

/** A nest of arrays around hostile shard objects, as `shards_stats` may arrive. */
const hostileShards = fc
  .record({
    depth: fc.integer({ min: 0, max: 400 }),
    shards: fc.array(
      fc.oneof(
        fc.record({
          shard_id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
          shard_hash: fc.oneof(fc.string({ maxLength: 64 }), fc.integer()),
          disconnected: fc.oneof(fc.boolean(), fc.string()),
          development: fc.oneof(fc.boolean(), fc.integer()),
          send_ping: fc.oneof(fc.integer(), fc.double(), fc.string()),
          receibe_ping: fc.oneof(fc.integer(), fc.constant(-1)),
          sending: fc.integer(),
          received: fc.integer(),
          extra_field: anyJson,
        }),
        anyJson,
      ),
      { maxLength: 20 },
    ),
  })
  .map(({ depth, shards }) => {
    let v: unknown = shards;
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  });

/** Known events carrying hostile data: exercises parseReady, flatten, shard ingest. */
const knownEvent = fc
  .record({
    type: fc.constantFrom(1, 2, 3, 8, 0),
    event: fc.constantFrom(
      GATEWAY_EVENTS.HELLO,
      GATEWAY_EVENTS.READY,
      GATEWAY_EVENTS.RESUME,
      GATEWAY_EVENTS.PING,
      GATEWAY_EVENTS.SHARD_INFO,
      GATEWAY_EVENTS.ERROR,
      GATEWAY_EVENTS.INTERACTION,
      'SOMETHING_NEW',
    ),
    data: fc.oneof(
      anyJson,
      hostileShards,
      fc.record({
        session_id: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
        shards_config: hostileShards,
        shards_stats: hostileShards,
        application_bot: anyJson,
      }),
    ),
    possible_error: fc.boolean(),
    message: fc.string({ maxLength: 200 }),
  })
  .map((m) => JSON.stringify(m));

const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .uint8Array({ maxLength: 512 })
      .map((b) => ({ data: Buffer.from(b), binary: true })),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 256 }).map((s) => ({ data: s, binary: false })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        msg: validMessage,
        encoding: fc.constantFrom(...ENCODINGS),
        mutations: fc.array(mutation, { maxLength: 3 }),
      })
      .map(({ msg, encoding, mutations }) => {
        const f = encode(JSON.stringify(msg), encoding);
        const raw = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
        const m = mutations.reduce(mutate, raw);
        return { data: f.binary ? m : m.toString('utf8'), binary: f.binary };
      }),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ json: knownEvent, encoding: fc.constantFrom(...ENCODINGS) })
      .map(({ json, encoding }) => encode(json, encoding)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Frame>(
      { data: Buffer.alloc(MAX_FRAME_BYTES + 10, 0x20), binary: false },
      { data: deflateSync(Buffer.alloc(12 * 1024 * 1024)), binary: true },
      { data: gzipSync(Buffer.alloc(12 * 1024 * 1024)), binary: true },
      { data: `{"type":1,"data":${'['.repeat(5000)}`, binary: false },
    ),
  },
);

async function fuzzConnection(dialect: Dialect, seed: number): Promise<void> {
  const crashes = watchCrashes();
  const spec = dialectSpec(dialect);
  let sc: ServerConn | null = null;
  server = await startTestServer({
    framing: dialect === 'documented' ? 'text' : 'zlib',
    onConnection(c) {
      sc = c;
      if (spec.sendsHello) c.send(HELLO);
    },
    onFrame(c, frame) {
      const type = frame.message?.['type'];
      if (type === spec.registerOpcode) c.send(readyMessage());
      else if (type === spec.pingOpcode) c.send(PING_ANSWER);
    },
  });
  const clock = createSteppingClock();
  conn = createGatewayConnection({
    url: server.url,
    dialect,
    identity: {
      botId: '1234567890',
      // A key of the shape 0.2.2 requires (64 hex characters).
      publicKey: 'f0e1'.repeat(16),
      secret: 'sk-fuzz',
      shardIn: 0,
      shardTotal: 1,
    },
    flags: 0,
    clock,
    random: () => 0.5,
    pingIntervalMs: 1000,
    pingTimeoutMs: 2000,
  });
  const c = conn;
  // Listen to everything, as the monitor does, so every emit and scrub path runs.
  const names: Array<keyof GatewayEvents> = [
    'state',
    'hello',
    'ready',
    'shards',
    'ping',
    'ping-late',
    'protocol-error',
    'server-message',
    'interaction',
    'unknown-event',
    'frame',
  ];
  let events = 0;
  for (const n of names) c.on(n, () => void events++);
  let shardsEvents = 0;
  c.on('shards', () => void shardsEvents++);
  // Shard entries without a usable id are reported too, besides codec refusals.
  let badShardReports = 0;
  c.on('protocol-error', (e) => void (e.kind === 'bad-shard' && badShardReports++));

  c.connect();
  await waitUntil(
    () => c.state === 'ready' && c.snapshot().lastRttMs !== null,
    'ready and a first ping',
  );
  const before = c.snapshot();

  const frames = fc
    .sample(frameArb, { numRuns: FRAMES, seed })
    // A refusal of the credentials legitimately ends the connection; everything else must not.
    .filter((f) => {
      const r = decodeFrame(f.data, f.binary);
      return !(r.ok && r.message.event === GATEWAY_EVENTS.NO_IDENTIFIED);
    });
  const expectedErrors = frames.filter((f) => !decodeFrame(f.data, f.binary).ok).length;
  const server1 = sc as ServerConn | null;
  if (!server1) throw new Error('no server connection');
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i] as Frame;
    server1.sendRaw(f.data, f.binary);
    // Let the client read as we go (bounded buffers on both sides).
    if (i % 50 === 49)
      await waitUntil(
        () => c.snapshot().framesIn >= before.framesIn + i + 1,
        'frames read',
        20_000,
      );
  }
  await waitUntil(
    () => c.snapshot().framesIn === before.framesIn + frames.length,
    'every fuzzed frame read',
    60_000,
  );

  const after = c.snapshot();
  card.add('inputsTried', frames.length);
  card.detail(`${dialect}: fuzzed frames`, frames.length);
  card.detail(`${dialect}: refused by the codec`, expectedErrors);
  expect(c.state).toBe('ready');
  expect(after.protocolErrors - before.protocolErrors).toBe(expectedErrors + badShardReports);
  expect(after.listenerErrors).toBe(0);
  expect(events).toBeGreaterThan(frames.length);

  // Still fully working: shard info is read and pings are measured.
  const shardsBefore = shardsEvents;
  server1.send({
    type: 1,
    service: 'gateway',
    event: GATEWAY_EVENTS.SHARD_INFO,
    data: [
      [
        {
          shard_id: 0,
          shard_hash: 'h',
          disconnected: false,
          development: false,
          send_ping: 1,
          receibe_ping: 1,
          sending: 1,
          received: 1,
        },
      ],
    ],
  });
  await waitUntil(() => shardsEvents > shardsBefore, 'shard info after the fuzz');
  expect(c.snapshot().shards).toEqual([expect.objectContaining({ shard_id: 0 })]);
  const sentBefore = c.snapshot().pingsSent;
  for (let i = 0; i < 10 && c.snapshot().pingsSent === sentBefore; i++) {
    const next = clock.nextDueAt();
    if (next !== null) clock.advance(next - clock.now());
  }
  await waitUntil(
    () => c.snapshot().lastRttMs !== null && c.snapshot().pingsSent > sentBefore,
    'a ping after the fuzz',
  );
  expect(c.state).toBe('ready');

  crashes.dispose();
  card.add('crashes', crashes.errors.length + after.listenerErrors);
  expect(crashes.errors).toEqual([]);
}

describe('a gateway sending fuzzed frames', () => {
  it(
    'documented: never throws, counts every refused frame, stays ready and keeps working',
    () => fuzzConnection('documented', 61),
    timeoutFor(30_000, 900_000),
  );
  it(
    'http-interaction 0.2.2: the same',
    () => fuzzConnection('http-interaction-0.2.2', 62),
    timeoutFor(30_000, 900_000),
  );
});
