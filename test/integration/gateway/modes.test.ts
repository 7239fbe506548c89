/**
 * The documented dialect's two monitor modes and the failures that name the
 * other dialect, against the scripted test server (docs/protocol.md §1, §4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WAITING_FOR_BOT } from '../../../shared/connection-text';
import { MAX_FRAME_BYTES, zlibJson } from '../../../electron/core/gateway/codec';
import type { TestServer } from './test-gateway-server';
import {
  HELLO,
  HELLO_022,
  PING_ANSWER,
  readyMessage,
  startTestServer,
  waitFor,
} from './test-gateway-server';
import type { Harness } from './harness';
import { makeConnection } from './harness';

let server: TestServer | null = null;
let h: Harness | null = null;

afterEach(async () => {
  h?.conn.dispose();
  h = null;
  await server?.close();
  server = null;
});

describe('documented dialect, ping only', () => {
  it('sends nothing but text type-3 pings; waits while they go unanswered; ready once answered', async () => {
    const bot = { registered: false };
    server = await startTestServer({
      framing: 'text',
      onFrame(conn, frame) {
        if (frame.message?.['type'] === 3 && bot.registered) conn.send(PING_ANSWER);
      },
    });
    h = makeConnection(server.url, 'documented', {
      mode: 'ping-only',
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
    });
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => sc.frames.length === 1, 'first ping');
    clock.advance(1000);
    expect(conn.snapshot()).toMatchObject({
      state: 'waiting',
      detail: WAITING_FOR_BOT,
      mode: 'ping-only',
    });
    expect(conn.snapshot().reportsShardStats).toBe(false);
    expect(sc.frames).toEqual([{ isBinary: false, gzip: false, message: { type: 3 } }]);

    bot.registered = true;
    clock.advance(1000);
    await waitFor(() => conn.state === 'reconnecting', 'a clean connection after the losses');
    clock.advance(conn.snapshot().retryAt! - clock.wallNow());
    const again = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');
    expect(again.frames.every((f) => f.message?.['type'] === 3)).toBe(true);
    expect(server.conns.flatMap((c) => c.frames).some((f) => f.message?.['type'] === 1)).toBe(
      false,
    );
  });
});

describe('the other dialect, named', () => {
  it("the documented dialect meeting 0.2.2's zlib HELLO fails at once, names it, no retry", async () => {
    server = await startTestServer({
      framing: 'text',
      onConnection: (conn) => conn.sendRaw(zlibJson(HELLO_022), true),
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'failed', 'failed');
    expect(h.conn.snapshot()).toMatchObject({
      kind: 'wrong-dialect',
      suggestedDialect: 'http-interaction-0.2.2',
    });
    expect(h.conn.snapshot().detail).toMatch(
      /^The gateway sent its HELLO as a zlib-compressed binary frame, which a Documented protocol gateway never does\. This looks like an http-interaction 0\.2\.2 gateway/,
    );
    expect(h.clock.pendingCount()).toBe(0);
  });

  it('the documented dialect seeing a bare close frame (1005) names 0.2.2 too', async () => {
    server = await startTestServer({ framing: 'text', onConnection: (conn) => conn.ws.close() });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'failed', 'failed');
    expect(h.conn.snapshot().suggestedDialect).toBe('http-interaction-0.2.2');
  });
});

describe('a register answer over the frame limit', () => {
  it('fails with "frame too large (N bytes, limit M)", not a register timeout, and is not retried', async () => {
    const big = readyMessage();
    (big['data'] as Record<string, unknown>)['padding'] = 'x'.repeat(1_100_000);
    server = await startTestServer({
      framing: 'text',
      onConnection: (conn) => conn.send(HELLO),
      onFrame(conn, frame) {
        if (frame.message?.['type'] === 1) conn.send(big);
      },
    });
    h = makeConnection(server.url, 'documented', {
      mode: 'register',
      maxFrameBytes: MAX_FRAME_BYTES,
    });
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'failed', 'failed');
    const snap = h.conn.snapshot();
    expect(snap.kind).toBe('too-large');
    expect(snap.detail).toMatch(/frame too large \(1\d{6} bytes, limit 1048576\)/);
    expect(snap.detail).not.toMatch(/did not answer the register request/);
    expect(h.clock.pendingCount()).toBe(0);
  });
});
