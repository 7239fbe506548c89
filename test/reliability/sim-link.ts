/**
 * One gateway client connected to one simulator over real loopback sockets,
 * both on the same stepping fake clock.
 *
 * Time only moves when the test says so, and {@link SimLink.runFor} moves it
 * from one due timer to the next, waiting after each step until every frame
 * on the wire has arrived. Fake time therefore never passes while a frame is
 * in flight, so a measured RTT is exactly the delay the simulator chose for
 * that ping — which is what lets the suite say "this RTT belongs to that ping".
 */
import { createGatewayConnection } from '../../electron/core/gateway/connection';
import type {
  GatewayConnection,
  GatewayState,
  PingEvent,
} from '../../electron/core/gateway/connection';
import type { GatewayConnectionOptions } from '../../electron/core/gateway/options';
import type { LatePingAnswer } from '../../electron/core/gateway/ping-scheduler';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../electron/sim/simulator';
import { dialectSpec } from '../../shared/dialects';
import type { Dialect } from '../../shared/protocol';
import type { SteppingClock } from './support';
import { createSteppingClock, tick, waitUntil } from './support';

const TRANSITIONAL: ReadonlySet<GatewayState> = new Set([
  'connecting',
  'handshaking',
  'registering',
]);

/** A ping outcome with the monotonic time its ping was sent. */
export interface PingRecord extends PingEvent {
  /** Monotonic send time, derived as outcome time − RTT (answered) or from the frame log. */
  sentMono: number | null;
  atMono: number;
}

export interface LateRecord extends LatePingAnswer {
  atMono: number;
}

export interface SimLink {
  clock: SteppingClock;
  sim: SimulatorHandle;
  conn: GatewayConnection;
  pings: PingRecord[];
  late: LateRecord[];
  /** Monotonic send time of every ping put on the wire, in order. */
  pingSends: number[];
  /** For each entry of `pingSends`: which connection (0, 1, …) carried it. */
  pingConn: number[];
  states: GatewayState[];
  /** Frames on the wire not yet seen by the other side are none, and no handshake is half done. */
  quiet(): boolean;
  /** After sockets died with frames in flight: wait for the counts to settle, then take them as the new zero. */
  rebase(): Promise<void>;
  /** Move fake time forward by `ms`, timer by timer, letting the network catch up after each step. */
  runFor(ms: number): Promise<void>;
  /**
   * The simulator stopped reading (half-open): frames the client sends are
   * no longer counted until the next reconnect.
   */
  deafServer(): void;
  dispose(): Promise<void>;
}

export interface SimLinkOptions {
  dialect?: Dialect;
  sim?: SimulatorOptions;
  conn?: Partial<GatewayConnectionOptions>;
}

export async function createSimLink(options: SimLinkOptions = {}): Promise<SimLink> {
  const dialect = options.dialect ?? 'documented';
  const clock = createSteppingClock();
  const start = clock.wallNow();
  const sim = await createSimulator({
    dialect,
    clock,
    random: 7,
    shardInfoIntervalMs: 0,
    ...options.sim,
  });
  const creds = DEFAULT_SIM_CREDENTIALS;
  const conn = createGatewayConnection({
    url: sim.url,
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
    random: () => 0.5,
    pingIntervalMs: 1000,
    pingTimeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 200 },
    ...options.conn,
  });
  const pingOpcode = dialectSpec(dialect).pingOpcode;
  const pings: PingRecord[] = [];
  const late: LateRecord[] = [];
  const pingSends: number[] = [];
  const pingConn: number[] = [];
  const states: GatewayState[] = [];
  let connections = 0;
  conn.on('ping', (p) => {
    const atMono = p.at - start;
    pings.push({ ...p, atMono, sentMono: p.rttMs === null ? null : atMono - p.rttMs });
  });
  conn.on('ping-late', (l) => late.push({ ...l, atMono: l.at - start }));
  let dropped = false;
  let deaf = false;
  conn.on('state', (s) => {
    states.push(s.state);
    if (s.state === 'connecting') connections++;
    // A socket was dropped, possibly with frames in flight: the counts need a new zero.
    if (s.state !== 'ready' && !TRANSITIONAL.has(s.state)) dropped = true;
  });
  conn.on('frame', (f) => {
    if (f.direction === 'out' && f.type === pingOpcode) {
      pingSends.push(f.at - start);
      pingConn.push(connections - 1);
    }
  });

  let inOffset = 0;
  let outOffset = 0;
  const counts = () => {
    const c = conn.snapshot();
    const s = sim.stats();
    return {
      inGap: s.framesSent + s.garbageSent - c.framesIn,
      outGap: c.framesOut - s.framesReceived,
    };
  };
  // A ping-only client (0.2.2) is `handshaking` until its first ping is
  // answered, which waits on the fake clock (the simulator's latency), not on IO.
  const firstPingOut = (): boolean => conn.state === 'handshaking' && conn.snapshot().pingsSent > 0;
  const quiet = (): boolean => {
    if (TRANSITIONAL.has(conn.state) && !firstPingOut()) return false;
    const g = counts();
    return g.inGap === inOffset && (deaf || g.outGap === outOffset);
  };

  async function rebase(): Promise<void> {
    let last = counts();
    for (let stable = 0; stable < 5;) {
      await tick(5);
      const now = counts();
      stable = now.inGap === last.inGap && now.outGap === last.outGap ? stable + 1 : 0;
      last = now;
    }
    inOffset = last.inGap;
    outOffset = last.outGap;
    dropped = false;
    deaf = false;
  }

  async function runFor(ms: number): Promise<void> {
    const end = clock.now() + ms;
    for (;;) {
      if (dropped && !TRANSITIONAL.has(conn.state)) await rebase();
      await waitUntil(quiet, `a quiet wire at t=${clock.now()} (state ${conn.state})`);
      const next = clock.nextDueAt();
      if (next === null || next > end) break;
      clock.advance(next - clock.now());
    }
    clock.advance(end - clock.now());
    if (dropped && !TRANSITIONAL.has(conn.state)) await rebase();
    await waitUntil(quiet, 'a quiet wire');
  }

  return {
    clock,
    sim,
    conn,
    pings,
    late,
    pingSends,
    pingConn,
    states,
    quiet,
    rebase,
    runFor,
    deafServer() {
      deaf = true;
    },
    async dispose() {
      conn.dispose();
      await sim.stop();
    },
  };
}

/**
 * Connect and wait until the client is ready: on real IO, stepping the fake
 * clock only while a ping-only client's first ping waits for its answer.
 */
export async function connectReady(link: SimLink): Promise<void> {
  const ready = (): boolean => link.conn.state === 'ready';
  link.conn.connect();
  for (let i = 0; i < 1000 && !ready(); i++) {
    await waitUntil(
      () => ready() || (link.quiet() && link.conn.snapshot().pingsSent > 0),
      'ready, or a first ping waiting for its answer',
    );
    const next = link.clock.nextDueAt();
    if (!ready() && next !== null) link.clock.advance(next - link.clock.now());
  }
  await waitUntil(() => link.conn.state === 'ready', 'ready');
  await waitUntil(link.quiet, 'a quiet wire after ready');
}
