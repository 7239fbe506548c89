/**
 * Dialect detection (electron/core/gateway/detect.ts) against scripted
 * gateways: what it concludes, and that it never sends anything that could
 * break or register (the 0.2.2 cases run against the real server in
 * test/integration/conformance/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectDialect } from '../../../electron/core/gateway/detect';
import { zlibJson } from '../../../electron/core/gateway/codec';
import { createFakeClock } from '../../support/fake-clock';
import type { TestServer } from './test-gateway-server';
import { HELLO, HELLO_022, PING_ANSWER, startTestServer, waitFor } from './test-gateway-server';
import { BOT_ID, PUBLIC_KEY, SECRET } from './harness';

let server: TestServer | null = null;

afterEach(async () => {
  if (server) {
    // Never a control frame, never a close frame (strict022 records both).
    expect(
      server.violations.filter((v) => !v.includes('not gzip') && !v.includes('type 3')),
    ).toEqual([]);
    await server.close();
  }
  server = null;
});

const identity = {
  botId: BOT_ID,
  publicKey: PUBLIC_KEY,
  secret: SECRET,
  shardIn: 0,
  shardTotal: 1,
};

describe('detectDialect', () => {
  it('a text HELLO: documented, and nothing was sent', async () => {
    server = await startTestServer({
      framing: 'text',
      strict022: true,
      onConnection: (c) => c.send(HELLO),
    });
    const d = await detectDialect({ url: server.url, identity });
    expect(d).toMatchObject({ dialect: 'documented', credentialsAccepted: true, failure: null });
    expect(d.summary).toMatch(/documented-protocol gateway: its HELLO came as a text frame/);
    expect(server.conns[0]?.frames).toEqual([]);
  });

  it('no HELLO at all: documented (0.2.2 always says HELLO at once), decided on the clock', async () => {
    server = await startTestServer({ framing: 'text', strict022: true });
    const clock = createFakeClock();
    const pending = detectDialect({ url: server.url, identity, clock, timeoutMs: 2000 });
    await waitFor(() => server!.conns.length === 1, 'connected');
    await waitFor(() => clock.pendingCount() === 1 && clock.nextDueAt() === 2000, 'the HELLO wait');
    clock.advance(2000);
    const d = await pending;
    expect(d.dialect).toBe('documented');
    expect(d.evidence).toContain('No HELLO came.');
    expect(server.conns[0]?.frames).toEqual([]);
  });

  it("0.2.2's HELLO: then one gzip type-2 ping, which tells whether the bot registered", async () => {
    server = await startTestServer({
      framing: 'zlib',
      strict022: true,
      onConnection: (c) => c.sendRaw(zlibJson(HELLO_022), true),
      onFrame: (c, f) => f.message?.['type'] === 2 && c.send(PING_ANSWER),
    });
    const d = await detectDialect({ url: server.url, identity });
    expect(d).toMatchObject({
      dialect: 'http-interaction-0.2.2',
      credentialsAccepted: true,
      botRegistered: true,
    });
    expect(server.conns[0]?.frames).toEqual([{ isBinary: true, gzip: true, message: { type: 2 } }]);
    expect(server.violations).toEqual([]);
    expect(await server.conns[0]?.closed).toBe(1006);
  });

  it('GATEWAY_NO_IDENTIFIED: documented, credentials refused', async () => {
    server = await startTestServer({
      framing: 'text',
      onConnection: (c) =>
        c.send({ type: 0, event: 'GATEWAY_NO_IDENTIFIED', possible_error: true, message: 'no' }),
    });
    expect(await detectDialect({ url: server.url, identity })).toMatchObject({
      dialect: 'documented',
      credentialsAccepted: false,
    });
  });

  it("an HTTP error with the 0.2.2 server's body: 0.2.2, with its message", async () => {
    server = await startTestServer({
      framing: 'zlib',
      refuse: () => ({
        status: 404,
        body: JSON.stringify({
          code: 404,
          code_error: 'NOT_FOUND',
          message: 'Could not find route',
          error: true,
        }),
      }),
    });
    const d = await detectDialect({ url: server.url, identity });
    expect(d).toMatchObject({
      dialect: 'http-interaction-0.2.2',
      failure: 'http-error',
      httpStatus: 404,
    });
    expect(d.summary).toContain('HTTP 404 Refused: Could not find route');
  });

  it('a drop before any message: no dialect, and the dropped words', async () => {
    server = await startTestServer({ framing: 'zlib', onConnection: (c) => c.ws.terminate() });
    const d = await detectDialect({ url: server.url, identity });
    expect(d).toMatchObject({ dialect: null, failure: 'dropped' });
    expect(d.summary).toMatch(/^The gateway dropped the connection before answering/);
  });

  it('refuses a public key with a blank inside before connecting', async () => {
    await expect(
      detectDialect({
        url: 'ws://127.0.0.1:1/gateway',
        identity: { ...identity, publicKey: 'a b' },
      }),
    ).rejects.toThrow(/blank inside/);
  });
});
