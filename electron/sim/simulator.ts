/**
 * The shard gateway simulator: a real WebSocket server on loopback that speaks
 * either dialect of PROTOCOL.md, with scenarios and injectable faults.
 *
 * Used by integration tests, benchmarks, `shardwatch sim` and the in-process
 * Demo profile, so it is plain Node + `ws` and owns every timer and socket it
 * opens (`stop()` releases them all, docs/architecture.md §3.4).
 */
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import {
  deriveServerBotFlags,
  GATEWAY_EVENTS,
  IDENTIFICATION_HEADERS,
} from '../../shared/protocol';
import type { Dialect } from '../../shared/protocol';
import { isRecord } from '../../shared/validate';
import { systemClock } from '../../shared/clock';
import type { Clock, TimerHandle } from '../../shared/clock';
import { createSeededRandom, randomFrom } from './random';
import type { SimRandom } from './random';
import type { SimFault, SimScenario } from './scenarios';
import { createShardTable, growCounters, nest, nestShardsConfig } from './shards';
import type { SimShard } from './shards';
import { decodeFrame, encodeFrame } from './wire';
import type { WireEncoding } from './wire';

/** The identity the simulated gateway accepts (PROTOCOL.md §2 "Connecting"). */
export interface SimCredentials {
  /** Bot application id, sent as `Identification`. */
  botId: string;
  /** The server's shared secret, sent as `Secret`. */
  secret: string;
  /** The application's public key, sent as `Public-Key` and in register `d.public_key`. */
  publicKey: string;
}

/**
 * Demo credentials used when none are configured. Not secret by design: the
 * Demo profile and tests use them to reach an in-process simulator.
 */
export const DEFAULT_SIM_CREDENTIALS: Readonly<SimCredentials> = Object.freeze({
  botId: '1100000000000000001',
  secret: 'shardwatch-demo-secret',
  publicKey: 'd3m0a11ce0ffee5eed000000000000000000000000000000000000000000beef',
});

/** Output framing of the documented dialect (codec tests use the binary forms). */
export type DocumentedOutput = WireEncoding;

/** Options of {@link createSimulator}. Every field is optional. */
export interface SimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Bind address; default `127.0.0.1`. */
  host?: string;
  /** Protocol dialect; default `documented`. */
  dialect?: Dialect;
  /**
   * Number of simulated shards in the table. Default 4 for `documented`, 0
   * for `http-interaction-0.2.2` (that server only knows shards registered
   * with type 3, PROTOCOL.md §2 "Opcodes").
   */
  shardCount?: number;
  /** Accepted identity; missing fields fall back to {@link DEFAULT_SIM_CREDENTIALS}. */
  credentials?: Partial<SimCredentials>;
  /**
   * `documented` only: refuse connections whose identification headers are
   * missing or wrong. Defaults to true when `credentials` is given.
   * (0.2.2 always checks, PROTOCOL.md §2.)
   */
  requireIdentification?: boolean;
  /** Base delay before a ping is answered (ms). Default 0. */
  latencyMs?: number;
  /** Extra uniformly random delay `[0, jitterMs)` before a ping answer. Default 0. */
  jitterMs?: number;
  /** Initial scenario; default `steady`. */
  scenario?: SimScenario;
  /** Period of scenario ticks (counter growth, flapping, drops). Default 250 ms. */
  scenarioTickMs?: number;
  /** `documented` only: period of `GATEWAY_SHARD_INFO` pushes to registered clients; 0 disables. Default 1000. */
  shardInfoIntervalMs?: number;
  /** `documented` only: send `GATEWAY_HELLO` on connect. Default true. */
  helloInDocumented?: boolean;
  /** `documented` only: how frames go out. Default `text`. */
  documentedOutput?: DocumentedOutput;
  /** A seed (number) for the built-in PRNG, or a `[0, 1)` source. */
  random?: number | (() => number);
  /** Clock for every timer and latency measurement; default the system clock. */
  clock?: Clock;
  /** `drop` scenario: chance per tick per socket of being dropped. Default 0.15. */
  dropProbability?: number;
  /** `garbage` scenario: chance that an outgoing frame is preceded by a malformed one. Default 0.5. */
  garbageProbability?: number;
  /** `degrading` scenario: added ping latency per second since the scenario began. Default 200. */
  degradeMsPerSecond?: number;
  /** `degrading` scenario: cap of the added latency. Default 10000. */
  maxDegradeMs?: number;
  /** Receives one human-readable line per notable event. Never given secrets. */
  log?: (line: string) => void;
}

/** Options of {@link SimulatorHandle.injectFault}. */
export interface FaultOptions {
  /** `late-answer`: delay of the next ping answer. Default 5000 ms. */
  delayMs?: number;
}

