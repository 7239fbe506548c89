/**
 * The gateway client in the http-interaction 0.2.2 dialect against a small
 * scripted server with that server's wire rules (docs/protocol.md §2): it
 * only ever pings, never registers, and tells refusals, drops, a waiting bot
 * and a gateway of the other dialect apart. (The same behaviour against the
 * real server is in test/integration/conformance/.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS_REFUSED,
  DROPPED_BEFORE_ANSWER,
  PINGS_ANSWERED_MEANING,
  WAITING_FOR_BOT,
} from '../../../shared/connection-text';
import { HTTP_INTERACTION_022 } from '../../../shared/dialects';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { TestServer } from './test-gateway-server';
import { HELLO, PING_ANSWER, startTestServer, waitFor } from './test-gateway-server';
import type { Harness } from './harness';
import {
  BOT_ID,
  IDENTITY,
  PUBLIC_KEY,
  SECRET,
  emittedText,
  expectNoNewAttempt,
  makeConnection,
} from './harness';

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

/** A 0.2.2-like server: HELLO on connect, zlib frames; pings answered once `bot.registered`. */
async function server022(bot = { registered: true, hello: true }): Promise<TestServer> {
  return startTestServer({
    framing: 'zlib',
    strict022: true,
    onConnection(conn) {
      if (bot.hello) conn.send(HELLO);
    },
    onFrame(conn, frame) {
      if (frame.message?.['type'] === 2 && bot.registered) conn.send(PING_ANSWER);
    },
  });
}

