/**
 * The measuring part of `shardwatch probe`: one connection (no reconnects),
 * `count` pings, then the TCP socket is destroyed. It never registers unless
 * the config says so, and never on http-interaction 0.2.2 (docs/protocol.md
 * §2). The ping-overhead benchmark runs this same code, so its figures are
 * the probe's own.
 */
import type { Dialect, HelloInfo, MonitorMode, ShardStats } from '../../shared/protocol';
import { chooseDialectInProfile, looksLike } from '../../shared/connection-text';
import { formatNumber } from '../../shared/format';
import { english, type Translator } from '../../shared/i18n/translator';
import { dialectSpec } from '../../shared/dialects';
import { createGatewayConnection } from '../core/gateway/connection';
import type {
  GatewayConnection,
  PingEvent,
  PublicReadyInfo,
  ShardsEvent,
  ShardsSource,
  StateEvent,
  StateKind,
} from '../core/gateway/connection';

/** Exit codes of `shardwatch probe` (the README lists the same). */
export const PROBE_EXIT = {
  /** Every ping answered, no protocol error. */
  ok: 0,
  /** Bad command line, missing environment variable or invalid gateway options. */
  usage: 2,
  /** Nothing answered at that address (before any WebSocket upgrade). */
  unreachable: 3,
  /** The gateway refused the credentials. */
  authRefused: 4,
  /**
   * An HTTP error, a gateway of the other dialect, a drop before any
   * answer, a closed connection, no READY, or protocol errors in the run.
   */
  protocol: 5,
  /** The gateway accepted the credentials but answered no ping: the bot has not registered with it. */
  waiting: 6,
  /** Some pings got no answer after the gateway had answered one. */
  pingsLost: 7,
} as const;
/** One of {@link PROBE_EXIT}. */
export type ProbeExitCode = (typeof PROBE_EXIT)[keyof typeof PROBE_EXIT];

/** What each exit code means, as `--help` and the README say it. */
export function probeExitMeanings(t: Translator = english()): Record<ProbeExitCode, string> {
  const codes = Object.values(PROBE_EXIT);
  return Object.fromEntries(codes.map((c) => [c, t.say(`cliOut.exit.${c}`)])) as Record<
    ProbeExitCode,
    string
  >;
}

/**
 * The probe lowers the connection's 1000 ms ping-interval floor (profiles
 * keep it): a one-off probe or a benchmark may ping faster than a monitor.
 */
const PROBE_INTERVAL_FLOOR_MS = 1;
/** Slack on top of the computed overall deadline. */
const DEADLINE_MARGIN_MS = 2000;
/** Longest delay a Node timer can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Server messages kept in the report. */
const MAX_SERVER_MESSAGES = 20;

/** What to probe. `secret` and `publicKey` are secrets: never printed. */
export interface ProbeConfig {
  url: string;
  dialect: Dialect;
  /** Register (documented dialect only, `--register`) instead of pinging only. */
  register: boolean;
  botId: string;
  secret: string;
  publicKey: string;
  shardIn: number;
  shardTotal: number;
  flags: number;
  /** Pings to send. */
  count: number;
  intervalMs: number;
  /** Deadline of each step (connect, HELLO, register) and of each ping answer. */
  timeoutMs: number;
}

/** Progress callbacks; all optional. Called after the probe recorded the fact. */
export interface ProbeHooks {
  onHello?: (hello: HelloInfo) => void;
  onReady?: (ready: ProbeReady) => void;
  /** One per ping outcome; `n` counts from 1. */
  onPing?: (ping: ProbePing, event: PingEvent) => void;
}

/** READY summary: the session id only in its short form. */
export interface ProbeReady {
  event: string;
  botId: string | null;
  botFlags: number | null;
  sessionIdShort: string | null;
  shardsConfig: Array<[number, number]>;
}

/** One ping outcome. */
export interface ProbePing {
  n: number;
  /** Round trip in ms (monotonic clock); null when lost. */
  rttMs: number | null;
  lost: boolean;
}

/** Why the probe did not exit 0. */
export interface ProbeError {
  kind: StateKind | 'deadline' | 'pings-lost' | 'waiting' | 'protocol-errors';
  message: string;
  httpStatus: number | null;
}

