import { afterEach, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { MAX_FRAME_BYTES } from '../../../electron/core/gateway/codec';
import type { TestServer } from './test-gateway-server';
import { PING_ANSWER, readyMessage, startTestServer, waitFor } from './test-gateway-server';
import type { Harness } from './harness';
import {
  BOT_ID,
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
  await server?.close();
  server = null;
});

/** A documented-dialect server that answers register with READY and pings when told to. */
async function documentedServer(answerPings = true): Promise<TestServer> {
  return startTestServer({
    framing: 'text',
    onFrame(conn, frame) {
      const type = frame.message?.['type'];
      if (type === 1) conn.send(readyMessage());
      if (type === 3 && answerPings) conn.send(PING_ANSWER);
    },
  });
}

describe('documented dialect over a real socket', () => {
  it('sends the five identification headers, registers with text JSON, and pings with type 3', async () => {
    server = await documentedServer();
    h = makeConnection(server.url, 'documented', { flags: 5 });
    const { conn, clock, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');

    expect(sc.headers['identification']).toBe(BOT_ID);
    expect(sc.headers['secret']).toBe(SECRET);
    expect(sc.headers['public-key']).toBe(PUBLIC_KEY);
    expect(sc.headers['shard-in']).toBe('0');
    expect(sc.headers['shard-total']).toBe('1');

    expect(sc.frames[0]).toEqual({
      isBinary: false,
      gzip: false,
      message: { type: 1, d: { public_key: PUBLIC_KEY, shard_in: 0, flags: 5 } },
    });
    expect(rec.of('state').map((s) => s.state)).toEqual(['connecting', 'registering', 'ready']);

    const [ready] = rec.of('ready');
    expect(ready).toMatchObject({
      event: 'GATEWAY_READY',
      botId: BOT_ID,
      botFlags: 1,
      shardsConfig: [[0, 1]],
    });
    expect(ready?.sessionIdShort).toMatch(/^S{8}…WXYZ$/);
    expect(ready).not.toHaveProperty('sessionId');
    const [shards] = rec.of('shards');
    expect(shards?.source).toBe('ready');
    expect(shards?.reportsShardStats).toBe(true);
    expect(shards?.shards[0]).toMatchObject({
      shard_id: 0,
      receibe_ping: 2,
      extra: { zone: 'eu' },
    });

    // The first ping goes right after ready.
    await waitFor(() => sc.frames.length === 2, 'first ping');
    expect(sc.frames[1]).toEqual({ isBinary: false, gzip: false, message: { type: 3 } });
    await waitFor(() => rec.of('ping').length === 1, 'ping outcome');
    expect(rec.of('ping')[0]).toMatchObject({ rttMs: 0, lost: false });

    clock.advance(5000);
    await waitFor(() => rec.of('ping').length === 2, 'second ping');
    const snap = conn.snapshot();
    expect(snap).toMatchObject({ pingsSent: 2, pingsLost: 0, framesOut: 3, protocolErrors: 0 });

    // The register frame is logged with its key redacted.
    const out = rec.of('frame').filter((f) => f.direction === 'out');
    expect(out[0]?.raw).toEqual({
      type: 1,
      d: { public_key: '[REDACTED]', shard_in: 0, flags: 5 },
    });
    const text = emittedText(h);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PUBLIC_KEY);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789'); // full session id
  });

  it('accepts RESUME or any event name as the register answer', async () => {
    server = await startTestServer({
      framing: 'text',
      onFrame(conn, frame) {
        if (frame.message?.['type'] === 1) conn.send(readyMessage('GATEWAY_SOMETHING_NEW'));
      },
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'ready', 'ready');
    expect(h.conn.snapshot().ready?.event).toBe('GATEWAY_SOMETHING_NEW');
  });

  it('counts garbage frames without dropping the connection', async () => {
    server = await documentedServer();
    h = makeConnection(server.url, 'documented', { maxFrameBytes: MAX_FRAME_BYTES });
    const { conn, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');

    sc.sendRaw('{"type": 1, "event": "GATEW', false);
    sc.sendRaw(Buffer.from([0x05, 0xff, 0x00, 0x13, 0x37]), true);
    sc.sendRaw(deflateSync(Buffer.alloc(50 * 1024 * 1024)), true);
    sc.sendRaw('['.repeat(100_000), false);
    sc.sendRaw('{"type": "1"}', false);
    sc.sendRaw(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), false);
    sc.sendRaw(Buffer.alloc(MAX_FRAME_BYTES + 10, 0x20), true);
    sc.send({
      type: 1,
      event: 'GATEWAY_SHARD_INFO',
      data: [[{ shard_id: 4, disconnected: true }]],
    });
    await waitFor(() => rec.of('shards').length === 2, 'shard info after garbage');

    expect(rec.of('protocol-error').map((e) => e.kind)).toEqual([
      'invalid-json',
      'invalid-utf8',
      'inflate-too-large',
      'too-deep',
      'bad-type',
      'invalid-utf8',
      'too-large',
    ]);
    const snap = conn.snapshot();
    expect(snap.protocolErrors).toBe(7);
    expect(snap.lastProtocolError?.reason).toMatch(/over the 1\.0 MiB limit/);
    expect(snap.state).toBe('ready');
    expect(snap.shardsSource).toBe('shard-info');
    expect(snap.shards?.[0]).toMatchObject({ shard_id: 4, disconnected: true });
    expect(server.upgrades).toBe(1);
  });

  it('handles server messages, interactions and unknown events without failing', async () => {
    server = await documentedServer();
    h = makeConnection(server.url, 'documented');
    const { conn, rec } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');

    sc.send({
      type: 2,
      service: 'gateway',
      event: 'GATEWAY_ERROR',
      possible_error: true,
      message: 'Rate limited',
    });
    sc.send({
      type: 8,
      service: 'http_gateway',
      event: 'INTERACTION_DISCORD',
      data: {
        shard_id: 0,
        shard_total: 1,
        flag: 0,
        metadata_http: { token: 'interaction-token-xyz' },
      },
    });
    sc.send({ type: 1, service: 'gateway', event: 'GATEWAY_FROM_THE_FUTURE', data: { x: 1 } });
    sc.send({ type: 9 });
    await waitFor(() => conn.snapshot().unknownEvents === 2, 'unknown events');

    expect(rec.of('server-message')).toEqual([
      expect.objectContaining({ message: 'Rate limited', event: 'GATEWAY_ERROR', type: 2 }),
    ]);
    expect(rec.of('interaction')).toEqual([expect.objectContaining({ shardId: 0 })]);
    expect(rec.of('unknown-event')[0]?.message).toMatchObject({ event: 'GATEWAY_FROM_THE_FUTURE' });
    const snap = conn.snapshot();
    expect(snap).toMatchObject({ interactions: 1, unknownEvents: 2, state: 'ready' });
    expect(snap.lastServerMessage?.message).toBe('Rate limited');
    // The interaction payload is counted, not kept.
    expect(JSON.stringify(rec.events)).not.toContain('interaction-token-xyz');
  });

  it('shows the type-0 possible_error message when the server then closes', async () => {
    server = await documentedServer();
    h = makeConnection(server.url, 'documented');
    const { conn } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready');
    sc.send({ type: 0, service: 'gateway', possible_error: true, message: 'Too many shards' });
    await waitFor(() => h!.rec.of('server-message').length > 0, 'the server message read');
    sc.ws.close(1008, 'bye');
    await waitFor(() => conn.state === 'reconnecting', 'reconnecting');
    const snap = conn.snapshot();
    expect(snap.kind).toBe('server-closed');
    expect(snap.detail).toContain('Too many shards');
    expect(snap.detail).toContain('1008');
  });

  it('GATEWAY_NO_IDENTIFIED means auth-refused, with no retry', async () => {
    server = await startTestServer({
      framing: 'text',
      onFrame(conn) {
        conn.send({
          type: 0,
          service: 'gateway',
          event: 'GATEWAY_NO_IDENTIFIED',
          message: 'Unknown bot',
        });
      },
    });
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    await waitFor(() => h!.conn.state === 'auth-refused', 'auth-refused');
    expect(h.conn.snapshot().detail).toContain('Unknown bot');
    expect(h.clock.pendingCount()).toBe(0);
    expectNoNewAttempt(h, 600_000);
    expect(server.upgrades).toBe(1);
  });

  it('a late ping answer is reported late, never credited to the next ping', async () => {
    const held: Array<() => void> = [];
    server = await startTestServer({
      framing: 'text',
      onFrame(conn, frame) {
        if (frame.message?.['type'] === 1) conn.send(readyMessage());
        if (frame.message?.['type'] === 3) held.push(() => conn.send(PING_ANSWER));
      },
    });
    h = makeConnection(server.url, 'documented', { pingIntervalMs: 1000, pingTimeoutMs: 2000 });
    const { conn, clock, rec } = h;
    conn.connect();
    await waitFor(() => held.length === 1, 'first ping');
    clock.advance(2000);
    expect(rec.of('ping')).toEqual([expect.objectContaining({ lost: true, rttMs: null })]);
    held.shift()!();
    await waitFor(() => rec.of('ping-late').length === 1, 'late answer');
    expect(rec.of('ping-late')[0]).toMatchObject({ unsolicited: false, sinceSentMs: 2000 });
    clock.advance(2000);
    await waitFor(() => held.length === 1, 'second ping');
    clock.advance(7);
    held.shift()!();
    await waitFor(() => rec.of('ping').length === 2, 'second outcome');
    expect(rec.of('ping')[1]).toMatchObject({ lost: false, rttMs: 7 });
    expect(conn.snapshot()).toMatchObject({
      pingsSent: 2,
      pingsLost: 1,
      lateAnswers: 1,
      lastRttMs: 7,
    });
  });

  it('three lost pings mean a dead connection: terminate, back off, reconnect', async () => {
    server = await documentedServer(false);
    h = makeConnection(server.url, 'documented', { pingIntervalMs: 1000, pingTimeoutMs: 1000 });
    const { conn, clock, rec } = h;
    conn.connect();
    const first = await server.nextConn();
    await waitFor(() => first.frames.length === 2, 'first ping');
    clock.advance(1000); // lost 1
    clock.advance(1000);
    await waitFor(() => first.frames.length === 3, 'second ping');
    clock.advance(1000); // lost 2
    clock.advance(1000);
    await waitFor(() => first.frames.length === 4, 'third ping');
    clock.advance(1000); // lost 3 → dead
    expect(conn.state).toBe('reconnecting');
    expect(conn.snapshot()).toMatchObject({ kind: 'dead', pingsLost: 3 });
    await first.closed;
    expect(rec.of('state').at(-1)?.retryAt).toBe(clock.wallNow() + 1000);
    clock.advance(1000);
    const second = await server.nextConn();
    await waitFor(() => conn.state === 'ready', 'ready again');
    expect(second).not.toBe(first);
    expect(conn.snapshot().reconnects).toBe(1);
  });

  it('backoff grows across failed attempts and resets only after a stable ready', async () => {
    let closeAfterReady = true;
    server = await startTestServer({
      framing: 'text',
      onFrame(conn, frame) {
        if (frame.message?.['type'] !== 1) return;
        conn.send(readyMessage());
        if (closeAfterReady) setTimeout(() => conn.ws.close(1011), 20);
      },
    });
    h = makeConnection(server.url, 'documented', { pingIntervalMs: 300_000, pingTimeoutMs: 1000 });
    const { conn, clock, rec } = h;
    conn.connect();
    const delays: number[] = [];
    const reconnecting = () => rec.of('state').filter((s) => s.state === 'reconnecting');
    for (let i = 0; i < 4; i++) {
      await waitFor(() => reconnecting().length === i + 1, `reconnecting #${i + 1}`);
      const s = reconnecting()[i]!;
      delays.push(s.retryAt! - s.at);
      if (i === 3) closeAfterReady = false;
      // Each failed connection answered pings for less than resetAfterReadyMs.
      clock.advance(s.retryAt! - s.at);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    await waitFor(() => conn.state === 'ready', 'stable ready');
    const stable = server.conns.at(-1)!;
    expect(server.conns).toHaveLength(5);
    stable.send(PING_ANSWER);
    await waitFor(() => conn.snapshot().lastRttMs !== null, 'ping answered');
    clock.advance(30_000);
    stable.ws.close(1011);
    await waitFor(() => reconnecting().length === 5, 'reconnecting after stable');
    const last = reconnecting()[4]!;
    expect(last.retryAt! - last.at).toBe(1000);
  });

  it('disconnect() closes with a close frame and stays closed', async () => {
    server = await documentedServer();
    h = makeConnection(server.url, 'documented');
    h.conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => h!.conn.state === 'ready', 'ready');
    h.conn.disconnect();
    expect(h.conn.state).toBe('closed');
    expect(await sc.closed).toBe(1000);
    await waitFor(() => h!.clock.pendingCount() === 0, 'grace timer released');
    expectNoNewAttempt(h, 600_000);
    expect(server.upgrades).toBe(1);
  });

  it('dispose() leaves no timers, no socket and no listeners behind', async () => {
    server = await documentedServer(false);
    h = makeConnection(server.url, 'documented');
    const { conn, clock } = h;
    conn.connect();
    const sc = await server.nextConn();
    await waitFor(() => sc.frames.length === 2, 'ping in flight');
    expect(clock.pendingCount()).toBeGreaterThan(0);
    conn.dispose();
    expect(clock.pendingCount()).toBe(0);
    await sc.closed;
    expect(() => conn.connect()).toThrow(/disposed/);
  });
});