describe('http-interaction 0.2.2: the client only pings', () => {
  it('waits for HELLO, then pings with gzip binary type 2 — never a register — and reads zlib', async () => {
    server = await server022();
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    expect(sc.headers['identification']).toBe(BOT_ID);
    expect(sc.headers['secret']).toBe(SECRET);
    expect(sc.headers['public-key']).toBe(PUBLIC_KEY);
    expect(sc.headers['shard-in']).toBe('0');
    expect(sc.headers['shard-total']).toBe('1');

    await waitFor(() => conn.state === 'ready', 'ready');
    expect(rec.of('state').map((s) => s.state)).toEqual([
      'connecting',
      'handshaking',
      'handshaking',
      'ready',
    ]);
    // Answered pings prove exactly this, and the UI says so.
    expect(conn.snapshot().detail).toBe(PINGS_ANSWERED_MEANING);
    expect(sc.frames).toEqual([{ isBinary: true, gzip: true, message: { type: 2 } }]);
    expect(conn.snapshot()).toMatchObject({ mode: 'ping-only', reportsShardStats: false });
    expect(
      rec
        .of('frame')
        .filter((f) => f.direction === 'in')
        .every((f) => f.encoding === 'zlib'),
    ).toBe(true);

    // The server pings at WebSocket level: the client must not pong (a control frame).
    // A message sent after the ping is read after it: once the client has
    // read that one, any answer to the ping is already on the wire, ahead of
    // the next ping, so the server has seen it by the time that ping arrives.
    sc.ws.ping();
    const readIn = () => rec.of('frame').filter((f) => f.direction === 'in').length;
    const before = readIn();
    sc.send({ type: 1, service: 'gateway', event: 'GATEWAY_ORDER_PROBE', data: {} });
    await waitFor(() => readIn() > before, 'the message sent after the ping');
    h.clock.advance(5000);
    await waitFor(() => rec.of('ping').length === 2, 'second ping');
    await waitFor(() => sc.frames.length === 2, 'the second ping at the server');
    expect(sc.frames.every((f) => f.message?.['type'] === 2)).toBe(true);

    conn.disconnect();
    // No close frame in this dialect: the server sees the TCP connection go (1006).
    expect(await sc.closed).toBe(1006);
    expect(h.clock.pendingCount()).toBe(0);
    const text = emittedText(h);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PUBLIC_KEY);
  });

  it('registering is refused up front, whatever the caller asks', () => {
    expect(() =>
      createGatewayConnection({
        url: 'ws://127.0.0.1:1/gateway',
        dialect: 'http-interaction-0.2.2',
        mode: 'register',
        identity: IDENTITY,
        flags: 0,
      }),
    ).toThrow(/never registers in the http-interaction-0.2.2 dialect/);
    expect(HTTP_INTERACTION_022.forbiddenOpcodes).toEqual([1, 3, 4, 5, 6]);
  });

  it('HELLO but no answer: "waiting for the bot", pings go on, no reconnect; the first answer then gets a clean connection', async () => {
    const bot = { registered: false, hello: true };
    server = await server022(bot);
    h = makeConnection(server.url, 'http-interaction-0.2.2', {
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
      lostPingsToDead: 2,
    });
    const { conn, clock, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => sc.frames.length === 1, 'first ping');
    clock.advance(1000);
    expect(conn.state).toBe('waiting');
    expect(conn.snapshot().detail).toBe(WAITING_FOR_BOT);
    // Many unanswered pings later: still the same socket, nothing counted as lost.
    for (let i = 2; i <= 6; i++) {
      clock.advance(1000);
      await waitFor(() => sc.frames.length === i, `ping ${i}`);
      clock.advance(1000);
    }
    expect(conn.state).toBe('waiting');
    expect(server.upgrades).toBe(1);
    expect(rec.of('ping')).toEqual([]);
    expect(conn.snapshot()).toMatchObject({ pingsLost: 0, pingsUnanswered: 6 });

    // The bot registers: the next answer cannot be matched to its ping (the
    // lost ones might only have been slow), so a clean connection measures.
    bot.registered = true;
    clock.advance(1000);
    await waitFor(() => conn.state === 'reconnecting', 'a clean connection');
    expect(conn.snapshot().detail).toMatch(/answered after earlier pings had gone unanswered/);
    expect(rec.of('ping')).toEqual([]);
    clock.advance(conn.snapshot().retryAt! - clock.wallNow());
    await waitFor(() => conn.state === 'ready', 'ready on the new connection');
    expect(server.upgrades).toBe(2);
    expect(rec.of('ping')).toHaveLength(1);
    expect(rec.of('ping')[0]?.lost).toBe(false);
  });

  it('a close frame without a status right after the upgrade (1005) is "credentials refused", no retry', async () => {
    server = await startTestServer({
      framing: 'zlib',
      strict022: true,
      onConnection: (conn) => conn.ws.close(),
    });
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => conn.state === 'auth-refused', 'auth-refused');
    expect(conn.snapshot().detail.startsWith(CREDENTIALS_REFUSED)).toBe(true);
    expect(conn.snapshot().kind).toBe('auth-refused');
    expect(clock.pendingCount()).toBe(0);
    expectNoNewAttempt(h, 3_600_000);
    expect(server.upgrades).toBe(1);

    conn.reconnectNow();
    await waitFor(() => server!.upgrades === 2, 'manual reconnect');
    await waitFor(() => conn.state === 'auth-refused', 'refused again');
  });

  it('a drop without a close frame before any message (1006) is a gateway fault, retried with backoff', async () => {
    server = await startTestServer({
      framing: 'zlib',
      strict022: true,
      onConnection: (conn) => conn.ws.terminate(),
    });
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => conn.state === 'reconnecting', 'reconnecting');
    expect(conn.snapshot().kind).toBe('dropped');
    expect(conn.snapshot().detail).toBe(`${DROPPED_BEFORE_ANSWER} Retrying in 1 s.`);
    clock.advance(1000);
    await waitFor(() => server!.upgrades === 2, 'retried');
  });

  it('no HELLO within the phase deadline → reconnecting with a timeout', async () => {
    server = await server022({ registered: true, hello: false });
    h = makeConnection(server.url, 'http-interaction-0.2.2', { phaseTimeoutMs: 10_000 });
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'handshaking', 'handshaking');
    clock.advance(9999);
    expect(conn.state).toBe('handshaking');
    clock.advance(1);
    expect(conn.snapshot()).toMatchObject({ state: 'reconnecting', kind: 'timeout' });
    expect(conn.snapshot().detail).toMatch(/no HELLO within 10 s/);
    expect(sc.frames).toEqual([]);
    expect(await sc.closed).toBe(1006);
  });

  it('once answered, lost pings mean a dead connection, detected with type 2 only', async () => {
    const bot = { registered: true, hello: true };
    server = await server022(bot);
    h = makeConnection(server.url, 'http-interaction-0.2.2', {
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
    });
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');
    bot.registered = false;
    for (let i = 0; i < 3; i++) {
      clock.advance(i === 0 ? 1000 : 2000);
      await waitFor(() => sc.frames.length === 2 + i, `ping ${i + 2}`);
    }
    clock.advance(1000);
    expect(conn.snapshot()).toMatchObject({ state: 'reconnecting', kind: 'dead', pingsLost: 3 });
    expect(await sc.closed).toBe(1006);
    expect(sc.frames.map((f) => f.message)).toEqual([
      { type: 2 },
      { type: 2 },
      { type: 2 },
      { type: 2 },
    ]);
  });

  it('a HELLO in a text frame names the documented dialect and is not retried', async () => {
    server = await startTestServer({
      framing: 'text',
      strict022: true,
      onConnection: (conn) => conn.send(HELLO),
    });
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => conn.state === 'failed', 'failed');
    expect(conn.snapshot()).toMatchObject({
      kind: 'wrong-dialect',
      suggestedDialect: 'documented',
    });
    expect(conn.snapshot().detail).toMatch(/This looks like a documented-protocol gateway/);
    expect(clock.pendingCount()).toBe(0);
  });
});