/** What the probe saw, before statistics. Scrubbed of secrets by the connection. */
export interface ProbeOutcome {
  exitCode: ProbeExitCode;
  url: string;
  dialect: Dialect;
  mode: MonitorMode;
  hello: HelloInfo | null;
  ready: ProbeReady | null;
  shardsSource: ShardsSource | null;
  /** The last shard list received, as received; null when none was. */
  shardList: ShardStats[] | null;
  pings: ProbePing[];
  pingsSent: number;
  protocolErrors: number;
  unknownEvents: number;
  serverMessages: number;
  interactions: number;
  lateAnswers: number;
  /** The first messages the gateway flagged with `possible_error`. */
  messages: string[];
  error: ProbeError | null;
}

/** A started probe. */
export interface ProbeRun {
  /** The URL as safe to show (no user info, no query). */
  url: string;
  /** Resolves once the probe finished, failed or hit its overall deadline; never rejects. */
  done: Promise<ProbeOutcome>;
}

/**
 * Overall deadline, so a cron job never hangs: three phase timeouts
 * (connect, HELLO, register), then each ping at worst waits its timeout plus
 * the interval (the scheduler's late window after a loss is never longer).
 */
export function probeDeadlineMs(c: Pick<ProbeConfig, 'count' | 'intervalMs' | 'timeoutMs'>) {
  const ms = 3 * c.timeoutMs + c.count * (c.intervalMs + c.timeoutMs) + DEADLINE_MARGIN_MS;
  return Math.min(ms, MAX_TIMER_MS);
}

/** Advice naming the dialect flag, for the probe's version of a wrong-dialect message. */
export function probeDialectAdvice(d: Dialect, t: Translator = english()): string {
  return looksLike(d, t.say('cliOut.runWithDialect', { dialect: d }), t.say);
}

/** Map a terminal connection state to the probe's error and exit code. */
function classify(e: StateEvent, upgraded: boolean, serverSaid: string | null, t: Translator) {
  const kind: StateKind = e.kind ?? 'server-closed';
  const error: ProbeError = { kind, message: e.detail, httpStatus: e.httpStatus };
  if (e.state === 'auth-refused' || kind === 'auth-refused') {
    // The same first sentence as the app; then what to fix here.
    error.message = [
      t.say('connection.credentialsRefused'),
      t.say('cliOut.credentialsCheck'),
      ...(serverSaid === null ? [] : [t.say('cliOut.serverSaid', { message: serverSaid })]),
    ].join(' ');
    return { code: PROBE_EXIT.authRefused, error };
  }
  if (e.suggestedDialect !== null) {
    const d = e.suggestedDialect;
    error.message = e.detail.replace(chooseDialectInProfile(d, t.say), probeDialectAdvice(d, t));
  }
  if (kind === 'http-error') {
    const refused = e.httpStatus === 401 || e.httpStatus === 403;
    return { code: refused ? PROBE_EXIT.authRefused : PROBE_EXIT.protocol, error };
  }
  // A connect-phase timeout is a host that never answered the upgrade: as
  // unreachable to a cron job as a refused TCP connection.
  if (!upgraded && (kind === 'unreachable' || kind === 'network' || kind === 'timeout'))
    return { code: PROBE_EXIT.unreachable, error };
  if (kind === 'dead') return { code: PROBE_EXIT.pingsLost, error };
  return { code: PROBE_EXIT.protocol, error };
}

/**
 * Start a probe. Throws `GatewayOptionsError` at once for invalid options
 * (a register request on 0.2.2 among them); otherwise `done` always
 * resolves with an outcome.
 */