/** The `data` of a forwarded interaction (PROTOCOL.md §1 "Other events"). */
export interface SimInteraction {
  shard_id: number;
  shard_total: number;
  flag: number;
  metadata_http: Record<string, unknown>;
}

/** Counters for tests and the CLI. */
export interface SimStats {
  dialect: Dialect;
  scenario: SimScenario;
  /** Client sockets currently open (including refused ones not yet closed). */
  connectionsOpen: number;
  /** WebSocket upgrades accepted since start. */
  connectionsTotal: number;
  /** Upgrades answered with an HTTP error (404, 400). */
  upgradesRejected: number;
  /** Connections closed for wrong identification. */
  authRefused: number;
  /** 0.2.2: connections closed for `Shard-In` > `Shard-Total` or a shard without a registered master. */
  shardRefused: number;
  /** 0.2.2: connections closed because a newer one took over the bot id. */
  takeovers: number;
  /** Sockets closed by the `drop` scenario. */
  dropped: number;
  framesReceived: number;
  /** Frames received after the reader died or while half-open. */
  framesIgnored: number;
  /** Frames with a readable integer `type`, by opcode. */
  framesByOpcode: Record<number, number>;
  framesSent: number;
  pingsReceived: number;
  pingsAnswered: number;
  /** Pings deliberately left without an answer (stall, not registered on 0.2.2). */
  pingsUnanswered: number;
  /** Successful registers (READY or RESUME sent). */
  registers: number;
  /** `documented`: registers answered with `GATEWAY_RESUME`. */
  resumes: number;
  /** Connections whose reader died (0.2.2 framing / type errors, control frames). */
  readerKilled: number;
  /** Why each reader died, in order. */
  readerKillReasons: string[];
  /** WebSocket ping/pong control frames received from clients. */
  controlFramesReceived: number;
  /** 0.2.2: shards registered through opcode 3. */
  type3Registrations: number;
  shardInfoSent: number;
  interactionsSent: number;
  garbageSent: number;
  /** Headers of the last upgrade request, with `Secret` and `Public-Key` redacted. */
  lastUpgradeHeaders: Record<string, string> | null;
}

/** A running simulator. */
export interface SimulatorHandle {
  /** `ws://HOST:PORT/gateway`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly dialect: Dialect;
  /** The identity this simulator accepts. */
  readonly credentials: Readonly<SimCredentials>;
  /** Close every socket and the server, clear every timer. Idempotent. */
  stop(): Promise<void>;
  /** Change one shard (creating it if needed); returns a copy of the result. */
  setShard(id: number, patch: Partial<SimShard>): SimShard;
  /** Keep shards `0..n-1`. */
  setShardCount(n: number): void;
  /** Copies of all shard objects. */
  shards(): SimShard[];
  setScenario(name: SimScenario): void;
  scenario(): SimScenario;
  /** Apply a fault to current connections; returns how many sockets it touched. */
  injectFault(kind: SimFault, options?: FaultOptions): number;
  /** Forward a Discord interaction (type 8) to registered clients; returns the recipient count. */
  sendInteraction(data?: Partial<SimInteraction>): number;
  /** `documented`: push a `GATEWAY_SHARD_INFO` snapshot to registered clients now. */
  pushShardInfo(): number;
  stats(): SimStats;
  /** Unredacted headers of the last upgrade request. For tests only; never print. */
  rawLastUpgradeHeaders(): Record<string, string> | null;
}

interface Identification {
  id: string | undefined;
  secret: string | undefined;
  publicKey: string | undefined;
  shardIn: number | undefined;
  shardTotal: number | undefined;
}

interface Conn {
  seq: number;
  ws: WebSocket;
  socket: Duplex;
  ident: Identification;
  botId: string;
  shardIn: number;
  shardTotal: number;
  /** Passed identification and shard checks. */
  accepted: boolean;
  /** `documented`: registered on this connection. */
  registered: boolean;
  readerDead: boolean;
  halfOpen: boolean;
  /** Clock time of the last scheduled ping answer, to keep answers in order (PROTOCOL.md §1). */
  lastAnswerAt: number;
  lateAnswerMs: number | null;
  duplicateNext: boolean;
  pushTimer: TimerHandle | null;
  timers: Set<TimerHandle>;
}

interface BotState {
  /** A master register succeeded on this bot id (0.2.2 gates pings and shards on it). */
  registered: boolean;
  sessionId: string | null;
  /** 0.2.2: the one connection the bot id owns. */
  conn: Conn | null;
}

type JsonObject = Record<string, unknown>;

const GATEWAY_PATH = '/gateway';
const SESSION_ID_LENGTH_022 = 85;
const SESSION_ID_LENGTH_DOCUMENTED = 100;
const REQUIRED_HEADERS = [
  IDENTIFICATION_HEADERS.id,
  IDENTIFICATION_HEADERS.secret,
  IDENTIFICATION_HEADERS.publicKey,
  IDENTIFICATION_HEADERS.shardIn,
  IDENTIFICATION_HEADERS.shardTotal,
] as const;
const REDACTED_HEADERS = new Set(['secret', 'public-key']);

function isNonNegInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name.toLowerCase()];
  return Array.isArray(raw) ? raw[0] : raw;
}

function parseCount(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function readIdentification(req: IncomingMessage): Identification {
  return {
    id: headerValue(req, IDENTIFICATION_HEADERS.id),
    secret: headerValue(req, IDENTIFICATION_HEADERS.secret),
    publicKey: headerValue(req, IDENTIFICATION_HEADERS.publicKey),
    shardIn: parseCount(headerValue(req, IDENTIFICATION_HEADERS.shardIn)),
    shardTotal: parseCount(headerValue(req, IDENTIFICATION_HEADERS.shardTotal)),
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sim.invalid').pathname;
  } catch {
    return '/';
  }
}

function allHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = REDACTED_HEADERS.has(k) ? '[REDACTED]' : v;
  return out;
}

/** The 0.2.2 error body shape (PROTOCOL.md §2 "Connecting"). */
function errorBody(status: number, codeError: string, message: string): string {
  return JSON.stringify({ code: status, code_error: codeError, message, error: true });
}

function checkNumber(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`simulator option ${name} out of range: ${value}`);
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Start a gateway simulator and resolve once it listens.
 *
 * Dialect behaviour follows PROTOCOL.md exactly: `http-interaction-0.2.2`
 * reproduces that server's quirks (§2: gzip-only reader that dies on anything
 * else, zlib output, ping opcode 2, silent auth close, one connection per bot
 * id); `documented` follows §1 (text JSON, ping opcode 3, READY/RESUME,
 * periodic `GATEWAY_SHARD_INFO`). Scenarios and faults are described in
 * `scenarios.ts`.
 */
