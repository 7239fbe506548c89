import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayOptionsError } from '../../../electron/core/gateway/options';
import { createTranslator } from '../../../shared/i18n/translator';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { TestServer } from './test-gateway-server';
import { startTestServer, waitFor } from './test-gateway-server';
import type { Harness } from './harness';
import { IDENTITY, SECRET, emittedText, expectNoNewAttempt, makeConnection } from './harness';

let server: TestServer | null = null;
let tcp: Server | null = null;
const tcpSockets: Socket[] = [];
let h: Harness | null = null;

afterEach(async () => {
  h?.conn.dispose();
  h = null;
  await server?.close();
  server = null;
  for (const s of tcpSockets.splice(0)) s.destroy();
  if (tcp) await new Promise<void>((r) => tcp!.close(() => r()));
  tcp = null;
});

async function listenTcp(onSocket: (s: Socket) => void): Promise<number> {
  tcp = createServer((s) => {
    tcpSockets.push(s);
    s.on('error', () => {});
    s.resume(); // read (and drop) the upgrade request so the peer's FIN is seen
    onSocket(s);
  });
  await new Promise<void>((r) => tcp!.listen(0, '127.0.0.1', r));
  return (tcp.address() as AddressInfo).port;
}

describe('upgrade failures', () => {
  it('HTTP 401 with a JSON body: message surfaced, state failed, no retry loop', async () => {
    server = await startTestServer({
      framing: 'zlib',
      refuse: () => ({
        status: 401,
        body: JSON.stringify({
          code: 401,
          code_error: 5,
          message: 'Missing header: Shard-Total',
          error: true,
        }),
      }),
    });
    h = makeConnection(server.url, 'http-interaction-0.2.2');
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => conn.state === 'failed', 'failed');
    const snap = conn.snapshot();
    expect(snap).toMatchObject({ kind: 'http-error', httpStatus: 401 });
    expect(snap.detail).toContain('HTTP 401');
    expect(snap.detail).toContain('Missing header: Shard-Total');
    expect(clock.pendingCount()).toBe(0);
    expectNoNewAttempt(h, 3_600_000);
    expect(server.upgrades).toBe(1);
  });

  it('HTTP 503 is retried with backoff, its message shown', async () => {
    server = await startTestServer({
      framing: 'text',
      refuse: () => ({
        status: 503,
        body: JSON.stringify({ code: 503, message: 'Starting up', error: true }),
      }),
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'reconnecting', 'reconnecting');
    expect(h.conn.snapshot()).toMatchObject({ kind: 'http-error', httpStatus: 503 });
    expect(h.conn.snapshot().detail).toMatch(/Starting up.*Retrying in 1 s/);
    h.clock.advance(1000);
    await waitFor(() => server!.upgrades === 2, 'retry');
  });

  it('HTTP 429 waits the maximum backoff; a 3xx redirect is not followed and not retried', async () => {
    let status = 429;
    server = await startTestServer({
      framing: 'text',
      refuse: () => ({ status, body: '{"message":"Slow down"}' }),
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'reconnecting', 'reconnecting');
    const s = h.conn.snapshot();
    expect(s.retryAt! - h.clock.wallNow()).toBe(60_000);
    status = 302;
    h.clock.advance(60_000);
    await waitFor(() => h!.conn.state === 'failed', 'failed on redirect');
    expect(h.conn.snapshot().httpStatus).toBe(302);
  });

  it('an HTTP error body that echoes the secret is redacted', async () => {
    server = await startTestServer({
      framing: 'text',
      refuse: () => ({ status: 403, body: JSON.stringify({ message: `bad secret ${SECRET}` }) }),
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'failed', 'failed');
    expect(h.conn.snapshot().detail).toContain('bad secret [REDACTED]');
    expect(emittedText(h)).not.toContain(SECRET);
  });

  it('unreachable gateway: reconnecting with kind unreachable', async () => {
    const port = await listenTcp(() => {});
    await new Promise<void>((r) => tcp!.close(() => r()));
    tcp = null;
    h = makeConnection(`ws://127.0.0.1:${port}/gateway`, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'reconnecting', 'reconnecting');
    const snap = h.conn.snapshot();
    expect(snap.kind).toBe('unreachable');
    expect(snap.detail).toMatch(
      /^Cannot reach ws:\/\/127\.0\.0\.1:\d+\/gateway: connection refused .*ECONNREFUSED/,
    );
  });

  it('a server that never answers the upgrade hits the connecting deadline', async () => {
    const port = await listenTcp(() => {});
    h = makeConnection(`ws://127.0.0.1:${port}/gateway`, 'documented', { phaseTimeoutMs: 5000 });
    const { conn, clock } = h;
    conn.connect();
    await waitFor(() => tcpSockets.length === 1, 'tcp accept');
    // Only the deadline (a timer of the fake clock) moves it on: one step short, still connecting.
    clock.advance(4999);
    expect(conn.state).toBe('connecting');
    clock.advance(1);
    expect(conn.state).toBe('reconnecting');
    expect(conn.snapshot().detail).toMatch(/No answer to the WebSocket upgrade .* within 5 s/);
    await new Promise<void>((r) =>
      tcpSockets[0]!.destroyed ? r() : tcpSockets[0]!.once('close', () => r()),
    );
  });

  it('a server that never answers register hits the registering deadline', async () => {
    server = await startTestServer({ framing: 'text' });
    h = makeConnection(server.url, 'documented');
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => sc.frames.length === 1, 'register');
    expect(conn.state).toBe('registering');
    clock.advance(10_000);
    expect(conn.snapshot()).toMatchObject({ state: 'reconnecting', kind: 'timeout' });
    expect(conn.snapshot().detail).toMatch(/did not answer the register request within 10 s/);
    await sc.closed;
  });

  it('with autoReconnect off, a failure is final', async () => {
    server = await startTestServer({ framing: 'text' });
    h = makeConnection(server.url, 'documented', { autoReconnect: false });
    h.conn.connect();
    await server.nextConn();
    await waitFor(() => h!.conn.state === 'registering', 'registering');
    h.clock.advance(10_000);
    expect(h.conn.state).toBe('failed');
    expect(h.clock.pendingCount()).toBe(0);
  });

  it('dispose() while waiting to retry releases the retry timer', async () => {
    const port = await listenTcp(() => {});
    await new Promise<void>((r) => tcp!.close(() => r()));
    tcp = null;
    h = makeConnection(`ws://127.0.0.1:${port}/gateway`, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'reconnecting', 'reconnecting');
    expect(h.clock.pendingCount()).toBe(1);
    h.conn.dispose();
    expect(h.clock.pendingCount()).toBe(0);
  });
});

describe('robustness', () => {
  it('a throwing listener does not break the state machine', async () => {
    server = await startTestServer({
      framing: 'text',
      onFrame(conn, frame) {
        if (frame.message?.['type'] === 1) conn.send({ type: 1, event: 'GATEWAY_READY', data: {} });
      },
    });
    h = makeConnection(server.url, 'documented');
    h.conn.on('state', () => {
      throw new Error('listener bug');
    });
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'ready', 'ready');
    expect(h.conn.snapshot().listenerErrors).toBe(3);
    h.conn.dispose();
    h.conn.disconnect(); // no-op after dispose
    expect(() => h!.conn.reconnectNow()).toThrow(/disposed/);
  });
});

