/**
 * Model-based test of the gateway connection's state machine (fast-check
 * `fc.commands`): a real loopback server, the client on a fake clock, and
 * random sequences of connect / drop (server terminates) / time passing
 * (timeouts, retries, pings) / the server refusing credentials (0.2.2 silent
 * close, documented GATEWAY_NO_IDENTIFIED) / reconnect / disconnect /
 * dispose, in any order.
 *
 * After every command, once the sockets have settled: at most one socket per
 * connection (exactly one while ready, none otherwise, on both ends), no
 * timer pending in a state that waits for nothing, the state the model
 * expects where it is determined, and after dispose no timer at all.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayConnection, GatewayState } from '../../../electron/core/gateway/connection';
import { dialectSpec } from '../../../shared/dialects';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import type { Dialect } from '../../../shared/protocol';
import { HELLO, PING_ANSWER, readyMessage, startTestServer } from '../gateway/test-gateway-server';
import type { TestServer } from '../gateway/test-gateway-server';
import type { SteppingClock } from '../../reliability/support';
import {
  createSteppingClock,
  eventually,
  leftoverResources,
  size,
  tcpCounts,
  tick,
  timeoutFor,
  watchCrashes,
} from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('connection-model');
const RUNS = size(25, 400);
const MAX_COMMANDS = size(20, 40);

interface ServerMode {
  refuse: boolean;
  answerPings: boolean;
}

interface Model {
  disposed: boolean;
  refusing: boolean;
}

interface Real {
  conn: GatewayConnection;
  clock: SteppingClock;
  server: TestServer;
  mode: ServerMode;
  spec: ReturnType<typeof dialectSpec>;
}

const TRANSITIONAL: ReadonlySet<GatewayState> = new Set([
  'connecting',
  'handshaking',
  'registering',
]);
/** States in which the connection waits for nothing: no timer may be pending. */
const RESTING: ReadonlySet<GatewayState> = new Set(['idle', 'closed', 'auth-refused', 'failed']);

let commandsRun = 0;
let violations = 0;
let baseline = tcpCounts();

function openServerSockets(server: TestServer): number {
  return server.conns.filter((c) => c.closeCode === null).length;
}

/**
 * A ping-only client (0.2.2 never registers) is `handshaking` after HELLO
 * until its first ping is answered; once that ping is out it waits on the
 * fake clock, not on IO. It is `waiting`, socket open, when the answer never came.
 */
function firstPingOut(r: Real): boolean {
  const last = r.server.conns.at(-1);
  return (
    r.conn.state === 'handshaking' &&
    !!last?.frames.some((f) => f.message?.['type'] === r.spec.pingOpcode)
  );
}

/** The state `connect` leads to on a server that accepts the credentials. */
function connectedState(r: Real): GatewayState {
  return r.spec.monitorMayRegister || r.mode.answerPings ? 'ready' : 'handshaking';
}

/** Longest wait for the sockets to match the client's state (ms). */
const SETTLE_MS = 10_000;

/** Wait for the sockets to reach what the client's state implies, then check every invariant. */
async function settleAndCheck(r: Real, m: Model): Promise<void> {
  commandsRun++;
  const live = () => r.conn.state === 'ready' || r.conn.state === 'waiting' || firstPingOut(r);
  const wantOpen = () => (!m.disposed && live() ? 1 : 0);
  const settled = () =>
    (m.disposed || !TRANSITIONAL.has(r.conn.state) || firstPingOut(r)) &&
    openServerSockets(r.server) === wantOpen() &&
    tcpCounts().sockets - baseline.sockets === 2 * wantOpen();
  // Bounded, not timed: a socket the server terminated is seen closed within
  // milliseconds, but a CI run beside other work once took over 3 s (load 10).
  await eventually(settled, SETTLE_MS);
  await tick(2);
  const ok = settled();
  if (!ok) violations++;
  expect(
    {
      serverSide: openServerSockets(r.server),
      bothEnds: tcpCounts().sockets - baseline.sockets,
      state: r.conn.state,
    },
    'sockets after settling',
  ).toEqual({ serverSide: wantOpen(), bothEnds: 2 * wantOpen(), state: r.conn.state });
  const pending = r.clock.pendingCount();
  if (m.disposed || RESTING.has(r.conn.state)) expect(pending, `timers in ${r.conn.state}`).toBe(0);
  else expect(pending, `timers in ${r.conn.state}`).toBeLessThanOrEqual(2);
}

class Connect implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    if (m.disposed) {
      expect(() => r.conn.connect()).toThrow(/disposed/);
      return settleAndCheck(r, m);
    }
    const before = r.conn.state;
    r.conn.connect();
    await settleAndCheck(r, m);
    if (before === 'ready') expect(r.conn.state).toBe('ready');
    else if (before !== 'reconnecting' && before !== 'waiting' && before !== 'handshaking')
      expect(r.conn.state).toBe(m.refusing ? 'auth-refused' : connectedState(r));
  }
  toString = () => 'connect';
}

class ReconnectNow implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    if (m.disposed) {
      expect(() => r.conn.reconnectNow()).toThrow(/disposed/);
      return settleAndCheck(r, m);
    }
    r.conn.reconnectNow();
    await settleAndCheck(r, m);
    expect(r.conn.state).toBe(m.refusing ? 'auth-refused' : connectedState(r));
  }
  toString = () => 'reconnectNow';
}

