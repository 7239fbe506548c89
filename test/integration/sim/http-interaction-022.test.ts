/**
 * The simulator's `http-interaction-0.2.2` dialect against PROTOCOL.md §2,
 * checked with a raw `ws` client on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import { closeAllClients, connect, identHeaders, waitFor } from './raw-client';
import type { RawClient, UpgradeRefusal } from './raw-client';

const creds = DEFAULT_SIM_CREDENTIALS;
let sims: SimulatorHandle[] = [];

async function start(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await createSimulator({ dialect: 'http-interaction-0.2.2', random: 7, ...options });
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  closeAllClients();
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

/** Connect as the master and consume HELLO. */
async function master(sim: SimulatorHandle): Promise<RawClient> {
  const c = await connect(sim.url, identHeaders(creds));
  const hello = await c.nextMsg();
  expect(hello.event).toBe('GATEWAY_HELLO');
  return c;
}

/** Connect as the master, register with `flags`, and return READY. */
async function registered(sim: SimulatorHandle, flags = 0) {
  const c = await master(sim);
  c.sendGzip({ type: 1, d: { flags } });
  const ready = await c.nextMsg();
  expect(ready.event).toBe('GATEWAY_READY');
  return { c, ready };
}

async function refusal(p: Promise<RawClient>): Promise<UpgradeRefusal> {
  try {
    await p;
  } catch (e) {
    return e as UpgradeRefusal;
  }
  throw new Error('upgrade was accepted');
}

describe('http-interaction-0.2.2: connecting', () => {
  it('answers other paths with 404 and a JSON error body', async () => {
    const sim = await start();
    const r = await refusal(connect(sim.url.replace('/gateway', '/ws'), identHeaders(creds)));
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ code: 404, error: true });
  });

  it.each(['Identification', 'Secret', 'Public-Key', 'Shard-In', 'Shard-Total'])(
    'fails the upgrade with 400 and a JSON body when %s is missing',
    async (name) => {
      const sim = await start();
      const headers = identHeaders(creds);
      delete headers[name];
      const r = await refusal(connect(sim.url, headers));
      expect(r.status).toBe(400);
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'code_error', 'error', 'message']);
      expect(body['error']).toBe(true);
      expect(body['message']).toContain(name);
      expect(sim.stats().connectionsTotal).toBe(0);
    },
  );

  it.each([
    ['secret', { ...creds, secret: 'wrong' }],
    ['public key', { ...creds, publicKey: 'f'.repeat(64) }],
    ['id', { ...creds, botId: '42' }],
  ])('accepts the upgrade then closes silently on a wrong %s', async (_what, bad) => {
    const sim = await start();
    const c = await connect(sim.url, identHeaders(bad));
    const closed = await c.closed;
    expect(c.frames).toHaveLength(0);
    expect(closed.reason).toBe('');
    expect(sim.stats().authRefused).toBe(1);
  });

  it('closes without a message when Shard-In > Shard-Total', async () => {
    const sim = await start();
    const c = await connect(sim.url, identHeaders(creds, 3, 2));
    await c.closed;
    expect(c.frames).toHaveLength(0);
  });

  it('drops Shard-In > 0 without a message until the master has registered', async () => {
    const sim = await start();
    const early = await connect(sim.url, identHeaders(creds, 1, 2));
    await early.closed;
    expect(early.frames).toHaveLength(0);

    await registered(sim);
    const late = await connect(sim.url, identHeaders(creds, 1, 2));
    const hello = await late.nextMsg();
    expect(hello).toMatchObject({
      type: 1,
      event: 'GATEWAY_HELLO',
      data: { starting_shards: false },
    });
  });

  it('sends GATEWAY_HELLO first, as a zlib binary frame, starting_shards true on the master', async () => {
    const sim = await start();
    const c = await connect(sim.url, identHeaders(creds));
    const frame = await c.next();
    expect(frame.binary).toBe(true);
    expect(frame.framing).toBe('zlib');
    expect(frame.json).toEqual({
      type: 1,
      service: 'gateway',
      event: 'GATEWAY_HELLO',
      data: { starting_shards: true },
    });
  });

  it('lets a new connection for the same bot id take over the previous one', async () => {
    const sim = await start();
    const first = await master(sim);
    const second = await master(sim);
    await first.closed;
    expect(second.isClosed()).toBe(false);
    expect(sim.stats().takeovers).toBe(1);
    await waitFor(() => sim.stats().connectionsOpen === 1);
  });

  it('records the last upgrade headers, redacting the secret and the public key', async () => {
    const sim = await start();
    await master(sim);
    const shown = sim.stats().lastUpgradeHeaders;
    expect(shown?.['secret']).toBe('[REDACTED]');
    expect(shown?.['public-key']).toBe('[REDACTED]');
    expect(shown?.['identification']).toBe(creds.botId);
    expect(JSON.stringify(sim.stats())).not.toContain(creds.secret);
    expect(sim.rawLastUpgradeHeaders()?.['secret']).toBe(creds.secret);
  });
});