describe('options validation', () => {
  const base = {
    url: 'ws://127.0.0.1:1/gateway',
    dialect: 'documented' as const,
    identity: IDENTITY,
    flags: 0,
  };

  it('refuses bad options with every problem named and no secret in the message', () => {
    const bad = () =>
      createGatewayConnection({
        ...base,
        url: 'http://example.com',
        identity: { ...base.identity, secret: `${SECRET}\n`, shardIn: 2, shardTotal: 1 },
        flags: -1,
        pingIntervalMs: 10,
      });
    expect(bad).toThrow(GatewayOptionsError);
    try {
      bad();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/ws:\/\//);
      expect(msg).toMatch(/secret contains characters/);
      expect(msg).toMatch(/shard_in must not exceed shard_total/);
      expect(msg).toMatch(/flags must be a non-negative integer/);
      expect(msg).toMatch(/ping interval/);
      expect(msg).not.toContain(SECRET);
    }
  });

  it('words the problems in the user language, with no secret in them', () => {
    let error: unknown = null;
    try {
      createGatewayConnection({
        ...base,
        url: 'http://example.com',
        identity: { ...base.identity, secret: `${SECRET}\n`, publicKey: '' },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GatewayOptionsError);
    const pt = (error as GatewayOptionsError).wordedWith(createTranslator('pt-BR').say);
    expect(pt).toBe(
      'Opções de conexão ao gateway inválidas: A URL do gateway precisa começar com ws:// ou wss://. ' +
        'O campo chave pública está vazio. O campo segredo tem caracteres que não podem ir num cabeçalho HTTP.',
    );
    // The Error's own message stays English, for the log.
    expect((error as Error).message).toMatch(
      /^Invalid gateway connection options: The gateway URL/,
    );
  });

  it('requires shard_in 0: only the master can register and ping', () => {
    expect(() =>
      createGatewayConnection({
        ...base,
        identity: { ...base.identity, shardIn: 1, shardTotal: 2 },
      }),
    ).toThrow(/shard_in must be 0/);
  });
});
