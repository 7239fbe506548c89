/**
 * Each simulator scenario produces its observable effect on the wire.
 * Time-driven ones run on the fake clock so they are deterministic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import { createFakeClock } from '../../support/fake-clock';
import { closeAllClients, connect, identHeaders, isMsg, waitFor } from './raw-client';
import type { RawClient } from './raw-client';

const creds = DEFAULT_SIM_CREDENTIALS;
const REGISTER = { type: 1, d: { public_key: creds.publicKey, shard_in: 0, flags: 0 } };
let sims: SimulatorHandle[] = [];

interface Shard {
  shard_id: number;
  disconnected: boolean;
  development: boolean;
  send_ping: number;
  sending: number;
  received: number;
  receibe_ping: number;
}

async function start(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await createSimulator({
    dialect: 'documented',
    random: 3,
    shardInfoIntervalMs: 0,
    ...options,
  });
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  closeAllClients();
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

async function registered(sim: SimulatorHandle): Promise<{ c: RawClient; shards: Shard[] }> {
  const c = await connect(sim.url, identHeaders(creds));
  await c.nextMsg();
  c.sendText(REGISTER);
  const ready = await c.nextMsg();
  return { c, shards: flatten((ready.data as { shards_stats: unknown }).shards_stats) };
}

function flatten(value: unknown): Shard[] {
  return (Array.isArray(value) ? value.flat(Infinity) : []) as Shard[];
}

async function snapshot(sim: SimulatorHandle, c: RawClient): Promise<Shard[]> {
  expect(sim.pushShardInfo()).toBe(1);
  const info = await c.nextMsg();
  expect(info.event).toBe('GATEWAY_SHARD_INFO');
  return flatten(info.data);
}

/**
 * Send a ping and wait until the server has it. The answer promise is boxed
 * so awaiting this does not wait for the answer itself.
 */
async function ping(sim: SimulatorHandle, c: RawClient): Promise<{ answer: Promise<unknown> }> {
  const before = sim.stats().pingsReceived;
  c.sendText({ type: 3 });
  await waitFor(() => sim.stats().pingsReceived > before);
  return { answer: c.nextMsg() };
}

