/**
 * The gateway is killed and restarted on the same port again and again, at
 * moments a seeded PRNG picks: while the client connects, while it
 * registers, in the middle of a frame (READY or a shard-info push), while a
 * ping is in flight, between pings, and while the client is already backing
 * off. The client reaches the simulator through a transparent TCP relay
 * (test/reliability/wire.ts), which counts its connections and can cut one
 * mid-frame.
 *
 * Every time, the client must come back to `ready` on its own, each retry
 * delay within the backoff bounds (initial 20 ms, max 200 ms — checked from
 * the delays the client announces, not from how long anything took), with
 * exactly one socket on each side afterwards; after dispose nothing is left:
 * no timer on the fake clock, no socket, no server, no Node timer, and no
 * unhandled rejection or uncaught exception during the whole storm.
 */
import { describe, expect, it } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayState, StateEvent } from '../../../electron/core/gateway/connection';
import { createSeededRandom } from '../../../electron/sim/random';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import { dialectSpec } from '../../../shared/dialects';
import type { Dialect } from '../../../shared/protocol';
import {
  createSteppingClock,
  eventually,
  leftoverResources,
  size,
  tcpCounts,
  tick,
  timeoutFor,
  waitUntil,
  watchCrashes,
} from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';
import { startWire } from '../../reliability/wire';

const card = useScorecard('restart-storm');

const BACKOFF = { initialMs: 20, maxMs: 200, resetAfterReadyMs: 30_000 };

type Moment =
  | 'between-pings'
  | 'ping-in-flight'
  | 'mid-frame (shard info)'
  | 'while-connecting'
  | 'while-registering'
  | 'mid-frame (READY)'
  | 'while-backing-off';

const HANDSHAKE_MOMENTS: Moment[] = ['while-connecting', 'while-registering', 'mid-frame (READY)'];

/** Frames big enough to span several TCP chunks: the documented READY and shard info with 3000 shards. */
const BIG_CHUNK = 16 * 1024;

