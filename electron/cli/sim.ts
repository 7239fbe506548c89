/**
 * `shardwatch sim`: run the gateway simulator from the command line until
 * SIGINT/SIGTERM. The main `shardwatch` dispatcher calls {@link runSimCli}
 * with the arguments after `sim`.
 */
import { checkBotId } from '../../shared/profile-validation';
import { DIALECTS, isDialect } from '../../shared/protocol';
import type { FlagSpec } from './args';
import {
  UsageError,
  boolFlag,
  cliSay,
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

/** The usage text (`--help`). */
export const SIM_USAGE = `Usage: shardwatch sim [options]

Runs a simulated shard gateway until Ctrl-C.

Options:
  --port N                  TCP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H                  bind address (default 127.0.0.1)
  --dialect D               documented | http-interaction-0.2.2 (default documented)
  --shards N                number of simulated shards (default 4; 0 for http-interaction-0.2.2)
  --scenario S              ${SIM_SCENARIOS.join(' | ')} (default steady)
  --max-concurrency N       bucket-outage: the bot's max_concurrency; the shards of bucket 1
                            (shard_id % N = 1) fail together; give the profile the same
                            value (default 4)
  --trouble-shard N         restart-loop, one-way-shard, silent-shard: the shard in trouble;
                            rolling-restart: a shard that does not come back (default 1;
                            rolling-restart: every shard comes back)
  --nightly-at HH:MM        nightly-failure: when the first quarter of the shards fail each
                            day, UTC (default 03:00)
  --latency MS              delay before answering a ping (default 0)
  --jitter MS               extra random delay before answering a ping (default 0)
  --id ID                   bot application id to accept, 1-20 digits (default: demo id)
  --no-bot                  start as a freshly started server: no bot has registered, so a
                            ping-only monitor waits (default: the bot is registered)
  --shard-info-interval MS  documented: GATEWAY_SHARD_INFO push period, 0 = off (default 1000)
  -h, --help                show this help

Credentials come from SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY; without them
demo credentials are used.`;

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

  let parsed: ParsedArgs;
  try {
    parsed = parseSimArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(usageLine('sim', e, cliSay(env)));
    return 2;
  }
  if (parsed.help) {
    out(SIM_USAGE);
    return 0;
  }

  // Secrets come only from the environment, never from argv (visible in `ps`),
  // and are never printed.
  const secret = env['SHARDWATCH_SECRET'] || undefined;
  const publicKey = env['SHARDWATCH_PUBLIC_KEY'] || undefined;
  if (!secret || !publicKey) {
    const missing = [!secret && 'SHARDWATCH_SECRET', !publicKey && 'SHARDWATCH_PUBLIC_KEY']
      .filter(Boolean)
      .join(' and ');
    out(`shardwatch sim: using demo credentials (${missing} not set)`);
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
    err(`shardwatch sim: cannot start: ${(e as Error).message}`);
    return 1;
  }
  const shardCount = sim.shards().length;
  out(
    `shardwatch sim: ${sim.dialect} gateway, bot id ${sim.credentials.botId}, ` +
      `${shardCount} shard${shardCount === 1 ? '' : 's'}, scenario ${sim.scenario()}`,
  );
  out(`listening on ${sim.url}`);
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
  out('shardwatch sim: stopped');
  return 0;
}
