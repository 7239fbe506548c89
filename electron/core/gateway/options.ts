/**
 * Options of a gateway connection and their validation. Validation happens
 * once, when the connection is created, so a bad profile fails with a clear
 * sentence instead of a confusing socket error later.
 */
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import { dialectSpec, migratedMonitorMode } from '../../../shared/dialects';
import type { Dialect, MonitorMode } from '../../../shared/protocol';
import { isDialect, isMonitorMode } from '../../../shared/protocol';
import {
  sayEnglish,
  type EngineKey,
  type MessageParams,
  type Say,
} from '../../../shared/i18n/translator';
import { checkPublicKey } from '../../../shared/profile-validation';
import type { BackoffOptions } from './backoff';
import { DEFAULT_BACKOFF } from './backoff';
import type { ConnectionBudget } from './budget';
import { DEFAULT_BUDGET } from './budget';
import { DEFAULT_FRAME_LIMIT_BYTES, FRAME_LIMIT_RANGE } from '../../../shared/frame-limit';
import type { TimingProbe } from './timing-probe';
import { probeFor } from './timing-probe';

/** Who the connection speaks for. `publicKey` and `secret` are secrets (docs/protocol.md §3). */
export interface GatewayIdentity {
  /** The bot's application id (`Identification` header). */
  botId: string;
  /** The application's public key (`Public-Key` header and the register frame). */
  publicKey: string;
  /** The server's shared secret (`Secret` header). */
  secret: string;
  /** `Shard-In`: must be 0, see {@link resolveGatewayOptions}. */
  shardIn: number;
  /** `Shard-Total`. */
  shardTotal: number;
}

/** Options of {@link createGatewayConnection}. */
export interface GatewayConnectionOptions {
  /** `ws://` or `wss://` URL of the gateway endpoint. */
  url: string;
  dialect: Dialect;
  /**
   * `register` (documented dialect only: shard stats, and the gateway may
   * route the bot's interactions here) or `ping-only` (latency and liveness,
   * touches nothing). docs/protocol.md §1. Default: what a profile stored
   * before modes existed does (`migratedMonitorMode`): register in the
   * documented dialect, ping only in 0.2.2. Product paths always say it.
   */
  mode?: MonitorMode;
  identity: GatewayIdentity;
  /** Words the connection's sentences (its state details) in the user's language; English by default. */
  say?: Say;
  /** Register flags (docs/protocol.md §1 "Flags"): a non-negative integer. */
  flags: number;
  /** Time between pings, `pingIntervalFloorMs`–300000 ms (default 5000). */
  pingIntervalMs?: number;
  /**
   * Lowest allowed `pingIntervalMs`, 1–1000 ms (default 1000). Profiles keep
   * the 1000 ms floor so a monitored gateway is never pinged more than once a
   * second; only tools (`shardwatch probe`, the ping benchmark) lower it.
   */
  pingIntervalFloorMs?: number;
  /** A ping with no answer after this long is lost (default 5000). */
  pingTimeoutMs?: number;
  /** Consecutive lost pings that mean a dead connection (default 3). */
  lostPingsToDead?: number;
  /** Deadline of each of connecting / HELLO / registering (default 10000). */
  phaseTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  clock?: Clock;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Retry after failures (default true). */
  autoReconnect?: boolean;
  /**
   * Largest frame accepted, on the wire and once decompressed (the profile's
   * "Largest frame"; default {@link MAX_FRAME_BYTES}).
   */
  maxFrameBytes?: number;
  /** Per-connection budgets (`budget.ts`); unset fields keep their defaults. */
  budget?: Partial<ConnectionBudget>;
  /** Watches the thread timing pings (`timing-probe.ts`); default this thread's probe on the system clock. */
  probe?: TimingProbe;
}

/** Options with every default filled in. */
export interface ResolvedGatewayOptions {
  url: URL;
  dialect: Dialect;
  mode: MonitorMode;
  identity: GatewayIdentity;
  flags: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  lostPingsToDead: number;
  phaseTimeoutMs: number;
  backoff: BackoffOptions;
  clock: Clock;
  random: () => number;
  autoReconnect: boolean;
  maxFrameBytes: number;
  budget: ConnectionBudget;
  probe: TimingProbe;
}

/**
 * Thrown when options are invalid. The message lists every problem and never
 * contains the value of a secret.
 */
export class GatewayOptionsError extends Error {
  /** The problems in English (the log's language). */
  readonly problems: string[];
  constructor(private readonly worded: OptionProblem[]) {
    const problems = worded.map((w) => w(sayEnglish));
    super(sayEnglish('options.invalid', { problems: problems.join(' ') }));
    this.problems = problems;
    this.name = 'GatewayOptionsError';
  }

  /** The message in the user's language. */
  wordedWith(say: Say): string {
    return say('options.invalid', { problems: this.worded.map((w) => w(say)).join(' ') });
  }
}

/** One problem with the options, worded in the language asked for. */
type OptionProblem = (say: Say) => string;

// HTTP header values cannot carry control characters; Node would throw deep
// inside `ws` with a less helpful message.
const HEADER_SAFE = /^[\x20-\x7e\x80-\uffff]+$/;

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Validate options and fill in defaults.
 *
 * Decision on `shardIn`: only the shard master (`shard_in` 0) may register
 * (docs/protocol.md §1 "Commands"), and a 0.2.2 connection with `Shard-In`
 * > 0 is dropped unless the bot registered since the server started (§2), so
 * `shardIn` must be 0 for dialects whose `registerNeedsMaster` is set (both
 * today). `shardIn` ≤ `shardTotal` is also checked (the server closes the
 * connection otherwise). `register` is refused for a dialect a monitor must
 * never register with (0.2.2), and a public key with a blank inside (or, on
 * 0.2.2, not 64 hex characters) is refused before anything is sent.
 *
 * @throws {GatewayOptionsError}
 */
