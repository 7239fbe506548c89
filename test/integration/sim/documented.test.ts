/**
 * The simulator's `documented` dialect against docs/protocol.md §1, checked
 * with a raw `ws` client on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import { createFakeClock } from '../../support/fake-clock';
import { closeAllClients, connect, identHeaders } from './raw-client';
import type { Msg, RawClient } from './raw-client';

const creds = DEFAULT_SIM_CREDENTIALS;
const REGISTER = { type: 1, d: { public_key: creds.publicKey, shard_in: 0, flags: 0 } };
let sims: SimulatorHandle[] = [];

async function start(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await createSimulator({ dialect: 'documented', random: 11, ...options });
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  closeAllClients();
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

async function hello(sim: SimulatorHandle, path = '/gateway'): Promise<RawClient> {
  const c = await connect(sim.url.replace('/gateway', path), identHeaders(creds));
  expect((await c.nextMsg()).event).toBe('GATEWAY_HELLO');
  return c;
}

async function register(c: RawClient): Promise<Msg> {
  c.sendText(REGISTER);
  return c.nextMsg();
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function depth(value: unknown): number {
  return Array.isArray(value) ? 1 + Math.max(0, ...value.map(depth)) : 0;
}

describe('documented: connecting and framing', () => {
  it('accepts any path and sends HELLO as a text frame', async () => {
    const sim = await start();
    const c = await connect(sim.url.replace('/gateway', '/anything/else'));
    const frame = await c.next();
    expect(frame.binary).toBe(false);
    expect(frame.json).toEqual({
      type: 1,
      service: 'gateway',
      event: 'GATEWAY_HELLO',
      data: { starting_shards: true },
    });
  });

  it('skips HELLO when helloInDocumented is false', async () => {
    const sim = await start({ helloInDocumented: false });
    const c = await connect(sim.url);
    // HELLO would go out as the connection opens; the first frame is READY.
    expect(sim.stats().framesSent).toBe(0);
    expect((await register(c)).event).toBe('GATEWAY_READY');
    expect(c.frames).toHaveLength(1);
  });

  it.each([
    ['missing headers', {}],
    ['a wrong secret', identHeaders({ ...creds, secret: 'nope' })],
  ])('with credentials configured, %s get GATEWAY_NO_IDENTIFIED then a close', async (_w, h) => {
    const sim = await start({ credentials: creds });
    const c = await connect(sim.url, h);
    const msg = await c.nextMsg();
    expect(msg).toMatchObject({ type: 0, event: 'GATEWAY_NO_IDENTIFIED', possible_error: true });
    expect(typeof msg.message).toBe('string');
    expect((await c.closed).code).toBe(1008);
    expect(sim.stats().authRefused).toBe(1);
  });

  it('with credentials configured, the right headers get HELLO', async () => {
    const sim = await start({ credentials: creds });
    await hello(sim);
  });

  it.each(['gzip', 'zlib', 'raw binary'] as const)(
    'reads %s JSON from the client',
    async (kind) => {
      const sim = await start();
      const c = await hello(sim);
      if (kind === 'gzip') c.sendGzip(REGISTER);
      else if (kind === 'zlib') c.sendZlib(REGISTER);
      else c.sendRawBinary(REGISTER);
      expect((await c.nextMsg()).event).toBe('GATEWAY_READY');
    },
  );

  it.each([
    ['zlib', 'zlib'],
    ['gzip', 'gzip'],
    ['binary', 'raw'],
    ['text', 'text'],
  ] as const)('documentedOutput %s sends %s frames', async (output, framing) => {
    const sim = await start({ documentedOutput: output });
    const c = await connect(sim.url);
    const frame = await c.next();
    expect(frame.framing).toBe(framing);
    expect(frame.json).toMatchObject({ event: 'GATEWAY_HELLO' });
  });

  it('answers an unreadable frame with GATEWAY_ERROR and keeps going', async () => {
    const sim = await start();
    const c = await hello(sim);
    c.ws.send('{not json');
    expect(await c.nextMsg()).toMatchObject({
      type: 2,
      event: 'GATEWAY_ERROR',
      possible_error: true,
    });
    expect((await register(c)).event).toBe('GATEWAY_READY');
  });
});

describe('documented: register and ping', () => {
  it('answers register with GATEWAY_READY in the documented shape', async () => {
    const sim = await start({ shardCount: 3 });
    const c = await hello(sim);
    const ready = await register(c);
    expect(ready).toMatchObject({ type: 1, service: 'gateway', event: 'GATEWAY_READY' });
    const data = ready.data as Record<string, unknown>;
    expect(data['application_bot']).toEqual({
      flags: 1,
      id: creds.botId,
      public_key: '[REDACTED]',
    });
    expect(data['session_id']).toMatch(/^[A-Za-z0-9]{100}$/);
    expect(data['shards_config']).toEqual([[[[0, 1]]]]);
    expect(depth(data['shards_stats'])).toBe(7);
    const shards = flatten(data['shards_stats']) as Array<Record<string, unknown>>;
    expect(shards.map((s) => s['shard_id'])).toEqual([0, 1, 2]);
    for (const s of shards) {
      expect(Object.keys(s).sort()).toEqual([
        'development',
        'disconnected',
        'receibe_ping',
        'received',
        'send_ping',
        'sending',
        'shard_hash',
        'shard_id',
      ]);
      expect(s['shard_hash']).toMatch(/^[A-Za-z0-9]{35}$/);
    }
  });

  it('answers a second register with GATEWAY_RESUME and the same session', async () => {
    const sim = await start();
    const c = await hello(sim);
    const ready = await register(c);
    const again = await register(c);
    expect(again.event).toBe('GATEWAY_RESUME');
    const other = await hello(sim);
    const resumed = await register(other);
    expect(resumed.event).toBe('GATEWAY_RESUME');
    const id = (m: Msg) => (m.data as { session_id: string }).session_id;
    expect(id(again)).toBe(id(ready));
    expect(id(resumed)).toBe(id(ready));
    expect(sim.stats().resumes).toBe(2);
  });

  it('refuses register off the master or without flags with GATEWAY_ERROR', async () => {
    const sim = await start();
    const c = await hello(sim);
    c.sendText({ type: 1, d: { public_key: creds.publicKey, shard_in: 1, flags: 0 } });
    expect(await c.nextMsg()).toMatchObject({
      type: 2,
      event: 'GATEWAY_ERROR',
      possible_error: true,
    });
    c.sendText({ type: 1, d: { public_key: creds.publicKey, shard_in: 0 } });
    expect((await c.nextMsg()).event).toBe('GATEWAY_ERROR');
    c.sendText({ type: 1 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_ERROR');
    expect(sim.stats().registers).toBe(0);
  });

  it('answers ping (type 3) with GATEWAY_PING, and with GATEWAY_ERROR before the bot registered', async () => {
    const sim = await start({ botRegistered: false });
    const c = await hello(sim);
    c.sendText({ type: 3 });
    const early = await c.nextMsg();
    expect(early).toMatchObject({ type: 2, event: 'GATEWAY_ERROR', possible_error: true });
    expect(early.message).toMatch(/register/);
    await register(c);
    c.sendText({ type: 3 });
    expect(await c.nextMsg()).toEqual({
      type: 3,
      service: 'gateway',
      event: 'GATEWAY_PING',
      data: {},
    });
  });

  it('keeps ping answers in order under jitter', async () => {
    const sim = await start({ latencyMs: 5, jitterMs: 40 });
    const c = await hello(sim);
    await register(c);
    for (let i = 0; i < 10; i++) c.sendText({ type: 3 });
    for (let i = 0; i < 10; i++) expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    expect(sim.stats().pingsAnswered).toBe(10);
  });

  it('answers a ping-only client once the bot registered from outside (the default)', async () => {
    const sim = await start();
    const c = await hello(sim);
    c.sendText({ type: 3 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
  });

  it('forwards interactions (type 8) to the client that registered last, as the real server does', async () => {
    const sim = await start({ botRegistered: false });
    const c = await hello(sim);
    expect(sim.sendInteraction()).toBe(0);
    await register(c);
    expect(sim.sendInteraction({ flag: 4 })).toBe(1);
    expect(await c.nextMsg()).toMatchObject({
      type: 8,
      service: 'http_gateway',
      event: 'INTERACTION_DISCORD',
      data: { flag: 4, shard_id: 0 },
    });
    const later = await hello(sim);
    await register(later);
    expect(sim.sendInteraction()).toBe(1);
    expect((await later.nextMsg()).event).toBe('INTERACTION_DISCORD');
    expect(sim.stats()).toMatchObject({ interactionsSent: 2, interactionsLost: 1 });
  });

  it('with the bot registered outside, interactions go to the bot until a client registers', async () => {
    const sim = await start();
    await hello(sim);
    expect(sim.sendInteraction()).toBe(1);
    expect(sim.stats().botInteractions).toBe(1);
  });
});

describe('documented: GATEWAY_SHARD_INFO pushes', () => {
  it('pushes a snapshot to a registered client every shardInfoIntervalMs', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, shardInfoIntervalMs: 1000, shardCount: 2 });
    const c = await hello(sim);
    // The simulator pushes only from timers of this clock: "no push" is known as advance returns.
    const sent = sim.stats().framesSent;
    clock.advance(5000);
    expect(sim.stats().framesSent).toBe(sent); // not registered: no pushes
    await register(c);
    const registeredSent = sim.stats().framesSent;
    clock.advance(999);
    expect(sim.stats().framesSent).toBe(registeredSent);
    for (let i = 0; i < 3; i++) {
      clock.advance(i === 0 ? 1 : 1000);
      const info = await c.nextMsg();
      expect(info).toMatchObject({ type: 1, service: 'gateway', event: 'GATEWAY_SHARD_INFO' });
      expect(flatten(info.data)).toHaveLength(2);
    }
    expect(sim.stats().shardInfoSent).toBe(3);
  });

  it('reflects setShard and setShardCount in the next snapshot', async () => {
    const sim = await start({ shardInfoIntervalMs: 0, shardCount: 2 });
    const c = await hello(sim);
    await register(c);
    sim.setShardCount(4);
    sim.setShard(3, { disconnected: true, development: true });
    expect(sim.pushShardInfo()).toBe(1);
    const shards = flatten((await c.nextMsg()).data) as Array<Record<string, unknown>>;
    expect(shards).toHaveLength(4);
    expect(shards[3]).toMatchObject({ shard_id: 3, disconnected: true, development: true });
  });
});
