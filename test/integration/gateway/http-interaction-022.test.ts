import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_INTERACTION_022 } from '../../../shared/dialects';
import type { TestServer } from './test-gateway-server';
import {
  HELLO,
  PING_ANSWER,
  readyMessage,
  settle,
  startTestServer,
  waitFor,
} from './test-gateway-server';
import type { Harness } from './harness';
import { BOT_ID, PUBLIC_KEY, SECRET, emittedText, makeConnection } from './harness';

let server: TestServer | null = null;
let h: Harness | null = null;

afterEach(async () => {
  h?.conn.dispose();
  h = null;
  if (server) {
    // Every 0.2.2 test: gzip binary only, never type 3, never a control frame.
    expect(server.violations).toEqual([]);
    await server.close();
  }
  server = null;
});

/** A 0.2.2-like server: HELLO on connect, zlib frames, ping is opcode 2. */
async function server022(
  opts: { hello?: boolean; answerPings?: boolean } = {},
): Promise<TestServer> {
  return startTestServer({
    framing: 'zlib',
    strict022: true,
    onConnection(conn) {
      if (opts.hello !== false) setTimeout(() => conn.send(HELLO), 30);
    },
    onFrame(conn, frame) {
      const type = frame.message?.['type'];
      if (type === 1)
        conn.send({
          ...readyMessage('GATEWAY_READY', 1),
          data: { ...(readyMessage().data as object), shards_stats: [[[[[[[]]]]]]] },
        });
      if (type === 2 && opts.answerPings !== false) conn.send(PING_ANSWER);
    },
  });
}

describe('http-interaction 0.2.2 dialect over a real socket', () => {
  it('waits for HELLO, registers and pings with gzip binary frames, reads zlib frames', async () => {
    server = await server022();
    h = makeConnection(server.url, 'http-interaction-0.2.2', { flags: 3 });
    const { conn, clock, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'handshaking', 'handshaking');
    expect(sc.frames).toEqual([]); // nothing before HELLO
    expect(sc.headers['identification']).toBe(BOT_ID);
    expect(sc.headers['secret']).toBe(SECRET);
    expect(sc.headers['public-key']).toBe(PUBLIC_KEY);
    expect(sc.headers['shard-in']).toBe('0');
    expect(sc.headers['shard-total']).toBe('1');

    await waitFor(() => conn.state === 'ready', 'ready');
    expect(rec.of('hello')).toEqual([{ startingShards: true }]);
    expect(rec.of('state').map((s) => s.state)).toEqual([
      'connecting',
      'handshaking',
      'registering',
      'ready',
    ]);
    expect(sc.frames[0]).toEqual({
      isBinary: true,
      gzip: true,
      message: { type: 1, d: { public_key: PUBLIC_KEY, shard_in: 0, flags: 3 } },
    });
    const reg = sc.frames[0]!.message!['d'] as Record<string, unknown>;
    expect(Number.isInteger(reg['flags'])).toBe(true);
    expect(typeof reg['public_key']).toBe('string');

    await waitFor(() => rec.of('ping').length === 1, 'first ping answered');
    expect(sc.frames[1]).toEqual({ isBinary: true, gzip: true, message: { type: 2 } });
    expect(
      rec
        .of('frame')
        .filter((f) => f.direction === 'in')
        .every((f) => f.encoding === 'zlib'),
    ).toBe(true);

    // The server pings at WebSocket level: the client must not pong (a control frame).
    sc.ws.ping();
    clock.advance(5000);
    await waitFor(() => rec.of('ping').length === 2, 'second ping');
    await settle();

    const snap = conn.snapshot();
    expect(snap.reportsShardStats).toBe(false);
    expect(snap.shards).toEqual([]);
    expect(rec.of('shards')[0]?.reportsShardStats).toBe(false);
    expect(snap.ready?.botFlags).toBe(1); // displayed as sent by the server, never recomputed

    conn.disconnect();
    // No close frame in this dialect: the server sees the TCP connection go (1006).
    expect(await sc.closed).toBe(1006);
    expect(clock.pendingCount()).toBe(0);
    const text = emittedText(h);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PUBLIC_KEY);
  });

  it('a socket closed right after the upgrade means auth-refused, and no retry', async () => {
    server = await startTestServer({
      framing: 'zlib',
      strict022: true,
      onConnection(conn) {
        conn.ws.terminate();
      },
    });
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => conn.state === 'auth-refused', 'auth-refused');
    expect(conn.snapshot().detail).toBe(
      'The server refused these credentials (id, secret or public key). Check them in the profile; ' +
        'Shardwatch will not retry until you change them or press Reconnect.',
    );
    expect(conn.snapshot().kind).toBe('auth-refused');
    expect(clock.pendingCount()).toBe(0);
    clock.advance(3_600_000);
    await settle();
    expect(server.upgrades).toBe(1);

    conn.reconnectNow();
    await waitFor(() => server!.upgrades === 2, 'manual reconnect');
    await waitFor(() => conn.state === 'auth-refused', 'refused again');
  });

  it('the same early close in the documented dialect is a normal reconnect', async () => {
    server = await startTestServer({
      framing: 'text',
      onConnection(conn) {
        conn.ws.terminate();
      },
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'reconnecting', 'reconnecting');
    expect(h.conn.snapshot().kind).toBe('server-closed');
  });

  it('no HELLO within the phase deadline → reconnecting with a timeout', async () => {
    server = await server022({ hello: false });
    h = makeConnection(server.url, 'http-interaction-0.2.2', { phaseTimeoutMs: 10_000 });
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'handshaking', 'handshaking');
    clock.advance(9999);
    expect(conn.state).toBe('handshaking');
    clock.advance(1);
    expect(conn.state).toBe('reconnecting');
    expect(conn.snapshot()).toMatchObject({ kind: 'timeout' });
    expect(conn.snapshot().detail).toMatch(/no HELLO within 10 s/);
    expect(await sc.closed).toBe(1006);
  });

  it('lost pings are detected without ever sending type 3 or a control frame', async () => {
    server = await server022({ answerPings: false });
    h = makeConnection(server.url, 'http-interaction-0.2.2', {
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
    });
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    for (let i = 0; i < 3; i++) {
      await waitFor(() => sc.frames.length === 2 + i, `ping ${i + 1}`);
      clock.advance(1000);
      if (i < 2) clock.advance(1000);
    }
    expect(conn.state).toBe('reconnecting');
    expect(await sc.closed).toBe(1006);
    expect(sc.frames.slice(1).map((f) => f.message)).toEqual([
      { type: 2 },
      { type: 2 },
      { type: 2 },
    ]);
  });
});

it('the 0.2.2 spec forbids opcode 3 and control frames (what the tests above assert)', () => {
  expect(HTTP_INTERACTION_022.forbiddenOpcodes).toContain(3);
  expect(HTTP_INTERACTION_022.allowsControlFrames).toBe(false);
});
