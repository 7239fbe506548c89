/** Injected faults, and stop() releasing every socket and timer. */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import { createFakeClock } from '../../support/fake-clock';
import { closeAllClients, connect, identHeaders, isMsg, waitFor } from './raw-client';
import type { RawClient } from './raw-client';

const creds = DEFAULT_SIM_CREDENTIALS;
const REGISTER = { type: 1, d: { public_key: creds.publicKey, shard_in: 0, flags: 0 } };
let sims: SimulatorHandle[] = [];

async function start(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await createSimulator({ dialect: 'documented', random: 5, ...options });
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  closeAllClients();
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

async function registered(sim: SimulatorHandle): Promise<RawClient> {
  const c = await connect(sim.url, identHeaders(creds));
  await c.nextMsg();
  c.sendText(REGISTER);
  // A later client of the same bot gets RESUME (docs/protocol.md §1).
  expect((await c.nextMsg()).event).toMatch(/^GATEWAY_(READY|RESUME)$/);
  return c;
}

describe('faults', () => {
  it('close sends a close frame (1001); terminate drops TCP (1006)', async () => {
    const sim = await start();
    const a = await registered(sim);
    expect(sim.injectFault('close')).toBe(1);
    expect((await a.closed).code).toBe(1001);
    const b = await registered(sim);
    expect(sim.injectFault('terminate')).toBe(1);
    expect((await b.closed).code).toBe(1006);
  });

  it('stall stops answering pings; resume answers again', async () => {
    const sim = await start();
    const c = await registered(sim);
    sim.injectFault('stall');
    const sent = sim.stats().framesSent;
    c.sendText({ type: 3 });
    await waitFor(() => sim.stats().pingsUnanswered === 1);
    expect(sim.stats().framesSent).toBe(sent);
    sim.injectFault('resume');
    c.sendText({ type: 3 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
  });

  it('half-open: nothing is read or sent, no pong, and the socket stays open', async () => {
    // Pushes run on a fake clock that never moves here, so only answers could be sent.
    const clock = createFakeClock();
    const sim = await start({ clock, shardInfoIntervalMs: 20 });
    const c = await registered(sim);
    sim.injectFault('half-open');
    let pongs = 0;
    c.ws.on('pong', () => pongs++);
    c.ws.ping();
    c.sendText({ type: 3 });
    const seen = c.frames.length;
    // A later client is served meanwhile: three of its pings answered, in
    // round trips that start after the half-open socket's ping was written.
    const witness = await registered(sim);
    for (let i = 1; i <= 3; i++) {
      witness.sendText({ type: 3 });
      expect((await witness.nextMsg()).event).toBe('GATEWAY_PING');
      expect(sim.stats().pingsReceived).toBe(i);
    }
    expect(c.frames.length).toBe(seen);
    expect(pongs).toBe(0);
    expect(c.isClosed()).toBe(false);
    expect(sim.stats().framesIgnored).toBe(0);
  });

  it('garbage-once sends exactly one malformed frame', async () => {
    const sim = await start();
    const c = await registered(sim);
    sim.injectFault('garbage-once');
    expect(isMsg((await c.next()).json)).toBe(false);
    // A witness sent after it on the same socket is the very next frame: no second garbage.
    expect(sim.injectFault('unsolicited-answer')).toBe(1);
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
  });

  it('late-answer delays the next ping answer only', async () => {
    const clock = createFakeClock();
    const sim = await start({ clock });
    const c = await registered(sim);
    sim.injectFault('late-answer', { delayMs: 500 });
    c.sendText({ type: 3 });
    await waitFor(() => sim.stats().pingsReceived === 1);
    const sent = sim.stats().framesSent;
    clock.advance(499);
    expect(sim.stats().framesSent).toBe(sent);
    clock.advance(1);
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    c.sendText({ type: 3 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
  });

  it('duplicate-answer and unsolicited-answer send extra GATEWAY_PING frames', async () => {
    const sim = await start();
    const c = await registered(sim);
    sim.injectFault('duplicate-answer');
    c.sendText({ type: 3 });
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    expect(sim.injectFault('unsolicited-answer')).toBe(1);
    expect((await c.nextMsg()).event).toBe('GATEWAY_PING');
    expect(sim.stats().pingsAnswered).toBe(1);
  });

  it('kill-reader leaves the socket open but deaf', async () => {
    const sim = await start();
    const c = await registered(sim);
    sim.injectFault('kill-reader');
    const sent = sim.stats().framesSent;
    c.sendText({ type: 3 });
    // The ping reaches the simulator and is dropped unread; nothing is sent for it.
    await waitFor(() => sim.stats().framesIgnored === 1);
    expect(sim.stats().framesSent).toBe(sent);
    expect(sim.stats().pingsReceived).toBe(0);
    expect(sim.stats().readerKilled).toBe(1);
    expect(c.isClosed()).toBe(false);
  });
});

describe('stop()', () => {
  it('closes every client, frees the port and clears every timer', async () => {
    const clock = createFakeClock();
    const sim = await createSimulator({ clock, latencyMs: 1000, shardInfoIntervalMs: 100 });
    const sim022 = await createSimulator({ dialect: 'http-interaction-0.2.2', clock });
    const clients = [await registered(sim), await registered(sim)];
    const c022 = await connect(sim022.url, identHeaders(creds));
    await c022.nextMsg();
    clients[0]!.sendText({ type: 3 }); // a pending delayed answer
    await waitFor(() => sim.stats().pingsReceived === 1);
    sim.injectFault('half-open');
    expect(clock.pendingCount()).toBeGreaterThan(0);

    await Promise.all([sim.stop(), sim022.stop(), sim.stop()]);
    await Promise.all([...clients, c022].map((c) => c.closed));
    expect(sim.stats().connectionsOpen).toBe(0);
    expect(sim022.stats().connectionsOpen).toBe(0);
    expect(clock.pendingCount()).toBe(0);

    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(sim.url);
      ws.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
      ws.on('open', () => resolve('open'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