describe('http-interaction-0.2.2: framing kills the reader', () => {
  it.each([
    ['a text frame', (c: RawClient) => c.sendText({ type: 2 })],
    ['a zlib frame', (c: RawClient) => c.sendZlib({ type: 2 })],
    ['a plain binary frame', (c: RawClient) => c.sendRawBinary({ type: 2 })],
  ])('%s kills the reader: a later gzip ping gets no answer', async (_what, sendBad) => {
    const sim = await start();
    const { c } = await registered(sim);
    c.sendGzip({ type: 2 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');

    sendBad(c);
    await waitFor(() => sim.stats().readerKilled === 1);
    c.sendGzip({ type: 2 });
    await c.expectSilence();
    expect(c.isClosed()).toBe(false);
    expect(sim.stats().framesIgnored).toBe(1);
  });

  it('a WebSocket control frame kills the reader and gets no pong', async () => {
    const sim = await start();
    const { c } = await registered(sim);
    let pongs = 0;
    c.ws.on('pong', () => pongs++);
    c.ws.ping();
    await waitFor(() => sim.stats().controlFramesReceived === 1);
    c.sendGzip({ type: 2 });
    await c.expectSilence();
    expect(pongs).toBe(0);
    expect(sim.stats().readerKilled).toBe(1);
    expect(sim.stats().readerKillReasons[0]).toMatch(/control frame/);
  });

  it.each([
    ['flags negative', { type: 1, d: { flags: -1 } }],
    ['flags a string', { type: 1, d: { flags: '1' } }],
    ['flags fractional', { type: 1, d: { flags: 1.5 } }],
    ['encode not boolean', { type: 1, d: { flags: 0, encode: 'yes' } }],
    ['decode not boolean', { type: 1, d: { flags: 0, decode: 1 } }],
    ['public_key not a string', { type: 3, d: { public_key: 5, shard_id: 1 } }],
    ['shard_id negative', { type: 3, d: { public_key: creds.publicKey, shard_id: -1 } }],
  ])('a wrongly typed field (%s) kills the reader', async (_what, frame) => {
    const sim = await start();
    const c = await master(sim);
    c.sendGzip(frame);
    await waitFor(() => sim.stats().readerKilled === 1);
    c.sendGzip({ type: 1, d: { flags: 0 } });
    await c.expectSilence();
    expect(sim.stats().registers).toBe(0);
  });
});

describe('http-interaction-0.2.2: opcodes', () => {
  it('answers ping (opcode 2) only after a register on the bot id', async () => {
    const sim = await start();
    const c = await master(sim);
    c.sendGzip({ type: 2 });
    await c.expectSilence();
    c.sendGzip({ type: 1, d: { flags: 0 } });
    expect((await c.nextMsg()).event).toBe('GATEWAY_READY');
    c.sendGzip({ type: 2 });
    const frame = await c.next();
    expect(frame.framing).toBe('zlib');
    expect(frame.json).toEqual({ type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} });
    expect(sim.stats().pingsAnswered).toBe(1);
    expect(sim.stats().pingsUnanswered).toBe(1);
  });

  it('sends READY with an 85-char alphanumeric session, nested config and an empty stats nest', async () => {
    const sim = await start();
    const { ready } = await registered(sim);
    const data = ready.data as Record<string, unknown>;
    expect(ready).toMatchObject({ type: 1, service: 'gateway', event: 'GATEWAY_READY' });
    expect(data['application_bot']).toEqual({
      flags: 1,
      id: creds.botId,
      public_key: '[REDACTED]',
    });
    expect(data['session_id']).toMatch(/^[A-Za-z0-9]{85}$/);
    expect(data['shards_config']).toEqual([[[[0, 1]]]]);
    expect(JSON.stringify(data['shards_stats'])).toBe('[[[[[[[]]]]]]]');
  });

  it.each([
    [0, 1],
    [1, 3],
    [2, 5],
    [3, 7],
    [4, 1],
    [8, 1],
    [15, 7],
  ])('derives application_bot.flags for flags %i as %i', async (sent, derived) => {
    const sim = await start();
    const { ready } = await registered(sim, sent);
    expect((ready.data as { application_bot: { flags: number } }).application_bot.flags).toBe(
      derived,
    );
  });

  it('ignores register from a shard connection and register without integer flags', async () => {
    const sim = await start();
    const c = await master(sim);
    c.sendGzip({ type: 1, d: {} });
    c.sendGzip({ type: 1 });
    await c.expectSilence();
    await registered(sim);
    const shard = await connect(sim.url, identHeaders(creds, 1, 2));
    await shard.nextMsg();
    shard.sendGzip({ type: 1, d: { flags: 0 } });
    await shard.expectSilence();
    expect(sim.stats().registers).toBe(1);
  });

  it('never answers a documented-style ping (type 3) but a type 3 with a key registers a shard', async () => {
    const sim = await start();
    const { c } = await registered(sim);
    c.sendGzip({ type: 3 });
    await c.expectSilence();
    expect(sim.stats().framesByOpcode[3]).toBe(1);
    expect(sim.stats().type3Registrations).toBe(0);

    c.sendGzip({ type: 3, d: { public_key: creds.publicKey, shard_id: 2 } });
    const info = await c.nextMsg();
    expect(info).toMatchObject({ type: 1, event: 'GATEWAY_SHARD_INFO' });
    expect(JSON.stringify(info.data)).toMatch(/^\[\[+\{.*"shard_id":2.*\}\]+\]$/);
    expect(sim.stats().type3Registrations).toBe(1);
    expect(sim.shards().map((s) => s.shard_id)).toEqual([2]);

    // Already registered, or a key that is not the header's: silence.
    c.sendGzip({ type: 3, d: { public_key: creds.publicKey, shard_id: 2 } });
    c.sendGzip({ type: 3, d: { public_key: 'other', shard_id: 3 } });
    await c.expectSilence();
    expect(sim.stats().type3Registrations).toBe(1);
  });

  it('accepts opcodes 4, 5 and 6 without an answer and keeps reading', async () => {
    const sim = await start();
    const { c } = await registered(sim);
    c.sendGzip({ type: 4, id: '1', data: {} });
    c.sendGzip({ type: 5, d: { session_id: 'x', flags: 0 } });
    c.sendGzip({ type: 6, d: {} });
    await c.expectSilence();
    c.sendGzip({ type: 2 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    expect(sim.stats().readerKilled).toBe(0);
  });

  it('sends nothing unprompted after HELLO except forwarded interactions', async () => {
    const sim = await start({ scenarioTickMs: 10, shardInfoIntervalMs: 10 });
    const { c } = await registered(sim);
    await c.expectSilence(200);
    expect(sim.sendInteraction({ shard_id: 0, shard_total: 1 })).toBe(1);
    const frame = await c.next();
    expect(frame.framing).toBe('zlib');
    expect(frame.json).toMatchObject({
      type: 8,
      service: 'http_gateway',
      event: 'INTERACTION_DISCORD',
      data: { shard_id: 0, shard_total: 1, flag: 0 },
    });
  });
});
