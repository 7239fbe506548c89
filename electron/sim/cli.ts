/**
 * `shardwatch sim`: run the gateway simulator from the command line until
 * SIGINT/SIGTERM. The main `shardwatch` dispatcher calls {@link runSimCli}
 * with the arguments after `sim`.
 */
import { isDialect } from '../../shared/protocol';
import type { Dialect } from '../../shared/protocol';
import { isSimScenario, SIM_SCENARIOS } from './scenarios';
import type { SimScenario } from './scenarios';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from './simulator';
import type { SimulatorHandle, SimulatorOptions } from './simulator';

/** Default port of the http-interaction server (PROTOCOL.md §2 "Connecting"). */
const DEFAULT_PORT = 3030;

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

/** The usage text, also printed (to stderr) on a bad flag. */
export const SIM_USAGE = `Usage: shardwatch sim [options]

Runs a simulated shard gateway until Ctrl-C.

Options:
  --port N                  TCP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H                  bind address (default 127.0.0.1)
  --dialect D               documented | http-interaction-0.2.2 (default documented)
  --shards N                number of simulated shards (default 4; 0 for http-interaction-0.2.2)
  --scenario S              ${SIM_SCENARIOS.join(' | ')} (default steady)
  --latency MS              delay before answering a ping (default 0)
  --jitter MS               extra random delay before answering a ping (default 0)
  --id ID                   bot application id to accept (default: demo id)
  --shard-info-interval MS  documented: GATEWAY_SHARD_INFO push period, 0 = off (default 1000)
  -h, --help                show this help

Credentials come from SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY; without them
demo credentials are used.`;

class UsageError extends Error {}

function parseNumber(
  flag: string,
  raw: string,
  min: number,
  max: number,
  integer: boolean,
): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    const kind = integer ? 'an integer' : 'a number';
    throw new UsageError(`${flag} must be ${kind} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

interface ParsedArgs {
  help: boolean;
  options: SimulatorOptions;
  botId: string | undefined;
}

/** Parse and validate `sim` flags (docs/architecture.md §3.3: CLI flags are untrusted input). */
export function parseSimArgs(argv: readonly string[]): ParsedArgs {
  const args = argv[0] === 'sim' ? argv.slice(1) : [...argv];
  const options: SimulatorOptions = { port: DEFAULT_PORT };
  let botId: string | undefined;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const known = [
      '--port',
      '--host',
      '--dialect',
      '--shards',
      '--scenario',
      '--latency',
      '--jitter',
      '--id',
      '--shard-info-interval',
    ];
    if (!known.includes(flag)) throw new UsageError(`unknown flag ${flag}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError(`${flag} needs a value`);
      }
      i++;
    }
    switch (flag) {
      case '--port':
        options.port = parseNumber(flag, value, 0, 65535, true);
        break;
      case '--host':
        if (value.trim() === '') throw new UsageError('--host must not be empty');
        options.host = value;
        break;
      case '--dialect':
        if (!isDialect(value)) {
          throw new UsageError(
            `--dialect must be documented or http-interaction-0.2.2, got "${value}"`,
          );
        }
        options.dialect = value satisfies Dialect;
        break;
      case '--shards':
        options.shardCount = parseNumber(flag, value, 0, 100_000, true);
        break;
      case '--scenario':
        if (!isSimScenario(value)) {
          throw new UsageError(
            `--scenario must be one of ${SIM_SCENARIOS.join(', ')}, got "${value}"`,
          );
        }
        options.scenario = value satisfies SimScenario;
        break;
      case '--latency':
        options.latencyMs = parseNumber(flag, value, 0, 600_000, false);
        break;
      case '--jitter':
        options.jitterMs = parseNumber(flag, value, 0, 600_000, false);
        break;
      case '--id':
        if (!/^\S{1,64}$/.test(value))
          throw new UsageError('--id must be 1-64 non-space characters');
        botId = value;
        break;
      case '--shard-info-interval':
        options.shardInfoIntervalMs = parseNumber(flag, value, 0, 3_600_000, true);
        break;
    }
  }
  return { help, options, botId };
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
    err(`shardwatch sim: ${e.message}\n\n${SIM_USAGE}`);
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
