/**
 * `shardwatch probe <url>`: connect once to a shard gateway, register, send a
 * few pings and report what the gateway said, with an exit code a cron job
 * or a CI step can act on.
 *
 * The measuring path ({@link startProbe}) is also what the ping-overhead
 * benchmark runs, so the figures it prints are the probe's own.
 */
import { dialectSpec } from '../../shared/dialects';
import { DIALECTS, isDialect } from '../../shared/protocol';
import type { Dialect, HelloInfo, ShardStats } from '../../shared/protocol';
import { formatRtt } from '../../shared/format';
import { percentile } from '../../shared/percentile';
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
import { GatewayOptionsError } from '../core/gateway/options';
import { intFlag, parseFlags, stringFlag, UsageError } from './args';
import type { FlagSpec } from './args';

/** Exit codes of `shardwatch probe`. */
export const PROBE_EXIT = {
  /** Registered and every ping answered. */
  ok: 0,
  /** Bad command line, missing environment variable or invalid gateway options. */
  usage: 2,
  /** Nothing answered at that address (before any WebSocket upgrade). */
  unreachable: 3,
  /** The gateway refused the credentials. */
  authRefused: 4,
  /** No READY in time, an HTTP error, bad frames or a closed connection. */
  protocol: 5,
  /** Registered, but some pings got no answer. */
  pingsLost: 6,
} as const;
/** One of {@link PROBE_EXIT}. */
export type ProbeExitCode = (typeof PROBE_EXIT)[keyof typeof PROBE_EXIT];

/** Lowest `--interval` the command line accepts. */
export const PROBE_MIN_INTERVAL_MS = 10;
/**
 * The probe lowers the connection's 1000 ms ping-interval floor (profiles
 * keep it): a one-off probe or a benchmark may ping faster than a monitor.
 * The command line still enforces {@link PROBE_MIN_INTERVAL_MS}.
 */
const PROBE_INTERVAL_FLOOR_MS = 1;
/** Slack on top of the computed overall deadline. */
const DEADLINE_MARGIN_MS = 2000;
/** Longest delay a Node timer can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Shard rows printed in text mode; `--json` always has them all. */
const MAX_SHARD_ROWS = 100;
/** Server messages kept in the report. */
const MAX_SERVER_MESSAGES = 20;