export function startProbe(
  config: ProbeConfig,
  hooks: ProbeHooks = {},
  t: Translator = english(),
): ProbeRun {
  const mode: MonitorMode = config.register ? 'register' : 'ping-only';
  const conn: GatewayConnection = createGatewayConnection({
    url: config.url,
    dialect: config.dialect,
    mode,
    identity: {
      botId: config.botId,
      secret: config.secret,
      publicKey: config.publicKey,
      shardIn: config.shardIn,
      shardTotal: config.shardTotal,
    },
    flags: config.flags,
    pingIntervalMs: config.intervalMs,
    pingIntervalFloorMs: PROBE_INTERVAL_FLOOR_MS,
    pingTimeoutMs: config.timeoutMs,
    phaseTimeoutMs: config.timeoutMs,
    // Every requested ping gets its outcome; a fully silent gateway is still
    // ended by the overall deadline.
    lostPingsToDead: Math.min(100, Math.max(1, config.count)),
    autoReconnect: false,
    say: t.say,
  });
  const url = conn.snapshot().url;

  const done = new Promise<ProbeOutcome>((resolve) => {
    let hello: HelloInfo | null = null;
    let ready: ProbeReady | null = null;
    let shards: ShardsEvent | null = null;
    const pings: ProbePing[] = [];
    const messages: string[] = [];
    let serverMessages = 0;
    let lastMessage: string | null = null;
    let upgraded = false;
    let finished = false;

    const deadlineMs = probeDeadlineMs(config);
    const deadline = setTimeout(() => {
      finish(PROBE_EXIT.protocol, {
        kind: 'deadline',
        message: t.say('cliOut.deadline', { ms: formatNumber(deadlineMs, t.locale()) }),
        httpStatus: null,
      });
    }, deadlineMs);

    function finish(code: ProbeExitCode, error: ProbeError | null): void {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      const snap = conn.snapshot();
      // Safe inside a connection listener: the ping scheduler and the state
      // machine both stop cleanly when the connection is stopped mid-emit.
      conn.disconnect();
      conn.dispose();
      let exitCode = code;
      let why = error;
      // A run with protocol errors never passes as OK.
      if (exitCode === PROBE_EXIT.ok && snap.protocolErrors > 0) {
        exitCode = PROBE_EXIT.protocol;
        why = {
          kind: 'protocol-errors',
          message: t.say('cliOut.refusedFrames', {
            count: snap.protocolErrors,
            reason: snap.lastProtocolError?.reason ?? t.say('cliOut.unknownReason'),
          }),
          httpStatus: null,
        };
      }
      resolve({
        exitCode,
        url,
        dialect: config.dialect,
        mode,
        hello,
        ready,
        shardsSource: shards?.source ?? null,
        shardList: shards?.shards ?? null,
        pings,
        pingsSent: snap.pingsSent,
        protocolErrors: snap.protocolErrors,
        unknownEvents: snap.unknownEvents,
        serverMessages,
        interactions: snap.interactions,
        lateAnswers: snap.lateAnswers,
        messages,
        error: why,
      });
    }

    conn.on('state', (e) => {
      if (finished) return;
      if (e.state === 'handshaking' || e.state === 'registering') upgraded = true;
      if (e.state === 'waiting') {
        finish(PROBE_EXIT.waiting, {
          kind: 'waiting',
          message: t.say('connection.waitingForBot'),
          httpStatus: null,
        });
      } else if (e.state === 'failed' || e.state === 'auth-refused' || e.state === 'closed') {
        const { code, error } = classify(e, upgraded, lastMessage, t);
        finish(code, error);
      }
    });
    conn.on('hello', (h) => {
      hello = h;
      hooks.onHello?.(h);
    });
    conn.on('ready', (r: PublicReadyInfo) => {
      ready = {
        event: r.event,
        botId: r.botId,
        botFlags: r.botFlags,
        sessionIdShort: r.sessionIdShort,
        shardsConfig: r.shardsConfig,
      };
      hooks.onReady?.(ready);
    });
    conn.on('shards', (s) => {
      shards = s;
    });
    conn.on('server-message', (m) => {
      serverMessages++;
      lastMessage = m.message;
      if (messages.length < MAX_SERVER_MESSAGES) messages.push(m.message);
    });
    conn.on('ping', (p) => {
      if (finished) return;
      const ping: ProbePing = { n: pings.length + 1, rttMs: p.rttMs, lost: p.lost };
      pings.push(ping);
      hooks.onPing?.(ping, p);
      if (pings.length < config.count) return;
      const lost = pings.filter((x) => x.lost).length;
      if (lost === 0) finish(PROBE_EXIT.ok, null);
      else
        finish(PROBE_EXIT.pingsLost, {
          kind: 'pings-lost',
          message: t.say('cliOut.pingsUnanswered', {
            lost,
            total: pings.length,
            timeout: formatNumber(config.timeoutMs, t.locale()),
          }),
          httpStatus: null,
        });
    });
    conn.connect();
  });
  return { url, done };
}

/** Whether a dialect lets the probe register at all. */
export function mayRegister(dialect: Dialect): boolean {
  return dialectSpec(dialect).monitorMayRegister;
}