export async function createSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const dialect: Dialect = options.dialect ?? 'documented';
  const is022 = dialect === 'http-interaction-0.2.2';
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const random: SimRandom =
    typeof options.random === 'function'
      ? randomFrom(options.random)
      : createSeededRandom(options.random);
  const credentials: SimCredentials = { ...DEFAULT_SIM_CREDENTIALS, ...options.credentials };
  const requireIdentification = is022 || (options.requireIdentification ?? !!options.credentials);
  const latencyMs = options.latencyMs ?? 0;
  const jitterMs = options.jitterMs ?? 0;
  const scenarioTickMs = options.scenarioTickMs ?? 250;
  const shardInfoIntervalMs = options.shardInfoIntervalMs ?? 1000;
  const helloInDocumented = options.helloInDocumented ?? true;
  const outputEncoding: WireEncoding = is022 ? 'zlib' : (options.documentedOutput ?? 'text');
  const dropProbability = options.dropProbability ?? 0.15;
  const garbageProbability = options.garbageProbability ?? 0.5;
  const degradeMsPerSecond = options.degradeMsPerSecond ?? 200;
  const maxDegradeMs = options.maxDegradeMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const initialShards = options.shardCount ?? (is022 ? 0 : 4);
  checkNumber('port', options.port ?? 0, 0, 65535);
  checkNumber('shardCount', initialShards, 0, 100_000);
  checkNumber('latencyMs', latencyMs, 0);
  checkNumber('jitterMs', jitterMs, 0);
  checkNumber('scenarioTickMs', scenarioTickMs, 1);
  checkNumber('shardInfoIntervalMs', shardInfoIntervalMs, 0);
  checkNumber('dropProbability', dropProbability, 0, 1);
  checkNumber('garbageProbability', garbageProbability, 0, 1);
  checkNumber('degradeMsPerSecond', degradeMsPerSecond, 0);
  checkNumber('maxDegradeMs', maxDegradeMs, 0);

  const shards = createShardTable(initialShards, random);
  const bots = new Map<string, BotState>();
  const conns = new Set<Conn>();
  const rawSockets = new Set<Socket>();
  const timers = new Set<TimerHandle>();
  let scenario: SimScenario = 'steady';
  let scenarioStartedAt = clock.now();
  let faultStall = false;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let connSeq = 0;
  let lastHeaders: Record<string, string> | null = null;

  const stats: Omit<SimStats, 'dialect' | 'scenario' | 'connectionsOpen' | 'lastUpgradeHeaders'> = {
    connectionsTotal: 0,
    upgradesRejected: 0,
    authRefused: 0,
    shardRefused: 0,
    takeovers: 0,
    dropped: 0,
    framesReceived: 0,
    framesIgnored: 0,
    framesByOpcode: {},
    framesSent: 0,
    pingsReceived: 0,
    pingsAnswered: 0,
    pingsUnanswered: 0,
    registers: 0,
    resumes: 0,
    readerKilled: 0,
    readerKillReasons: [],
    controlFramesReceived: 0,
    type3Registrations: 0,
    shardInfoSent: 0,
    interactionsSent: 0,
    garbageSent: 0,
  };

  // ---- timers: every one goes through here so stop() can clear them all ----

  function schedule(fn: () => void, ms: number, conn?: Conn): TimerHandle {
    const handle: TimerHandle = clock.setTimeout(() => {
      timers.delete(handle);
      conn?.timers.delete(handle);
      if (!stopped) fn();
    }, ms);
    timers.add(handle);
    conn?.timers.add(handle);
    return handle;
  }

  function cancel(handle: TimerHandle | null, conn?: Conn): void {
    if (!handle) return;
    clock.clearTimeout(handle);
    timers.delete(handle);
    conn?.timers.delete(handle);
  }

  // ---- bots and messages ----

  function bot(id: string): BotState {
    let state = bots.get(id);
    if (!state) {
      state = { registered: false, sessionId: null, conn: null };
      bots.set(id, state);
    }
    return state;
  }

  function gatewayMessage(type: number, event: string, data: unknown): JsonObject {
    return { type, service: 'gateway', event, data };
  }

  function errorMessage(message: string): JsonObject {
    return {
      type: 2,
      service: 'gateway',
      event: GATEWAY_EVENTS.ERROR,
      data: null,
      possible_error: true,
      message,
    };
  }

  function isLive(conn: Conn): boolean {
    return !conn.halfOpen && conn.ws.readyState === WebSocket.OPEN;
  }

  function sendGarbage(conn: Conn): void {
    if (!isLive(conn)) return;
    // Each kind breaks a different layer of a client's decoder.
    const kind = random.int(4);
    if (kind === 0) conn.ws.send('{"type": 3, "service": "gateway", "event": ', { binary: false });
    else if (kind === 1)
      conn.ws.send(deflateSync(JSON.stringify(gatewayMessage(3, 'X', {}))).subarray(0, 6), {
        binary: true,
      });
    else if (kind === 2) {
      const f = encodeFrame({ service: 'gateway', event: 'GARBAGE_NO_TYPE' }, outputEncoding);
      conn.ws.send(f.data, { binary: f.binary });
    } else {
      const f = encodeFrame([1, 'not', 'an', 'object'], outputEncoding);
      conn.ws.send(f.data, { binary: f.binary });
    }
    stats.garbageSent++;
  }

  function send(conn: Conn, message: JsonObject): boolean {
    if (!isLive(conn)) return false;
    if (scenario === 'garbage' && random.chance(garbageProbability)) sendGarbage(conn);
    const frame = encodeFrame(message, outputEncoding);
    conn.ws.send(frame.data, { binary: frame.binary });
    stats.framesSent++;
    return true;
  }

  function isStalled(): boolean {
    return faultStall || scenario === 'stall';
  }

  function degradeExtraMs(): number {
    if (scenario !== 'degrading') return 0;
    const seconds = Math.max(0, clock.now() - scenarioStartedAt) / 1000;
    return Math.min(maxDegradeMs, seconds * degradeMsPerSecond);
  }

  function pingAnswer(): JsonObject {
    return gatewayMessage(3, GATEWAY_EVENTS.PING, {});
  }

  function answerPing(conn: Conn): void {
    if (isStalled()) {
      stats.pingsUnanswered++;
      return;
    }
    let delay = latencyMs + (jitterMs > 0 ? random.next() * jitterMs : 0) + degradeExtraMs();
    if (conn.lateAnswerMs !== null) {
      delay = Math.max(delay, conn.lateAnswerMs);
      conn.lateAnswerMs = null;
    }
    const duplicate = conn.duplicateNext;
    conn.duplicateNext = false;
    // Pings are unnumbered and answered in order (PROTOCOL.md §1), so jitter
    // must never let a later answer overtake an earlier one.
    const now = clock.now();
    const at = Math.max(now + delay, conn.lastAnswerAt);
    conn.lastAnswerAt = at;
    const fire = (): void => {
      if (isStalled()) {
        stats.pingsUnanswered++;
        return;
      }
      if (send(conn, pingAnswer())) stats.pingsAnswered++;
      if (duplicate) send(conn, pingAnswer());
    };
    if (at - now <= 0) fire();
    else schedule(fire, at - now, conn);
  }

  function shardInfoMessage(): JsonObject {
    return gatewayMessage(1, GATEWAY_EVENTS.SHARD_INFO, nest(shards.snapshot()));
  }

  function sendShardInfo(conn: Conn): boolean {
    const ok = send(conn, shardInfoMessage());
    if (ok) stats.shardInfoSent++;
    return ok;
  }

  function startShardInfoPushes(conn: Conn): void {
    if (conn.pushTimer || shardInfoIntervalMs <= 0) return;
    const tick = (): void => {
      conn.pushTimer = null;
      if (!isLive(conn)) return;
      sendShardInfo(conn);
      conn.pushTimer = schedule(tick, shardInfoIntervalMs, conn);
    };
    conn.pushTimer = schedule(tick, shardInfoIntervalMs, conn);
  }

  function killReader(conn: Conn, reason: string): void {
    if (conn.readerDead) return;
    conn.readerDead = true;
    stats.readerKilled++;
    stats.readerKillReasons.push(reason);
    log(`connection #${conn.seq}: reader died (${reason}); socket left open`);
  }

  function countOpcode(type: number): void {
    stats.framesByOpcode[type] = (stats.framesByOpcode[type] ?? 0) + 1;
  }

  // ---- http-interaction 0.2.2 (PROTOCOL.md §2) ----

  /** Field types the 0.2.2 deserializer insists on; a mismatch kills the reader. */
  function badFieldType022(d: JsonObject): string | null {
    if ('flags' in d && !isNonNegInt(d['flags'])) return 'd.flags is not a non-negative integer';
    for (const key of ['encode', 'decode']) {
      if (key in d && d[key] !== null && typeof d[key] !== 'boolean')
        return `d.${key} is not a boolean`;
    }
    if ('public_key' in d && typeof d['public_key'] !== 'string')
      return 'd.public_key is not a string';
    if ('shard_id' in d && !isNonNegInt(d['shard_id']))
      return 'd.shard_id is not a non-negative integer';
    return null;
  }

  function onMessage022(conn: Conn, data: RawData, isBinary: boolean): void {
    // The server's reader only understands gzip; anything else kills it
    // while the socket stays open (PROTOCOL.md §2 "Framing").
    const decoded = decodeFrame(data, isBinary, 'gzip');
    if (!decoded.ok) return killReader(conn, decoded.error);
    const msg = decoded.value;
    if (!isRecord(msg) || !isNonNegInt(msg['type'])) {
      return killReader(conn, 'frame has no non-negative integer "type"');
    }
    const type = msg['type'];
    countOpcode(type);
    const rawD = msg['d'];
    if (rawD !== undefined && rawD !== null && !isRecord(rawD)) {
      return killReader(conn, 'd is not an object');
    }
    const d: JsonObject = isRecord(rawD) ? rawD : {};
    const bad = badFieldType022(d);
    if (bad) return killReader(conn, bad);
    const state = bot(conn.botId);
    switch (type) {
      case 1: {
        // Register is honoured only on the master with integer flags; otherwise silence.
        if (conn.shardIn !== 0 || !isNonNegInt(d['flags'])) return;
        state.registered = true;
        state.sessionId = random.alnum(SESSION_ID_LENGTH_022);
        stats.registers++;
        send(
          conn,
          gatewayMessage(1, GATEWAY_EVENTS.READY, {
            application_bot: {
              flags: deriveServerBotFlags(d['flags']),
              id: conn.botId,
              public_key: '[REDACTED]',
            },
            session_id: state.sessionId,
            shards_config: nestShardsConfig(conn.shardIn, conn.shardTotal),
            // 0.2.2 never fills shards_stats in READY (PROTOCOL.md §2 "Opcodes").
            shards_stats: nest([]),
          }),
        );
        log(`connection #${conn.seq}: registered (0.2.2)`);
        return;
      }
      case 2:
        stats.pingsReceived++;
        if (state.registered) answerPing(conn);
        else stats.pingsUnanswered++;
        return;
      case 3: {
        // Type 3 registers a shard on this server: a client that sends the
        // documented ping here pollutes the bot's shard list (PROTOCOL.md §2).
        const shardId = d['shard_id'];
        if (d['public_key'] !== conn.ident.publicKey || !isNonNegInt(shardId)) return;
        if (shards.has(shardId)) return;
        shards.add(shardId);
        stats.type3Registrations++;
        log(`connection #${conn.seq}: registered shard ${shardId} via opcode 3`);
        sendShardInfo(conn);
        return;
      }
      default:
        // 4, 5, 6 are accepted without an answer; unknown opcodes get silence too.
        return;
    }
  }

  function silentClose(conn: Conn, why: string): void {
    // "closes the socket immediately without a message" (PROTOCOL.md §2):
    // a close frame with no status code and no data frame before it.
    log(`connection #${conn.seq}: closed silently (${why})`);
    conn.ws.close();
  }

  function onConnection022(conn: Conn): void {
    const { ident } = conn;
    if (
      ident.id !== credentials.botId ||
      ident.secret !== credentials.secret ||
      ident.publicKey !== credentials.publicKey
    ) {
      stats.authRefused++;
      return silentClose(conn, 'identification refused');
    }
    if (conn.shardIn > conn.shardTotal) {
      // The queued "too many shards" message never goes out in 0.2.2.
      stats.shardRefused++;
      return silentClose(conn, 'Shard-In > Shard-Total');
    }
    const state = bot(conn.botId);
    if (conn.shardIn > 0 && !state.registered) {
      stats.shardRefused++;
      return silentClose(conn, 'shard without a registered master');
    }
    conn.accepted = true;
    // One connection per bot id: the newcomer wins (PROTOCOL.md §2).
    const previous = state.conn;
    state.conn = conn;
    if (previous && previous !== conn && previous.ws.readyState === WebSocket.OPEN) {
      stats.takeovers++;
      silentClose(previous, `taken over by connection #${conn.seq}`);
    }
    send(conn, gatewayMessage(1, GATEWAY_EVENTS.HELLO, { starting_shards: conn.shardIn === 0 }));
  }

  // ---- documented (PROTOCOL.md §1) ----

  function registerDocumented(conn: Conn, d: unknown): void {
    if (!isRecord(d)) return void send(conn, errorMessage('register needs the metadata "d"'));
    if (typeof d['public_key'] !== 'string') {
      return void send(conn, errorMessage('register needs d.public_key'));
    }
    if (requireIdentification && d['public_key'] !== credentials.publicKey) {
      return void send(conn, errorMessage('d.public_key does not match the identification'));
    }
    if (!isNonNegInt(d['shard_in']))
      return void send(conn, errorMessage('register needs d.shard_in'));
    if (d['shard_in'] !== 0) {
      return void send(conn, errorMessage('register must run on the shard master (shard_in 0)'));
    }
    if (!isNonNegInt(d['flags'])) {
      return void send(conn, errorMessage('d.flags must be a non-negative integer'));
    }
    const state = bot(conn.botId);
    // A bot that already had a session gets RESUME with the same session (§1 "Other events").
    const resumed = state.sessionId !== null;
    if (!resumed) state.sessionId = random.alnum(SESSION_ID_LENGTH_DOCUMENTED);
    state.registered = true;
    conn.registered = true;
    stats.registers++;
    if (resumed) stats.resumes++;
    send(
      conn,
      gatewayMessage(1, resumed ? GATEWAY_EVENTS.RESUME : GATEWAY_EVENTS.READY, {
        application_bot: {
          flags: deriveServerBotFlags(d['flags']),
          id: conn.botId,
          public_key: '[REDACTED]',
        },
        session_id: state.sessionId,
        shards_config: nestShardsConfig(0, conn.shardTotal),
        shards_stats: nest(shards.snapshot()),
      }),
    );
    log(`connection #${conn.seq}: registered (${resumed ? 'resume' : 'ready'})`);
    startShardInfoPushes(conn);
  }

  function onMessageDocumented(conn: Conn, data: RawData, isBinary: boolean): void {
    const decoded = decodeFrame(data, isBinary);
    if (!decoded.ok) return void send(conn, errorMessage(`could not read frame: ${decoded.error}`));
    const msg = decoded.value;
    if (!isRecord(msg) || !isNonNegInt(msg['type'])) {
      return void send(conn, errorMessage('a command needs an integer "type"'));
    }
    const type = msg['type'];
    countOpcode(type);
    if (type === 1) return registerDocumented(conn, msg['d']);
    if (type === 3) {
      stats.pingsReceived++;
      if (!conn.registered) {
        stats.pingsUnanswered++;
        return void send(conn, errorMessage('ping before register: send type 1 first'));
      }
      return answerPing(conn);
    }
    send(conn, errorMessage(`unknown command type ${type}`));
  }

  function onConnectionDocumented(conn: Conn): void {
    if (requireIdentification) {
      const { ident } = conn;
      const ok =
        ident.id === credentials.botId &&
        ident.secret === credentials.secret &&
        ident.publicKey === credentials.publicKey &&
        ident.shardIn !== undefined &&
        ident.shardTotal !== undefined;
      if (!ok) {
        stats.authRefused++;
        send(conn, {
          type: 0,
          service: 'gateway',
          event: GATEWAY_EVENTS.NO_IDENTIFIED,
          data: null,
          possible_error: true,
          message: 'identification refused: check Identification, Secret and Public-Key',
        });
        log(`connection #${conn.seq}: identification refused`);
        conn.ws.close(1008, 'not identified');
        return;
      }
    }
    conn.accepted = true;
    if (helloInDocumented) {
      send(conn, gatewayMessage(1, GATEWAY_EVENTS.HELLO, { starting_shards: conn.shardIn === 0 }));
    }
  }

  // ---- connection plumbing ----

  function onConnection(ws: WebSocket, req: IncomingMessage, socket: Duplex): void {
    const ident = readIdentification(req);
    const conn: Conn = {
      seq: ++connSeq,
      ws,
      socket,
      ident,
      botId: ident.id ?? credentials.botId,
      shardIn: ident.shardIn ?? 0,
      shardTotal: ident.shardTotal ?? Math.max(1, shards.list().length),
      accepted: false,
      registered: false,
      readerDead: false,
      halfOpen: false,
      lastAnswerAt: 0,
      lateAnswerMs: null,
      duplicateNext: false,
      pushTimer: null,
      timers: new Set(),
    };
    conns.add(conn);
    stats.connectionsTotal++;
    log(`connection #${conn.seq}: shard ${conn.shardIn}/${conn.shardTotal}`);
    ws.on('message', (data, isBinary) => {
      stats.framesReceived++;
      if (stopped || conn.readerDead || conn.halfOpen) {
        stats.framesIgnored++;
        return;
      }
      if (is022) onMessage022(conn, data, isBinary);
      else onMessageDocumented(conn, data, isBinary);
    });
    const onControl = (kind: string) => () => {
      stats.controlFramesReceived++;
      // 0.2.2 feeds control frames to its gzip reader, which dies (PROTOCOL.md §2).
      if (is022 && !conn.readerDead && !conn.halfOpen) killReader(conn, `control frame (${kind})`);
    };
    ws.on('ping', onControl('ping'));
    ws.on('pong', onControl('pong'));
    ws.on('error', (err) => log(`connection #${conn.seq}: socket error ${err.message}`));
    ws.on('close', () => {
      conns.delete(conn);
      for (const t of conn.timers) cancel(t);
      conn.timers.clear();
      conn.pushTimer = null;
      const state = bots.get(conn.botId);
      if (state?.conn === conn) state.conn = null;
    });
    if (is022) onConnection022(conn);
    else onConnectionDocumented(conn);
  }

  function rejectUpgrade(socket: Duplex, status: number, codeError: string, message: string): void {
    stats.upgradesRejected++;
    const body = errorBody(status, codeError, message);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    log(`upgrade rejected: ${status} ${message}`);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (stopped) {
      socket.destroy();
      return;
    }
    lastHeaders = allHeaders(req);
    if (is022) {
      const path = pathOf(req.url);
      if (path !== GATEWAY_PATH)
        return rejectUpgrade(socket, 404, 'NOT_FOUND', `no route for ${path}`);
      // A missing header fails the upgrade itself with a JSON body (PROTOCOL.md §2).
      for (const name of REQUIRED_HEADERS) {
        if (headerValue(req, name) === undefined) {
          return rejectUpgrade(socket, 400, 'MISSING_HEADER', `Missing request header "${name}"`);
        }
      }
      for (const name of [IDENTIFICATION_HEADERS.shardIn, IDENTIFICATION_HEADERS.shardTotal]) {
        if (parseCount(headerValue(req, name)) === undefined) {
          return rejectUpgrade(socket, 400, 'INVALID_HEADER', `Invalid request header "${name}"`);
        }
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, socket));
  }

  function onPlainRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = pathOf(req.url);
    const [status, codeError, message] =
      is022 && path !== GATEWAY_PATH
        ? [404, 'NOT_FOUND', `no route for ${path}`]
        : [426, 'UPGRADE_REQUIRED', 'this endpoint only accepts WebSocket upgrades'];
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(errorBody(status, codeError, message));
  }

  // ---- scenarios ----

  function applyDevShards(on: boolean): void {
    // Every third shard (0, 3, 6, …) runs in development mode.
    for (const shard of shards.list()) shard.development = on && shard.shard_id % 3 === 0;
  }

  function dropConn(conn: Conn): void {
    stats.dropped++;
    log(`connection #${conn.seq}: dropped by scenario`);
    // Half the drops are clean closes, half look like a dead network path.
    if (random.chance(0.5)) conn.ws.close(1011, 'dropped by simulator');
    else conn.ws.terminate();
  }

  function scenarioTick(): void {
    for (const shard of shards.list()) growCounters(shard, random);
    if (scenario === 'flapping') {
      const list = shards.list();
      const shard = list[random.int(list.length)];
      if (shard) shard.disconnected = !shard.disconnected;
    } else if (scenario === 'drop') {
      for (const conn of [...conns]) {
        if (conn.ws.readyState === WebSocket.OPEN && random.chance(dropProbability)) dropConn(conn);
      }
    }
    schedule(scenarioTick, scenarioTickMs);
  }

  function setScenario(name: SimScenario): void {
    if (scenario === 'flapping' && name !== 'flapping') {
      for (const shard of shards.list()) shard.disconnected = false;
    }
    if (scenario === 'dev-shards' && name !== 'dev-shards') applyDevShards(false);
    scenario = name;
    scenarioStartedAt = clock.now();
    if (name === 'dev-shards') applyDevShards(true);
    log(`scenario: ${name}`);
  }

  // ---- server ----

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // 0.2.2 never answers control frames: its reader dies on them (§2 "Framing").
    autoPong: !is022,
  });
  const server = createServer(onPlainRequest);
  server.on('upgrade', onUpgrade);
  server.on('connection', (socket: Socket) => {
    rawSockets.add(socket);
    socket.on('close', () => rawSockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log(`server error: ${err.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `ws://${urlHost(host)}:${port}${GATEWAY_PATH}`;

  setScenario(options.scenario ?? 'steady');
  schedule(scenarioTick, scenarioTickMs);

  function recipients(): Conn[] {
    return [...conns].filter(
      (c) => c.accepted && isLive(c) && (is022 ? bot(c.botId).registered : c.registered),
    );
  }

  async function stop(): Promise<void> {
    if (stopping) return stopping;
    stopped = true;
    stopping = (async () => {
      for (const t of [...timers]) cancel(t);
      const closed = [...conns].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === WebSocket.CLOSED) resolve();
            else c.ws.once('close', () => resolve());
          }),
      );
      for (const c of conns) c.ws.terminate();
      for (const s of rawSockets) s.destroy();
      wss.close();
      // terminate() always ends in 'close'; the guard only protects callers
      // from a `ws` bug turning stop() into a hang.
      let guard: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(closed),
        new Promise<void>((resolve) => {
          guard = setTimeout(resolve, 2000);
        }),
      ]);
      clearTimeout(guard);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log('stopped');
    })();
    return stopping;
  }

  return {
    url,
    port,
    host,
    dialect,
    credentials: Object.freeze({ ...credentials }),
    stop,
    setShard(id, patch) {
      if (!isNonNegInt(id)) throw new RangeError(`shard id must be a non-negative integer: ${id}`);
      return { ...shards.patch(id, patch) };
    },
    setShardCount(n) {
      checkNumber('shard count', n, 0, 100_000);
      shards.resize(Math.floor(n));
      if (scenario === 'dev-shards') applyDevShards(true);
    },
    shards: () => shards.snapshot(),
    setScenario,
    scenario: () => scenario,
    injectFault(kind, faultOptions = {}) {
      const live = [...conns].filter((c) => c.ws.readyState === WebSocket.OPEN);
      log(`fault: ${kind}`);
      switch (kind) {
        case 'close':
          for (const c of live) c.ws.close(1001, 'simulator fault: close');
          return live.length;
        case 'terminate':
          for (const c of live) c.ws.terminate();
          return live.length;
        case 'stall':
          faultStall = true;
          return live.length;
        case 'resume':
          faultStall = false;
          if (scenario === 'stall') setScenario('steady');
          for (const c of live) c.lateAnswerMs = null;
          return live.length;
        case 'half-open':
          for (const c of live) {
            c.halfOpen = true;
            // Stop reading at the TCP level: no frames, no pongs, no close
            // handshake — what a dead NAT path looks like to the client.
            c.socket.pause();
            for (const t of [...c.timers]) cancel(t, c);
            c.pushTimer = null;
          }
          return live.length;
        case 'garbage-once':
          for (const c of live) sendGarbage(c);
          return live.length;
        case 'late-answer':
          for (const c of live) c.lateAnswerMs = faultOptions.delayMs ?? 5000;
          return live.length;
        case 'duplicate-answer':
          for (const c of live) c.duplicateNext = true;
          return live.length;
        case 'unsolicited-answer':
          return live.filter((c) => send(c, pingAnswer())).length;
        case 'kill-reader':
          for (const c of live) killReader(c, 'injected fault');
          return live.length;
      }
    },
    sendInteraction(data = {}) {
      const targets = recipients();
      const payload: SimInteraction = {
        shard_id: 0,
        shard_total: 1,
        flag: 0,
        metadata_http: {
          id: random.alnum(18),
          type: 2,
          token: random.alnum(32),
          data: { name: 'ping' },
        },
        ...data,
      };
      let sent = 0;
      for (const c of targets) {
        if (
          send(c, {
            type: 8,
            service: 'http_gateway',
            event: GATEWAY_EVENTS.INTERACTION,
            data: payload,
          })
        ) {
          sent++;
        }
      }
      stats.interactionsSent += sent;
      return sent;
    },
    pushShardInfo() {
      // 0.2.2 never sends anything unprompted but interactions (PROTOCOL.md §2).
      if (is022) return 0;
      return recipients().filter((c) => sendShardInfo(c)).length;
    },
    stats: () => ({
      ...stats,
      framesByOpcode: { ...stats.framesByOpcode },
      readerKillReasons: [...stats.readerKillReasons],
      dialect,
      scenario,
      connectionsOpen: conns.size,
      lastUpgradeHeaders: lastHeaders ? redactHeaders(lastHeaders) : null,
    }),
    rawLastUpgradeHeaders: () => (lastHeaders ? { ...lastHeaders } : null),
  };
}