/** What to probe. `secret` and `publicKey` are secrets: never printed. */
export interface ProbeConfig {
  url: string;
  dialect: Dialect;
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

/** RTT and loss figures (nearest-rank percentiles over answered pings). */
export interface ProbeStats {
  requested: number;
  sent: number;
  answered: number;
  lost: number;
  /** Lost as a percentage of pings with an outcome; null when none had one. */
  lossPercent: number | null;
  minMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Why the probe did not exit 0. */
export interface ProbeError {
  kind: StateKind | 'deadline' | 'pings-lost';
  message: string;
  httpStatus: number | null;
}

/** Everything the probe learned. Scrubbed of secrets by the connection. */
export interface ProbeReport {
  exitCode: ProbeExitCode;
  url: string;
  dialect: Dialect;
  hello: HelloInfo | null;
  ready: ProbeReady | null;
  shards: {
    /** False for servers that never report shard stats (0.2.2). */
    reportsShardStats: boolean;
    source: ShardsSource | null;
    /** The last shard list received; null when none was. */
    list: ShardStats[] | null;
  };
  pings: ProbePing[];
  stats: ProbeStats;
  events: {
    protocolErrors: number;
    unknownEvents: number;
    serverMessages: number;
    interactions: number;
    lateAnswers: number;
    /** The first messages the gateway flagged with `possible_error`. */
    messages: string[];
  };
  error: ProbeError | null;
}

/** A started probe. */
export interface ProbeRun {
  /** The URL as safe to show (no user info, no query). */
  url: string;
  /** Resolves once the probe finished, failed or hit its overall deadline; never rejects. */
  done: Promise<ProbeReport>;
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

/** Percentile of an ascending list by the app's one definition (shared/percentile.ts). */
function percentileOf(sorted: readonly number[], p: number): number | null {
  return sorted.length === 0 ? null : percentile(sorted, p);
}

function computeStats(pings: readonly ProbePing[], requested: number, sent: number): ProbeStats {
  const rtts = pings
    .map((p) => p.rttMs)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const lost = pings.filter((p) => p.lost).length;
  return {
    requested,
    sent,
    answered: rtts.length,
    lost,
    lossPercent: pings.length === 0 ? null : (100 * lost) / pings.length,
    minMs: rtts[0] ?? null,
    p50Ms: percentileOf(rtts, 50),
    p95Ms: percentileOf(rtts, 95),
    p99Ms: percentileOf(rtts, 99),
    maxMs: rtts[rtts.length - 1] ?? null,
  };
}

function toProbeReady(r: PublicReadyInfo): ProbeReady {
  return {
    event: r.event,
    botId: r.botId,
    botFlags: r.botFlags,
    sessionIdShort: r.sessionIdShort,
    shardsConfig: r.shardsConfig,
  };
}

/** Map a terminal connection state to the probe's error and exit code. */
function classify(
  e: StateEvent,
  upgraded: boolean,
  registered: boolean,
  serverSaid: string | null,
): { code: ProbeExitCode; error: ProbeError } {
  const kind: ProbeError['kind'] = e.kind ?? 'server-closed';
  const error: ProbeError = { kind, message: e.detail, httpStatus: e.httpStatus };
  if (e.state === 'auth-refused' || kind === 'auth-refused') {
    // The connection's sentence speaks of profiles; say what to fix here.
    const said = serverSaid === null ? '' : ` The gateway said: "${serverSaid}".`;
    error.message = `The gateway refused the credentials: check --id, SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY.${said}`;
    return { code: PROBE_EXIT.authRefused, error };
  }
  if (kind === 'http-error') {
    const refused = e.httpStatus === 401 || e.httpStatus === 403;
    return { code: refused ? PROBE_EXIT.authRefused : PROBE_EXIT.protocol, error };
  }
  // A connect-phase timeout is a host that never answered the upgrade: as
  // unreachable to a cron job as a refused TCP connection.
  if (!upgraded && (kind === 'unreachable' || kind === 'network' || kind === 'timeout'))
    return { code: PROBE_EXIT.unreachable, error };
  if (registered && kind === 'dead') return { code: PROBE_EXIT.pingsLost, error };
  return { code: PROBE_EXIT.protocol, error };
}

/**
 * Start a probe: one connection (no reconnects), register, `count` pings,
 * then disconnect. Throws {@link GatewayOptionsError} at once for invalid
 * options; otherwise `done` always resolves with a report.
 */
export function startProbe(config: ProbeConfig, hooks: ProbeHooks = {}): ProbeRun {
  const conn: GatewayConnection = createGatewayConnection({
    url: config.url,
    dialect: config.dialect,
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
  });
  const url = conn.snapshot().url;
  const reportsShardStats = dialectSpec(config.dialect).reportsShardStats;

  const done = new Promise<ProbeReport>((resolve) => {
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
        message:
          ready === null
            ? `No READY within the probe's deadline of ${deadlineMs} ms.`
            : `The probe did not finish within its deadline of ${deadlineMs} ms.`,
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
      resolve({
        exitCode: code,
        url,
        dialect: config.dialect,
        hello,
        ready,
        shards: {
          reportsShardStats,
          source: shards?.source ?? null,
          list: shards?.shards ?? null,
        },
        pings,
        stats: computeStats(pings, config.count, snap.pingsSent),
        events: {
          protocolErrors: snap.protocolErrors,
          unknownEvents: snap.unknownEvents,
          serverMessages,
          interactions: snap.interactions,
          lateAnswers: snap.lateAnswers,
          messages,
        },
        error,
      });
    }

    conn.on('state', (e) => {
      if (finished) return;
      if (e.state === 'handshaking' || e.state === 'registering') upgraded = true;
      if (e.state === 'failed' || e.state === 'auth-refused' || e.state === 'closed') {
        const { code, error } = classify(e, upgraded, ready !== null, lastMessage);
        finish(code, error);
      }
    });
    conn.on('hello', (h) => {
      hello = h;
      hooks.onHello?.(h);
    });
    conn.on('ready', (r) => {
      ready = toProbeReady(r);
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
          message: `${lost} of ${pings.length} pings got no answer within ${config.timeoutMs} ms.`,
          httpStatus: null,
        });
    });
    conn.connect();
  });
  return { url, done };
}