class Drop implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    card.add('faultsInjected');
    const before = r.conn.state;
    for (const c of r.server.conns) c.ws.terminate();
    await settleAndCheck(r, m);
    if (!m.disposed && before === 'ready') expect(r.conn.state).toBe('reconnecting');
  }
  toString = () => 'drop (server terminates)';
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const before = r.conn.state;
    r.clock.advance(this.ms);
    await settleAndCheck(r, m);
    // Time alone never revives a connection that waits for the user.
    if (m.disposed || RESTING.has(before)) expect(r.conn.state).toBe(before);
  }
  toString = () => `advance ${this.ms} ms`;
}

class SetRefusing implements fc.AsyncCommand<Model, Real> {
  constructor(readonly refuse: boolean) {}
  check = (m: Readonly<Model>) => m.refusing !== this.refuse;
  async run(m: Model, r: Real) {
    if (this.refuse) card.add('faultsInjected');
    m.refusing = this.refuse;
    r.mode.refuse = this.refuse;
    await settleAndCheck(r, m);
  }
  toString = () => (this.refuse ? 'server refuses credentials' : 'server accepts credentials');
}

class SetAnswering implements fc.AsyncCommand<Model, Real> {
  constructor(readonly answer: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    if (!this.answer) card.add('faultsInjected');
    r.mode.answerPings = this.answer;
    await settleAndCheck(r, m);
  }
  toString = () => (this.answer ? 'server answers pings' : 'server stops answering pings');
}

class Disconnect implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    r.conn.disconnect();
    await settleAndCheck(r, m);
    if (!m.disposed) expect(r.conn.state).toBe('closed');
  }
  toString = () => 'disconnect';
}

class Dispose implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    r.conn.dispose();
    m.disposed = true;
    expect(r.clock.pendingCount()).toBe(0);
    await settleAndCheck(r, m);
  }
  toString = () => 'dispose';
}

const commands = [
  fc.constant(new Connect()),
  fc.constant(new ReconnectNow()),
  fc.constant(new Drop()),
  fc
    .oneof(
      fc.constantFrom(10, 100, 200, 500, 999, 1000, 1001, 2000, 5000),
      fc.integer({ min: 1, max: 30_000 }),
    )
    .map((ms) => new Advance(ms)),
  fc.boolean().map((b) => new SetRefusing(b)),
  fc.boolean().map((b) => new SetAnswering(b)),
  fc.constant(new Disconnect()),
  fc.constant(new Dispose()),
];

describe.each<Dialect>(['http-interaction-0.2.2', 'documented'])('%s state machine', (dialect) => {
  let server: TestServer;
  const mode: ServerMode = { refuse: false, answerPings: true };
  const spec = dialectSpec(dialect);

  beforeAll(async () => {
    baseline = tcpCounts();
    commandsRun = 0;
    violations = 0;
    server = await startTestServer({
      framing: dialect === 'documented' ? 'text' : 'zlib',
      onConnection(c) {
        if (!mode.refuse) {
          if (spec.sendsHello) c.send(HELLO);
          return;
        }
        if (spec.refusalCloseCode !== null) {
          // 0.2.2: accept the upgrade, then a close frame without a status (docs/protocol.md §2).
          c.ws.close();
        } else {
          c.send({
            type: 0,
            service: 'gateway',
            event: GATEWAY_EVENTS.NO_IDENTIFIED,
            data: null,
            possible_error: true,
            message: 'identification refused',
          });
          c.ws.close(1008);
        }
      },
      onFrame(c, frame) {
        const type = frame.message?.['type'];
        if (type === spec.registerOpcode) c.send(readyMessage());
        else if (type === spec.pingOpcode && mode.answerPings) c.send(PING_ANSWER);
      },
    });
  });

  afterAll(async () => {
    await server.close();
    const left = await leftoverResources(baseline);
    card.add('leaks', left.sockets + left.servers + left.timers + violations);
    card.add('inputsTried', commandsRun);
    card.detail(`${dialect}: command sequences`, RUNS);
    card.detail(`${dialect}: commands run`, commandsRun);
    expect(left).toEqual({ sockets: 0, servers: 0, timers: 0 });
  });

  it(
    'any sequence of commands keeps at most one socket, leaks no timer and ends clean after dispose',
    async () => {
      const crashes = watchCrashes();
      await fc.assert(
        fc.asyncProperty(
          fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'large' }),
          async (cmds) => {
            mode.refuse = false;
            mode.answerPings = true;
            const clock = createSteppingClock();
            const conn = createGatewayConnection({
              url: server.url,
              dialect,
              identity: {
                botId: '1234567890',
                publicKey: 'ab12'.repeat(16),
                secret: 'sk-model',
                shardIn: 0,
                shardTotal: 1,
              },
              flags: 0,
              clock,
              random: () => 0.5,
              pingIntervalMs: 1000,
              pingTimeoutMs: 500,
              lostPingsToDead: 2,
              phaseTimeoutMs: 1000,
              backoff: { initialMs: 20, maxMs: 200 },
            });
            const real: Real = { conn, clock, server, mode, spec };
            const model: Model = { disposed: false, refusing: false };
            try {
              await fc.asyncModelRun(() => ({ model, real }), cmds);
            } finally {
              conn.dispose();
              await eventually(() => openServerSockets(server) === 0, SETTLE_MS);
            }
            expect(clock.pendingCount()).toBe(0);
          },
        ),
        { numRuns: RUNS, seed: dialect === 'documented' ? 4242 : 4243 },
      );
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 1_200_000),
  );
});
