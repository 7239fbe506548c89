/**
 * `shardwatch sim`: run the gateway simulator from the command line until
 * SIGINT/SIGTERM. The main `shardwatch` dispatcher calls {@link runSimCli}
 * with the arguments after `sim`.
 */
import { checkBotId } from '../../shared/profile-validation';
import { DIALECTS, isDialect } from '../../shared/protocol';
import { formatNumber } from '../../shared/format';
import { english, type Translator } from '../../shared/i18n/translator';
import type { FlagSpec } from './args';
import {
  UsageError,
  boolFlag,
  cliTranslator,
  intFlag,
  noExtraArguments,
  parseFlags,
  usageLine,
} from './args';
import { isSimScenario, SIM_SCENARIOS } from '../sim/scenarios';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../sim/simulator';

/** Default port of the http-interaction server (docs/protocol.md §2 "Connecting"). */
const DEFAULT_PORT = 3030;

/** `--nightly-at`: a time of day as `HH:MM`; null when fine. */
function checkHm(value: string): string | null {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value.trim())
    ? null
    : 'write the time as HH:MM in 24-hour time, e.g. 03:00';
}

/** Injectable IO so tests can run the CLI in-process. */
export interface SimCliIo {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Environment to read credentials from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Stops the simulator like SIGINT does. */
  signal?: AbortSignal;
  /** Called once the simulator listens. */
  onReady?: (sim: SimulatorHandle) => void;
}

/** The usage text (`--help`), in the language of `t`. */
export function simUsage(t: Translator = english()): string {
  return t.say('cliOut.simUsage', {
    port: DEFAULT_PORT,
    dialects: DIALECTS.join(' | '),
    scenarios: SIM_SCENARIOS.join(' | '),
  });
}

const SPEC = {
  '--port': { kind: 'int', min: 0, max: 65535 },
  '--host': { kind: 'string' },
  '--dialect': { kind: 'enum', values: DIALECTS },
  '--shards': { kind: 'int', min: 0, max: 100_000 },
  '--scenario': { kind: 'enum', values: SIM_SCENARIOS },
  '--max-concurrency': { kind: 'int', min: 1, max: 1024 },
  '--trouble-shard': { kind: 'int', min: 0, max: 100_000 },
  '--nightly-at': { kind: 'string', check: checkHm },
  '--latency': { kind: 'number', min: 0, max: 600_000 },
  '--jitter': { kind: 'number', min: 0, max: 600_000 },
  '--id': { kind: 'string', check: checkBotId },
  '--no-bot': { kind: 'bool' },
  '--shard-info-interval': { kind: 'int', min: 0, max: 3_600_000 },
} as const satisfies Record<string, FlagSpec>;

interface ParsedArgs {
  help: boolean;
  options: SimulatorOptions;
  botId: string | undefined;
}

/** Parse and validate `sim` flags (docs/architecture.md §3.3: CLI flags are untrusted input). */
export function parseSimArgs(argv: readonly string[]): ParsedArgs {
  const p = parseFlags(argv[0] === 'sim' ? argv.slice(1) : argv, SPEC);
  noExtraArguments(p);
  const options: SimulatorOptions = { port: intFlag(p, '--port', DEFAULT_PORT) };
  const host = p.flags.get('--host');
  if (typeof host === 'string') options.host = host;
  const dialect = p.flags.get('--dialect');
  if (isDialect(dialect)) options.dialect = dialect;
  const scenario = p.flags.get('--scenario');
  if (isSimScenario(scenario)) options.scenario = scenario;
  const numbers: Array<[string, 'shardCount' | 'latencyMs' | 'jitterMs' | 'shardInfoIntervalMs']> =
    [
      ['--shards', 'shardCount'],
      ['--latency', 'latencyMs'],
      ['--jitter', 'jitterMs'],
      ['--shard-info-interval', 'shardInfoIntervalMs'],
    ];
  for (const [flag, key] of numbers) {
    const v = p.flags.get(flag);
    if (typeof v === 'number') options[key] = v;
  }
  if (boolFlag(p, '--no-bot')) options.botRegistered = false;
  const maxConcurrency = p.flags.get('--max-concurrency');
  const trouble = p.flags.get('--trouble-shard');
  const nightlyAt = p.flags.get('--nightly-at');
  if (
    typeof maxConcurrency === 'number' ||
    typeof trouble === 'number' ||
    typeof nightlyAt === 'string'
  )
    options.scenarioOptions = {
      ...(typeof maxConcurrency === 'number' ? { maxConcurrency } : {}),
      ...(typeof trouble === 'number'
        ? options.scenario === 'rolling-restart'
          ? { stuckShard: trouble }
          : { shardId: trouble }
        : {}),
      ...(typeof nightlyAt === 'string' ? { nightlyAt: nightlyAt.trim() } : {}),
    };
  const id = p.flags.get('--id');
  return {
    help: boolFlag(p, '--help'),
    options,
    botId: typeof id === 'string' ? id.trim() : undefined,
  };
}

/**
 * Run `shardwatch sim`. Resolves with the exit code: 0 after a clean stop on
 * SIGINT/SIGTERM (or `io.signal`), 2 for bad flags, 1 if the server cannot start.
 */
export async function runSimCli(argv: string[], io: SimCliIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = io.env ?? process.env;
  const t = cliTranslator(env);

  let parsed: ParsedArgs;
  try {
    parsed = parseSimArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(usageLine('sim', e, t.say));
    return 2;
  }
  if (parsed.help) {
    out(simUsage(t));
    return 0;
  }

  // Secrets come only from the environment, never from argv (visible in `ps`),
  // and are never printed.
  const secret = env['SHARDWATCH_SECRET'] || undefined;
  const publicKey = env['SHARDWATCH_PUBLIC_KEY'] || undefined;
  if (!secret || !publicKey) {
    const missing = [!secret && 'SHARDWATCH_SECRET', !publicKey && 'SHARDWATCH_PUBLIC_KEY']
      .filter(Boolean)
      .join(t.say('cliOut.simAnd'));
    out(t.say('cliOut.simDemoCredentials', { missing }));
  }
  const options: SimulatorOptions = {
    ...parsed.options,
    credentials: {
      botId: parsed.botId ?? DEFAULT_SIM_CREDENTIALS.botId,
      secret: secret ?? DEFAULT_SIM_CREDENTIALS.secret,
      publicKey: publicKey ?? DEFAULT_SIM_CREDENTIALS.publicKey,
    },
    log: (line) => out(`sim: ${line}`),
  };

  let sim: SimulatorHandle;
  try {
    sim = await createSimulator(options);
  } catch (e) {
    err(t.say('cliOut.simCannotStart', { reason: (e as Error).message }));
    return 1;
  }
  const shardCount = sim.shards().length;
  out(
    t.say('cliOut.simStarted', {
      dialect: sim.dialect,
      bot: sim.credentials.botId,
      count: formatNumber(shardCount, t.locale()),
      scenario: sim.scenario(),
    }),
  );
  out(t.say('cliOut.simListening', { url: sim.url }));
  io.onReady?.(sim);

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (io.signal?.aborted) done();
    else io.signal?.addEventListener('abort', done, { once: true });
  });
  await sim.stop();
  out(t.say('cliOut.simStopped'));
  return 0;
}