// ---- command line ----------------------------------------------------------

/** Usage of `shardwatch probe`. */
export const PROBE_USAGE = `Usage: shardwatch probe <url> --id ID [options]

Connects once to a shard gateway, registers, sends pings and reports what it
learned: HELLO, READY, the shard table, each round trip and loss.

Options:
  --id ID            the bot's application id (required)
  --dialect D        ${DIALECTS.join(' | ')} (default documented)
  --shard-in N       Shard-In header (default 0; only 0 can register and ping)
  --shard-total N    Shard-Total header (default 1)
  --flags N          register flags (default 0)
  --count N          pings to send, 1-10000 (default 5)
  --interval MS      time between pings, ${PROBE_MIN_INTERVAL_MS}-300000 (default 1000)
  --timeout MS       deadline of each step and each ping answer, 100-300000 (default 5000)
  --json             print one JSON object instead of text
  -h, --help         show this help

The secret and the public key are read ONLY from the environment, so they stay
out of shell history and the process list:
  SHARDWATCH_SECRET      the gateway's shared secret
  SHARDWATCH_PUBLIC_KEY  the application's public key

Exit codes: 0 all good, 2 bad usage, 3 unreachable, 4 credentials refused,
5 protocol failure (no READY, HTTP error, connection closed), 6 pings lost.`;

const SPEC = {
  '--dialect': { kind: 'enum', values: DIALECTS },
  '--id': { kind: 'string' },
  '--shard-in': { kind: 'int', min: 0, max: 1_000_000 },
  '--shard-total': { kind: 'int', min: 1, max: 1_000_000 },
  '--flags': { kind: 'int', min: 0, max: 0x7fffffff },
  '--count': { kind: 'int', min: 1, max: 10_000 },
  '--interval': { kind: 'int', min: PROBE_MIN_INTERVAL_MS, max: 300_000 },
  '--timeout': { kind: 'int', min: 100, max: 300_000 },
  '--json': { kind: 'bool' },
} as const satisfies Record<string, FlagSpec>;

