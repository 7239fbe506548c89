/**
 * The simulator's public shapes: options, statistics and the handle.
 */
import { DEFAULT_SIM_CREDENTIALS as SHARED_SIM_CREDENTIALS } from '../../shared/sim-credentials';
import type { Dialect } from '../../shared/protocol';
import type { Clock } from '../../shared/clock';
import type { AnalyticsScenarioOptions } from './analytics-scenarios';
import type { SimFault, SimScenario } from './scenarios';
import type { SimShard } from './shards';
import type { WireEncoding } from './wire';

/** The identity the simulated gateway accepts (docs/protocol.md §2 "Connecting"). */
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
 * Demo profile and tests use them to reach an in-process simulator. The key
 * has the shape of a real one (64 hex characters), as 0.2.2 requires.
 */
export const DEFAULT_SIM_CREDENTIALS: Readonly<SimCredentials> = SHARED_SIM_CREDENTIALS;

/** Output framing of the documented dialect (codec tests use the binary forms). */
export type DocumentedOutput = WireEncoding;

/** Options of `createSimulator`. Every field is optional. */
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
   * with type 3, docs/protocol.md §2 "Opcodes").
   */
  shardCount?: number;
  /** Accepted identity; missing fields fall back to {@link DEFAULT_SIM_CREDENTIALS}. */
  credentials?: Partial<SimCredentials>;
  /**
   * `documented` only: refuse connections whose identification headers are
   * missing or wrong. Defaults to true when `credentials` is given.
   * (0.2.2 always checks, docs/protocol.md §2.)
   */
  requireIdentification?: boolean;
  /**
   * Whether the bot has already registered since the server started, from a
   * connection outside the simulator (its own process): pings are answered
   * and interactions go to that bot (counted in `stats().botInteractions`)
   * until a client registers. Default true, a gateway in production; false
   * is a freshly started server, on which a ping-only monitor waits.
   */
  botRegistered?: boolean;
  /**
   * 0.2.2 only: behave like a server started without its configuration
   * (no `KEY_SECRET`): every upgrade is accepted, then the socket is dropped
   * without a close frame (1006), as the real server's panicking task does.
   */
  misconfigured?: boolean;
  /** Base delay before a ping is answered (ms). Default 0. */
  latencyMs?: number;
  /** Extra uniformly random delay `[0, jitterMs)` before a ping answer. Default 0. */
  jitterMs?: number;
  /** Initial scenario; default `steady`. */
  scenario?: SimScenario;
  /** Settings of the analytics scenarios (`bucket-outage`, `rolling-restart`…). */
  scenarioOptions?: AnalyticsScenarioOptions;
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
  /** `hostile` scenario: unsolicited ping answers per socket per tick. Default 2000. */
  floodPerTick?: number;
  /** Receives one human-readable line per notable event. Never given secrets. */
  log?: (line: string) => void;
}

/** Options of {@link SimulatorHandle.injectFault}. */
export interface FaultOptions {
  /** `late-answer`: delay of the next ping answer. Default 5000 ms. */
  delayMs?: number;
}

/** The `data` of a forwarded interaction (docs/protocol.md §1 "Other events"). */
export interface SimInteraction {
  shard_id: number;
  shard_total: number;
  flag: number;
  metadata_http: Record<string, unknown> | Array<Record<string, unknown>>;
}

/** Counters for tests and the CLI. */
export interface SimStats {
  dialect: Dialect;
  scenario: SimScenario;
  /** Client sockets currently open (including refused ones not yet closed). */
  connectionsOpen: number;
  /** WebSocket upgrades accepted since start. */
  connectionsTotal: number;
  /** Upgrades answered with an HTTP error (404, 500). */
  upgradesRejected: number;
  /** Connections closed for wrong identification. */
  authRefused: number;
  /** 0.2.2: connections refused for their shard headers (Shard-In > Shard-Total, or a shard before the bot registered). */
  shardRefused: number;
  /** 0.2.2: sockets dropped without a close frame (1006) by the server, whatever the reason. */
  dropped: number;
  framesReceived: number;
  /** Frames received after the reader died or while half-open. */
  framesIgnored: number;
  /** Frames with a readable integer `type`, by opcode. */
  framesByOpcode: Record<number, number>;
  framesSent: number;
  pingsReceived: number;
  pingsAnswered: number;
  /** Pings deliberately left without an answer (stall, bot not registered). */
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
  /** Interactions handed to a client connection (the last one that registered). */
  interactionsSent: number;
  /** Interactions that went to the bot outside the simulator (`botRegistered`). */
  botInteractions: number;
  /** Interactions routed to a registered connection that is gone: lost, as on the real server. */
  interactionsLost: number;
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
  /**
   * A Discord interaction arrives for the bot: it goes to the connection
   * that registered last for the bot id (docs/protocol.md §2), or to the bot
   * outside the simulator when `botRegistered` and no client registered.
   * Returns 1 when a live connection or the outside bot got it, else 0.
   */
  sendInteraction(data?: Partial<SimInteraction>): number;
  /** As if the bot registered from outside the simulator just now (see `botRegistered`). */
  registerBot(): void;
  /** `documented`: push a `GATEWAY_SHARD_INFO` snapshot to registered clients now. */
  pushShardInfo(): number;
  stats(): SimStats;
  /** Unredacted headers of the last upgrade request. For tests only; never print. */
  rawLastUpgradeHeaders(): Record<string, string> | null;
}

export type { SimFault, SimScenario };