async function storm(dialect: Dialect, target: number, seed: number): Promise<void> {
  const crashes = watchCrashes();
  const baseline = tcpCounts();
  const rnd = createSeededRandom(seed);
  const clock = createSteppingClock();
  const spec = dialectSpec(dialect);
  const creds = DEFAULT_SIM_CREDENTIALS;
  // Documented frames carry every shard; 0.2.2 has no shard stats, so its frames stay small.
  const readyMoments: Moment[] =
    dialect === 'documented'
      ? ['between-pings', 'ping-in-flight', 'mid-frame (shard info)']
      : ['between-pings', 'ping-in-flight'];
  const handshakeMoments: Moment[] =
    // A 0.2.2 connection never registers (docs/protocol.md §2).
    dialect === 'documented' ? HANDSHAKE_MOMENTS : ['while-connecting'];
  const moments = new Map<Moment, number>();
  const backoffViolations: number[] = [];
  const socketViolations: string[] = [];

  let armed: Moment | null = null;
  let sim: SimulatorHandle | null = null;
  let stopping: Promise<void> | null = null;
  let port = 0;
  let kills = 0;

  /** A random moment among those used least so far, so every kind gets its turn. */
  function pick(list: Moment[]): Moment {
    const least = Math.min(...list.map((m) => moments.get(m) ?? 0));
    const fewest = list.filter((m) => (moments.get(m) ?? 0) === least);
    return fewest[rnd.int(fewest.length)] as Moment;
  }

  function kill(moment: Moment): void {
    if (!sim || stopping) return;
    armed = null;
    kills++;
    moments.set(moment, (moments.get(moment) ?? 0) + 1);
    card.add('faultsInjected');
    stopping = sim.stop();
  }

  async function startSim(): Promise<void> {
    sim = await createSimulator({
      dialect,
      port,
      clock,
      random: rnd.int(2 ** 31),
      shardCount: dialect === 'documented' ? 3000 : 0,
      shardInfoIntervalMs: 1000,
    });
    port = sim.port;
    stopping = null;
  }

  /** The running simulator (a function, so the compiler does not narrow it across awaits). */
  const running = (): SimulatorHandle | null => sim;

  async function awaitStopped(): Promise<void> {
    await stopping;
    sim = null;
    stopping = null;
  }

  await startSim();
  const wire = await startWire(() => port);
  const conn = createGatewayConnection({
    url: wire.url,
    dialect,
    identity: {
      botId: creds.botId,
      publicKey: creds.publicKey,
      secret: creds.secret,
      shardIn: 0,
      shardTotal: 1,
    },
    flags: 0,
    clock,
    random: () => rnd.next(),
    pingIntervalMs: 1000,
    pingTimeoutMs: 2000,
    backoff: BACKOFF,
  });
  const states: StateEvent[] = [];
  conn.on('state', (s) => {
    states.push(s);
    if (s.state === 'reconnecting' && s.retryAt !== null) {
      const delay = s.retryAt - s.at;
      if (delay < BACKOFF.initialMs / 2 || delay > BACKOFF.maxMs) backoffViolations.push(delay);
    }
    if (armed === 'while-connecting' && s.state === 'connecting') kill('while-connecting');
    if (armed === 'while-registering' && s.state === 'registering') kill('while-registering');
    if (armed === 'mid-frame (READY)' && s.state === 'registering' && !wire.cutArmed)
      wire.cutNextChunk(BIG_CHUNK, () => kill('mid-frame (READY)'));
  });
  conn.on('frame', (f) => {
    if (armed === 'ping-in-flight' && f.direction === 'out' && f.type === spec.pingOpcode)
      kill('ping-in-flight');
  });
  const reconnectingCount = () => states.filter((s) => s.state === 'reconnecting').length;

  /** Step fake time to the next due timer, letting IO run in between. */
  async function step(): Promise<void> {
    const next = clock.nextDueAt();
    if (next !== null) clock.advance(next - clock.now());
    await tick(1);
  }

  /** One more retry while nothing listens: refused, and backed off again. */
  async function refusedRetry(): Promise<void> {
    const n = reconnectingCount();
    await step();
    await waitUntil(() => reconnectingCount() > n, 'a refused retry');
  }

  /** Drive the client's retries (fake time) until it is ready; the gateway may die again on the way. */
  async function untilReady(): Promise<void> {
    for (let i = 0; i < 500 && conn.state !== 'ready'; i++) {
      if (stopping) {
        await awaitStopped();
        await waitUntil(() => conn.state === 'reconnecting', 'reconnecting after a kill');
        if (rnd.chance(0.3)) await refusedRetry();
        await startSim();
        continue;
      }
      const state: GatewayState = conn.state;
      if (state === 'connecting' || state === 'registering' || state === 'handshaking') {
        await eventually(() => conn.state !== state || stopping !== null, 500);
        continue;
      }
      await step();
    }
    await waitUntil(() => conn.state === 'ready', `ready again (${states.at(-1)?.detail})`);
  }

  conn.connect();
  await untilReady();
  for (let round = 0; kills < target; round++) {
    // A little normal life first: pings, shard info pushes.
    for (let i = rnd.int(6); i > 0; i--) await step();
    const moment = pick(readyMoments);
    if (moment === 'between-pings') kill(moment);
    else {
      armed = moment;
      if (moment === 'mid-frame (shard info)')
        wire.cutNextChunk(BIG_CHUNK, () => kill('mid-frame (shard info)'));
      for (let i = 0; i < 100 && !stopping; i++) await step();
    }
    if (!stopping) throw new Error(`the ${moment} kill never happened`);
    await awaitStopped();
    await waitUntil(() => conn.state === 'reconnecting', 'reconnecting after the kill');

    if (rnd.chance(0.25)) {
      // Nothing listens while the client backs off: more refused retries.
      moments.set('while-backing-off', (moments.get('while-backing-off') ?? 0) + 1);
      card.add('faultsInjected');
      kills++;
      await refusedRetry();
    }
    await startSim();
    // Every other round (and sometimes more) the reconnect itself is hit.
    if (kills < target && (round % 2 === 1 || rnd.chance(0.3))) armed = pick(handshakeMoments);
    await untilReady();
    armed = null;

    // Exactly one connection on each side once ready again.
    const ok = await eventually(
      () =>
        wire.clientConnections() === 1 &&
        running()?.stats().connectionsOpen === 1 &&
        tcpCounts().sockets - baseline.sockets === 4,
      2000,
    );
    if (!ok)
      socketViolations.push(
        `after kill ${kills}: client ${wire.clientConnections()}, gateway ${running()?.stats().connectionsOpen}, sockets ${tcpCounts().sockets - baseline.sockets}`,
      );
  }

  conn.dispose();
  await running()?.stop();
  // The simulator cleared its own timers on stop, so anything left is the client's.
  const pendingAfterDispose = clock.pendingCount();
  await wire.close();
  const left = await leftoverResources(baseline);
  crashes.dispose();

  card.add('leaks', socketViolations.length + left.sockets + left.servers + left.timers);
  card.add('leaks', pendingAfterDispose);
  card.add('crashes', crashes.errors.length);
  card.detail(`${dialect}: kills`, kills);
  card.detail(`${dialect}: client reconnects`, conn.snapshot().reconnects);
  card.detail(`${dialect}: TCP connections made`, wire.totalConnections());
  for (const [m, n] of moments) card.detail(`${dialect}: ${m}`, n);

  expect(crashes.errors).toEqual([]);
  expect(backoffViolations).toEqual([]);
  expect(socketViolations).toEqual([]);
  expect(pendingAfterDispose).toBe(0);
  expect(left).toEqual({ sockets: 0, servers: 0, timers: 0 });
  expect(states.filter((s) => s.state === 'auth-refused' || s.state === 'failed')).toEqual([]);
  for (const m of [...readyMoments, ...handshakeMoments])
    expect(moments.get(m) ?? 0).toBeGreaterThan(0);
}

describe('gateway killed and restarted at random moments', () => {
  it(
    'documented: the client always comes back, within its backoff bounds, with nothing left behind',
    () => storm('documented', size(40, 200), 2026),
    timeoutFor(60_000, 600_000),
  );

  it(
    'http-interaction 0.2.2: the same (its frames are too small to cut mid-frame)',
    () => storm('http-interaction-0.2.2', size(12, 60), 2027),
    timeoutFor(30_000, 300_000),
  );
});