/** Injectable IO so tests can run the probe in-process. Lines come without a newline. */
export interface ProbeCliIo {
  /** Environment to read the secrets from; default `process.env`. */
  env?: Record<string, string | undefined>;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

/** Round to µs for JSON: the clock's sub-µs digits are noise. */
function roundMs(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

/** RTT as text by the app's one rule (shared/format.ts); `–` when there is none. */
export function rttText(ms: number | null): string {
  return ms === null ? '–' : formatRtt(ms);
}

function describeHello(h: HelloInfo): string {
  return `HELLO: starting_shards ${h.startingShards === null ? 'not given' : String(h.startingShards)}`;
}

function describeReady(r: ProbeReady): string {
  const config = r.shardsConfig.map(([i, t]) => `[${i}, ${t}]`).join(' ') || 'none';
  return (
    `READY: ${r.event}, bot ${r.botId ?? 'not given'}, flags ${r.botFlags ?? 'not given'}, ` +
    `session ${r.sessionIdShort ?? 'none'}, shards_config ${config}`
  );
}

function describePing(p: ProbePing, count: number, timeoutMs: number): string {
  const what = p.lost ? `lost (no answer within ${timeoutMs} ms)` : rttText(p.rttMs);
  return `ping ${p.n}/${count}: ${what}`;
}

const SHARD_COLUMNS = [
  'shard_id',
  'shard_hash',
  'development',
  'disconnected',
  'send_ping',
  'receibe_ping',
  'sending',
  'received',
] as const;

function shardTable(list: readonly ShardStats[]): string[] {
  const withExtra = list.some((s) => Object.keys(s.extra).length > 0);
  const header: string[] = [...SHARD_COLUMNS, ...(withExtra ? ['extra'] : [])];
  const rows = list
    .slice(0, MAX_SHARD_ROWS)
    .map((s) => [
      ...SHARD_COLUMNS.map((c) => String(s[c])),
      ...(withExtra ? [JSON.stringify(s.extra)] : []),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (list.length > MAX_SHARD_ROWS)
    out.push(`  … and ${list.length - MAX_SHARD_ROWS} more (--json lists them all)`);
  return out;
}

function describeShards(report: ProbeReport): string[] {
  const { shards } = report;
  if (!shards.reportsShardStats) return ['Shards: this server does not report shard stats'];
  if (shards.list === null)
    return [`Shards: none received${report.ready ? '' : ' (never registered)'}`];
  if (shards.list.length === 0) return ['Shards: none reported yet'];
  const from = shards.source === 'shard-info' ? 'GATEWAY_SHARD_INFO' : 'READY';
  return [`Shards (${shards.list.length}, latest from ${from}):`, ...shardTable(shards.list)];
}

const RESULT_TEXT: Record<ProbeExitCode, string> = {
  0: 'OK',
  2: 'bad usage',
  3: 'unreachable',
  4: 'credentials refused',
  5: 'protocol failure',
  6: 'pings lost',
};

function describeSummary(report: ProbeReport): string[] {
  const s = report.stats;
  const e = report.events;
  const loss =
    s.lossPercent === null
      ? 'no ping completed'
      : `loss ${s.lossPercent.toFixed(1)} % (${s.lost} of ${report.pings.length})`;
  const lines = [
    `RTT: min ${rttText(s.minMs)}, p50 ${rttText(s.p50Ms)}, p95 ${rttText(s.p95Ms)}, ` +
      `p99 ${rttText(s.p99Ms)}, max ${rttText(s.maxMs)}; ${loss}`,
    `Events: ${e.protocolErrors} protocol errors, ${e.unknownEvents} unknown events, ` +
      `${e.serverMessages} server messages, ${e.lateAnswers} late answers, ${e.interactions} interactions`,
    ...e.messages.map((m) => `  the gateway said: "${m}"`),
  ];
  const why = report.error ? ` — ${report.error.message}` : '';
  lines.push(`Result: ${RESULT_TEXT[report.exitCode]} (exit ${report.exitCode})${why}`);
  return lines;
}

/** The report as the `--json` object: the same facts, RTTs rounded to µs. */
export function probeJson(report: ProbeReport) {
  const s = report.stats;
  return {
    exitCode: report.exitCode,
    url: report.url,
    dialect: report.dialect,
    hello: report.hello ? { startingShards: report.hello.startingShards } : null,
    ready: report.ready
      ? {
          event: report.ready.event,
          botId: report.ready.botId,
          botFlags: report.ready.botFlags,
          sessionIdShort: report.ready.sessionIdShort,
          shardsConfig: report.ready.shardsConfig,
        }
      : null,
    shards: {
      reportsShardStats: report.shards.reportsShardStats,
      source: report.shards.source,
      list: report.shards.list,
    },
    pings: report.pings.map((p) => ({ n: p.n, rttMs: roundMs(p.rttMs), lost: p.lost })),
    stats: {
      requested: s.requested,
      sent: s.sent,
      answered: s.answered,
      lost: s.lost,
      lossPercent: s.lossPercent,
      minMs: roundMs(s.minMs),
      p50Ms: roundMs(s.p50Ms),
      p95Ms: roundMs(s.p95Ms),
      p99Ms: roundMs(s.p99Ms),
      maxMs: roundMs(s.maxMs),
    },
    events: { ...report.events },
    error: report.error ? { ...report.error } : null,
  };
}

function usageFailure(
  message: string,
  json: boolean,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  err(`shardwatch probe: ${message}\n\n${PROBE_USAGE}`);
  if (json) {
    out(
      JSON.stringify({
        exitCode: PROBE_EXIT.usage,
        hello: null,
        ready: null,
        shards: null,
        pings: [],
        stats: null,
        events: null,
        error: { kind: 'usage', message, httpStatus: null },
      }),
    );
  }
  return PROBE_EXIT.usage;
}

/**
 * Run `shardwatch probe`; resolves to the exit code (see {@link PROBE_EXIT}).
 * Never prints the secret or the public key.
 */
export async function runProbeCli(argv: readonly string[], io: ProbeCliIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = io.env ?? process.env;
  // Known before parsing so even a usage error can answer in JSON.
  const json = argv.includes('--json');

  let config: ProbeConfig;
  try {
    const parsed = parseFlags(argv, SPEC);
    if (parsed.flags.get('--help') === true) {
      out(PROBE_USAGE);
      return PROBE_EXIT.ok;
    }
    const [url, ...extra] = parsed.positionals;
    if (url === undefined) throw new UsageError('missing the gateway URL (ws://HOST:PORT/PATH)');
    if (extra.length > 0)
      throw new UsageError(`unexpected argument "${(extra[0] ?? '').slice(0, 40)}"`);
    const botId = stringFlag(parsed, '--id', '');
    if (botId === '') throw new UsageError('--id is required (the bot application id)');
    // Secrets come only from the environment, never from argv (visible in
    // `ps` and shell history), and their values are never echoed.
    const secret = env['SHARDWATCH_SECRET'] ?? '';
    const publicKey = env['SHARDWATCH_PUBLIC_KEY'] ?? '';
    const missing = [
      secret === '' ? 'SHARDWATCH_SECRET' : null,
      publicKey === '' ? 'SHARDWATCH_PUBLIC_KEY' : null,
    ].filter((v): v is string => v !== null);
    if (missing.length > 0) {
      throw new UsageError(
        `set ${missing.join(' and ')} in the environment (the secret and the public key are ` +
          'never taken from the command line)',
      );
    }
    const dialect = stringFlag(parsed, '--dialect', 'documented');
    config = {
      url,
      dialect: isDialect(dialect) ? dialect : 'documented',
      botId,
      secret,
      publicKey,
      shardIn: intFlag(parsed, '--shard-in', 0),
      shardTotal: intFlag(parsed, '--shard-total', 1),
      flags: intFlag(parsed, '--flags', 0),
      count: intFlag(parsed, '--count', 5),
      intervalMs: intFlag(parsed, '--interval', 1000),
      timeoutMs: intFlag(parsed, '--timeout', 5000),
    };
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e.message, json, out, err);
    throw e;
  }

  // Text mode prints as facts arrive; JSON mode prints once at the end.
  const hooks: ProbeHooks = json
    ? {}
    : {
        onHello: (h) => out(describeHello(h)),
        onReady: (r) => out(describeReady(r)),
        onPing: (p) => out(describePing(p, config.count, config.timeoutMs)),
      };
  let run: ProbeRun;
  try {
    run = startProbe(config, hooks);
  } catch (e) {
    // Its message lists the problems and never contains a secret's value.
    if (e instanceof GatewayOptionsError) return usageFailure(e.message, json, out, err);
    throw e;
  }
  if (!json) {
    out(
      `Probing ${run.url} (${config.dialect}) as bot ${config.botId}, shard ` +
        `${config.shardIn}/${config.shardTotal}, flags ${config.flags}: ${config.count} ` +
        `ping${config.count === 1 ? '' : 's'} ` +
        `every ${config.intervalMs} ms, timeout ${config.timeoutMs} ms`,
    );
  }
  const report = await run.done;
  if (json) {
    out(JSON.stringify(probeJson(report)));
  } else {
    for (const line of [...describeShards(report), ...describeSummary(report)]) out(line);
    if (report.error) err(`shardwatch probe: ${report.error.message}`);
  }
  return report.exitCode;
}