describe('scenarios', () => {
  it('steady: every counter grows with time', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, scenarioTickMs: 100, shardCount: 3 });
    const { c, shards: before } = await registered(sim);
    clock.advance(1000);
    const after = await snapshot(sim, c);
    for (const [i, s] of after.entries()) {
      const b = before[i]!;
      expect(s.disconnected).toBe(false);
      expect(s.send_ping).toBeGreaterThan(b.send_ping);
      expect(s.receibe_ping).toBeGreaterThan(b.receibe_ping);
      expect(s.sending).toBeGreaterThan(b.sending);
      expect(s.received).toBeGreaterThan(b.received);
    }
  });

  it('steady: pings are answered after latencyMs', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, latencyMs: 50 });
    const { c } = await registered(sim);
    const { answer } = await ping(sim, c);
    // The simulator sends only from timers of this clock: after 49 ms it has sent nothing.
    const sent = sim.stats().framesSent;
    clock.advance(49);
    expect(sim.stats().framesSent).toBe(sent);
    clock.advance(1);
    expect(sim.stats().framesSent).toBe(sent + 1);
    expect(await answer).toMatchObject({ event: 'GATEWAY_PING' });
  });

  it('flapping: shards toggle disconnected, one per tick', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, scenarioTickMs: 100, shardCount: 4, scenario: 'flapping' });
    const { c } = await registered(sim);
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      clock.advance(100);
      const shards = await snapshot(sim, c);
      seen.add(shards.map((s) => (s.disconnected ? '1' : '0')).join(''));
    }
    expect(seen.size).toBeGreaterThan(1);
    expect([...seen].some((s) => s.includes('1'))).toBe(true);
    sim.setScenario('steady');
    expect((await snapshot(sim, c)).every((s) => !s.disconnected)).toBe(true);
  });

  it('degrading: ping latency ramps up with time', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, scenario: 'degrading', degradeMsPerSecond: 100 });
    const { c } = await registered(sim);
    const first = await ping(sim, c);
    expect(await first.answer).toMatchObject({ event: 'GATEWAY_PING' }); // t = 0: no extra delay
    clock.advance(3000); // +300 ms from now on
    const later = await ping(sim, c);
    const sent = sim.stats().framesSent;
    clock.advance(299);
    expect(sim.stats().framesSent).toBe(sent);
    clock.advance(1);
    expect(sim.stats().framesSent).toBe(sent + 1);
    expect(await later.answer).toMatchObject({ event: 'GATEWAY_PING' });
  });

  it('stall: pings are received but not answered until resume', async () => {
    const sim = await start({ scenario: 'stall' });
    const { c } = await registered(sim);
    const sent = sim.stats().framesSent;
    c.sendText({ type: 3 });
    // The simulator records the ping it chose not to answer: nothing was sent for it.
    await waitFor(() => sim.stats().pingsUnanswered === 1);
    expect(sim.stats().framesSent).toBe(sent);
    sim.injectFault('resume');
    expect(sim.scenario()).toBe('steady');
    c.sendText({ type: 3 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
  });

  it('drop: sockets get closed', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock, scenario: 'drop', dropProbability: 1, scenarioTickMs: 100 });
    const { c } = await registered(sim);
    clock.advance(100);
    const closed = await c.closed;
    expect([1011, 1006]).toContain(closed.code);
    expect(sim.stats().dropped).toBe(1);
  });

  it('garbage: malformed frames are interleaved with real ones', async () => {
    const sim = await start({ scenario: 'garbage', garbageProbability: 1 });
    const c = await connect(sim.url, identHeaders(creds));
    const bad = await c.next();
    expect(isMsg(bad.json)).toBe(false);
    const good = await c.next();
    expect(good.json).toMatchObject({ event: 'GATEWAY_HELLO' });
    expect(sim.stats().garbageSent).toBe(1);
  });

  it('garbage on 0.2.2: a malformed frame precedes the ping answer', async () => {
    const sim = await start({ dialect: 'http-interaction-0.2.2' });
    const c = await connect(sim.url, identHeaders(creds));
    await c.nextMsg();
    c.sendGzip({ type: 1, d: { flags: 0 } });
    await c.nextMsg();
    sim.setScenario('garbage');
    // With the default probability some frames are clean; send enough pings to see both.
    for (let i = 0; i < 20; i++) c.sendGzip({ type: 2 });
    // Read frame by frame as they arrive until the 20th answer: garbage only ever precedes
    // a frame on the same socket, so by then every malformed frame has arrived too.
    const kinds: Array<'answer' | 'garbage'> = [];
    while (kinds.filter((k) => k === 'answer').length < 20) {
      const frame = await c.next();
      if (isMsg(frame.json)) expect(frame.json).toMatchObject({ event: 'GATEWAY_PING' });
      kinds.push(isMsg(frame.json) ? 'answer' : 'garbage');
    }
    expect(sim.stats().pingsAnswered).toBe(20);
    expect(kinds.filter((k) => k === 'garbage')).toHaveLength(sim.stats().garbageSent);
    expect(sim.stats().garbageSent).toBeGreaterThan(0);
    expect(kinds.at(-1)).toBe('answer');
  });

  it('dev-shards: every third shard reports development: true', async () => {
    const sim = await start({ shardCount: 6, scenario: 'dev-shards' });
    const { c, shards } = await registered(sim);
    expect(shards.filter((s) => s.development).map((s) => s.shard_id)).toEqual([0, 3]);
    sim.setScenario('steady');
    expect((await snapshot(sim, c)).some((s) => s.development)).toBe(false);
  });
});