export function resolveGatewayOptions(options: GatewayConnectionOptions): ResolvedGatewayOptions {
  const problems: OptionProblem[] = [];
  const problem = (key: EngineKey, params?: MessageParams): void => {
    problems.push((say) => say(key, params));
  };
  let url: URL | null = null;
  try {
    url = new URL(options.url);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      problem('options.urlScheme');
    }
  } catch {
    problem('options.urlInvalid');
  }
  const dialectOk = isDialect(options.dialect);
  if (!dialectOk) problem('options.dialect');
  const mode = options.mode ?? (dialectOk ? migratedMonitorMode(options.dialect) : 'ping-only');
  if (!isMonitorMode(mode)) problem('options.mode');
  else if (dialectOk && mode === 'register' && !dialectSpec(options.dialect).monitorMayRegister)
    problem('options.neverRegisters', { dialect: options.dialect });

  const id = options.identity;
  const textFields: Array<['botId' | 'publicKey' | 'secret', unknown]> = [
    ['botId', id?.botId],
    ['publicKey', id?.publicKey],
    ['secret', id?.secret],
  ];
  for (const [field, value] of textFields) {
    const which = (key: EngineKey): void =>
      void problems.push((say) => say(key, { name: say(`options.field.${field}`) }));
    if (typeof value !== 'string' || value.length === 0) which('options.empty');
    else if (!HEADER_SAFE.test(value)) which('options.notHeaderSafe');
  }
  if (typeof id?.publicKey === 'string' && dialectOk) {
    const key = id.publicKey;
    const dialect = options.dialect;
    if (checkPublicKey(key, dialect))
      problems.push((say) => checkPublicKey(key, dialect, say) ?? '');
  }
  if (!isIntIn(id?.shardTotal, 1, 1_000_000)) problem('options.shardTotal');
  if (!isIntIn(id?.shardIn, 0, 1_000_000)) problem('options.shardIn');
  else if (isIntIn(id?.shardTotal, 1, 1_000_000) && id.shardIn > id.shardTotal)
    problem('options.shardInOverTotal');
  else if (id.shardIn !== 0) problem('options.shardInZero');
  if (!isIntIn(options.flags, 0, 0x7fffffff)) problem('options.flags');

  const pingIntervalMs = options.pingIntervalMs ?? 5000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  const lostPingsToDead = options.lostPingsToDead ?? 3;
  const phaseTimeoutMs = options.phaseTimeoutMs ?? 10_000;
  const pingIntervalFloorMs = options.pingIntervalFloorMs ?? 1000;
  if (!isIntIn(pingIntervalFloorMs, 1, 1000)) problem('options.pingIntervalFloor');
  else if (!isIntIn(pingIntervalMs, pingIntervalFloorMs, 300_000))
    problem('options.pingInterval', { min: pingIntervalFloorMs, max: 300_000 });
  if (!isIntIn(pingTimeoutMs, 100, 300_000))
    problem('options.pingTimeout', { min: 100, max: 300_000 });
  if (!isIntIn(lostPingsToDead, 1, 100)) problem('options.lostPings', { min: 1, max: 100 });
  if (!isIntIn(phaseTimeoutMs, 100, 600_000))
    problem('options.phaseTimeout', { min: 100, max: 600_000 });

  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_FRAME_LIMIT_BYTES;
  if (!isIntIn(maxFrameBytes, FRAME_LIMIT_RANGE.min, FRAME_LIMIT_RANGE.max))
    problem('options.largestFrame', { min: FRAME_LIMIT_RANGE.min, max: FRAME_LIMIT_RANGE.max });
  // Room for four answers per ping a second, so a fast-pinging tool is never throttled by its own answers.
  const answersFloor = Math.ceil(4000 / Math.max(1, pingIntervalMs));
  const budget: ConnectionBudget = {
    ...DEFAULT_BUDGET,
    pingAnswersPerSecond: Math.max(DEFAULT_BUDGET.pingAnswersPerSecond, answersFloor),
    ...options.budget,
  };
  for (const [name, value] of Object.entries(budget))
    if (!isIntIn(value, 1, Number.MAX_SAFE_INTEGER)) problem('options.budget', { name });

  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  if (!isIntIn(backoff.initialMs, 1, 3_600_000))
    problem('options.backoffInitial', { min: 1, max: 3_600_000 });
  if (!isIntIn(backoff.maxMs, backoff.initialMs, 3_600_000))
    problem('options.backoffMax', { max: 3_600_000 });
  if (!isIntIn(backoff.resetAfterReadyMs, 0, 3_600_000))
    problem('options.backoffReset', { min: 0, max: 3_600_000 });

  if (problems.length > 0 || url === null) throw new GatewayOptionsError(problems);
  return {
    url,
    dialect: options.dialect,
    mode,
    identity: { ...id },
    flags: options.flags,
    pingIntervalMs,
    pingTimeoutMs,
    lostPingsToDead,
    phaseTimeoutMs,
    backoff,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    autoReconnect: options.autoReconnect ?? true,
    maxFrameBytes,
    budget,
    probe: options.probe ?? probeFor(options.clock ?? systemClock),
  };
}

/** The URL as safe to show: no user info, no query (either could hold a token). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
