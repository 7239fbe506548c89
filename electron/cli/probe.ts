/**
 * `shardwatch probe <url>`: connect once to a shard gateway, ping it a few
 * times and report what it said, with an exit code a cron job or a CI step
 * can act on. It registers only with `--register` (documented dialect only),
 * and `--dialect auto` detects the dialect first without registering.
 *
 * Parts: `probe-args.ts` (command line), `probe-run.ts` (the measurement),
 * `probe-report.ts` (what is printed); this file ties them together.
 */
import { DIALECTS } from '../../shared/protocol';
import { detectDialect } from '../core/gateway/detect';
import type { DetectionResult } from '../core/gateway/detect';
import { GatewayOptionsError } from '../core/gateway/options';
import { UsageError, cliSay, usageLine } from './args';
import { sayEnglish, type Say } from '../../shared/i18n/translator';
import type { ProbeArgs } from './probe-args';
import { PROBE_MIN_INTERVAL_MS, parseProbeArgs } from './probe-args';
import {
  describeDetection,
  describeHello,
  describePing,
  describeReady,
  describeShards,
  describeSummary,
  probeJson,
  probeStats,
} from './probe-report';
import type { ProbeConfig, ProbeExitCode, ProbeHooks, ProbeRun } from './probe-run';
import { PROBE_EXIT, PROBE_EXIT_MEANINGS, mayRegister, startProbe } from './probe-run';

export { PROBE_EXIT, PROBE_EXIT_MEANINGS, startProbe, probeDeadlineMs } from './probe-run';
export type { ProbeConfig, ProbeExitCode, ProbeOutcome, ProbeRun } from './probe-run';
export { PROBE_MIN_INTERVAL_MS } from './probe-args';
export { rttText } from './probe-report';

/** Usage of `shardwatch probe`. */
export const PROBE_USAGE = `Usage: shardwatch probe <url> --id ID [options]

Connects once to a shard gateway, sends pings and reports what it learned:
HELLO, each round trip and loss, and with --register the READY and the shard
table. It never registers unless asked, and never on http-interaction 0.2.2:
registering can take the bot's interactions (slash commands, buttons).

Options:
  --id ID            the bot's application id, 1-20 digits (required)
  --dialect D        ${DIALECTS.join(' | ')} | auto (default documented);
                     auto detects it first, without registering
  --register         documented dialect: register to get READY and shard stats
                     (the gateway may then route the bot's interactions to the probe)
  --shard-in N       Shard-In header (default 0; only 0 is accepted)
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
  SHARDWATCH_PUBLIC_KEY  the application's public key (one word; 64 hex characters
                         for http-interaction 0.2.2)

Exit codes:
${Object.entries(PROBE_EXIT_MEANINGS)
  .map(([code, meaning]) => `  ${code}  ${meaning}`)
  .join('\n')}`;

/** Injectable IO so tests can run the probe in-process. Lines come without a newline. */
export interface ProbeCliIo {
  /** Environment to read the secrets from; default `process.env`. */
  env?: Record<string, string | undefined>;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

type Print = (line: string) => void;

/**
 * A usage error: one line on stderr in the CLI's language (`say`); the JSON
 * answer, for programs, keeps the English message.
 */
function usageFailure(
  problem: UsageError | string,
  json: boolean,
  out: Print,
  err: Print,
  say: Say = sayEnglish,
): number {
  const message = typeof problem === 'string' ? problem : problem.message;
  err(usageLine('probe', problem, say));
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

/** The exit code of a detection that could not name a dialect. */
function detectionExit(d: DetectionResult): ProbeExitCode {
  if (d.credentialsAccepted === false) return PROBE_EXIT.authRefused;
  if (d.failure === 'unreachable' || d.failure === 'network' || d.failure === 'timeout')
    return PROBE_EXIT.unreachable;
  return PROBE_EXIT.protocol;
}

/** Print a detection that ends the run, and return its exit code. */
function detectionFailure(d: DetectionResult, json: boolean, out: Print, err: Print): number {
  const code = detectionExit(d);
  const detection = publicDetection(d);
  if (json) {
    out(
      JSON.stringify({
        exitCode: code,
        detection,
        error: { kind: d.failure ?? 'detection', message: d.summary, httpStatus: d.httpStatus },
      }),
    );
  } else {
    for (const line of describeDetection(detection)) out(line);
    err(`shardwatch probe: ${d.summary}`);
  }
  return code;
}

function publicDetection(d: DetectionResult) {
  const { failure: _f, httpStatus: _h, ...rest } = d;
  return rest;
}

/**
 * Run `shardwatch probe`; resolves to the exit code (see {@link PROBE_EXIT}).
 * Never prints the secret or the public key.
 */
export async function runProbeCli(argv: readonly string[], io: ProbeCliIo = {}): Promise<number> {
  const out: Print = io.stdout ?? ((line) => process.stdout.write(`${line}\n`));
  const err: Print = io.stderr ?? ((line) => process.stderr.write(`${line}\n`));
  // Known before parsing so even a usage error can answer in JSON.
  const json = argv.includes('--json');

  let args: ProbeArgs;
  try {
    args = parseProbeArgs(argv, io.env ?? process.env);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e, json, out, err, cliSay(io.env));
    throw e;
  }
  if (args.help) {
    out(PROBE_USAGE);
    return PROBE_EXIT.ok;
  }
  let config: ProbeConfig = args.config;
  let detection: DetectionResult | null = null;
  try {
    if (args.auto) {
      const c = config;
      detection = await detectDialect({
        url: c.url,
        identity: {
          botId: c.botId,
          secret: c.secret,
          publicKey: c.publicKey,
          shardIn: c.shardIn,
          shardTotal: c.shardTotal,
        },
        timeoutMs: c.timeoutMs,
      });
      if (detection.dialect === null || detection.credentialsAccepted === false)
        return detectionFailure(detection, json, out, err);
      if (config.register && !mayRegister(detection.dialect))
        return usageFailure(
          `--register is refused: the gateway speaks ${detection.dialect}, which would send the bot's interactions to the probe`,
          json,
          out,
          err,
        );
      config = { ...config, dialect: detection.dialect };
      if (!json) for (const line of describeDetection(publicDetection(detection))) out(line);
    }
  } catch (e) {
    // Its message lists the problems and never contains a secret's value.
    if (e instanceof GatewayOptionsError) return usageFailure(e.message, json, out, err);
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
    if (e instanceof GatewayOptionsError) return usageFailure(e.message, json, out, err);
    throw e;
  }
  if (!json) {
    out(
      `Probing ${run.url} (${config.dialect}, ${config.register ? 'register' : 'ping only'}) as bot ` +
        `${config.botId}, shard ${config.shardIn}/${config.shardTotal}, flags ${config.flags}: ` +
        `${config.count} ping${config.count === 1 ? '' : 's'} every ${config.intervalMs} ms, ` +
        `timeout ${config.timeoutMs} ms`,
    );
  }
  const outcome = await run.done;
  const stats = probeStats(outcome, config.count);
  if (json) {
    const d = detection ? publicDetection(detection) : null;
    out(JSON.stringify(probeJson(outcome, stats, config.shardTotal, d)));
  } else {
    for (const line of describeShards(outcome, config.shardTotal)) out(line);
    for (const line of describeSummary(outcome, stats)) out(line);
    if (outcome.error) err(`shardwatch probe: ${outcome.error.message}`);
  }
  return outcome.exitCode;
}
