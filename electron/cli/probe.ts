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
import { formatNumber } from '../../shared/format';
import { detectDialect } from '../core/gateway/detect';
import type { DetectionResult } from '../core/gateway/detect';
import { GatewayOptionsError } from '../core/gateway/options';
import { UsageError, cliSay, cliTranslator, usageLine } from './args';
import { english, sayEnglish, type Say, type Translator } from '../../shared/i18n/translator';
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
import { PROBE_EXIT, mayRegister, probeExitMeanings, startProbe } from './probe-run';

export { PROBE_EXIT, probeExitMeanings, startProbe, probeDeadlineMs } from './probe-run';
export type { ProbeConfig, ProbeExitCode, ProbeOutcome, ProbeRun } from './probe-run';
export { PROBE_MIN_INTERVAL_MS } from './probe-args';
export { rttText } from './probe-report';

/** Usage of `shardwatch probe` (`--help`), in the language of `t`. */
export function probeUsage(t: Translator = english()): string {
  return t.say('cliOut.probeUsage', {
    dialects: [...DIALECTS, 'auto'].join(' | '),
    minInterval: PROBE_MIN_INTERVAL_MS,
    exitCodes: Object.entries(probeExitMeanings(t))
      .map(([code, meaning]) => `  ${code}  ${meaning}`)
      .join('\n'),
  });
}

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
function detectionFailure(
  d: DetectionResult,
  json: boolean,
  out: Print,
  err: Print,
  t: Translator,
): number {
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
    for (const line of describeDetection(detection, t)) out(line);
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

  const env = io.env ?? process.env;
  // Text in the language of the locale; `--json` is for programs and stays English.
  const t = json ? english() : cliTranslator(env);
  const say = cliSay(env);

  let args: ProbeArgs;
  try {
    args = parseProbeArgs(argv, env);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e, json, out, err, say);
    throw e;
  }
  if (args.help) {
    out(probeUsage(t));
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
        say: t.say,
      });
      if (detection.dialect === null || detection.credentialsAccepted === false)
        return detectionFailure(detection, json, out, err, t);
      if (config.register && !mayRegister(detection.dialect))
        return usageFailure(
          say('cliOut.registerRefusedDetected', { dialect: detection.dialect }),
          json,
          out,
          err,
          say,
        );
      config = { ...config, dialect: detection.dialect };
      if (!json) for (const line of describeDetection(publicDetection(detection), t)) out(line);
    }
  } catch (e) {
    // Its message lists the problems and never contains a secret's value.
    if (e instanceof GatewayOptionsError)
      return usageFailure(e.wordedWith(say), json, out, err, say);
    throw e;
  }

  // Text mode prints as facts arrive; JSON mode prints once at the end.
  const hooks: ProbeHooks = json
    ? {}
    : {
        onHello: (h) => out(describeHello(h, t)),
        onReady: (r) => out(describeReady(r, t)),
        onPing: (p) => out(describePing(p, config.count, config.timeoutMs, t)),
      };
  let run: ProbeRun;
  try {
    run = startProbe(config, hooks, t);
  } catch (e) {
    if (e instanceof GatewayOptionsError)
      return usageFailure(e.wordedWith(say), json, out, err, say);
    throw e;
  }
  if (!json) {
    const n = (v: number): string => formatNumber(v, t.locale());
    out(
      t.say('cliOut.probing', {
        url: run.url,
        dialect: config.dialect,
        mode: t.say(config.register ? 'cliOut.modeRegister' : 'cliOut.modePingOnly'),
        bot: config.botId,
        shardIn: config.shardIn,
        shardTotal: config.shardTotal,
        flags: config.flags,
        count: n(config.count),
        interval: n(config.intervalMs),
        timeout: n(config.timeoutMs),
      }),
    );
  }
  const outcome = await run.done;
  const stats = probeStats(outcome, config.count);
  if (json) {
    const d = detection ? publicDetection(detection) : null;
    out(JSON.stringify(probeJson(outcome, stats, config.shardTotal, d)));
  } else {
    for (const line of describeShards(outcome, config.shardTotal, t)) out(line);
    for (const line of describeSummary(outcome, stats, t)) out(line);
    if (outcome.error) err(`shardwatch probe: ${outcome.error.message}`);
  }
  return outcome.exitCode;
}
