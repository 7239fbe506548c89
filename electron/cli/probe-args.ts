/**
 * The command line of `shardwatch probe`: flags and environment, checked by
 * the same rules as the profile editor (`shared/profile-validation.ts`).
 */
import { checkBotId, checkPublicKey } from '../../shared/profile-validation';
import type { Dialect } from '../../shared/protocol';
import { DIALECTS, isDialect } from '../../shared/protocol';
import type { FlagSpec } from './args';
import { UsageError, boolFlag, intFlag, noExtraArguments, parseFlags, stringFlag } from './args';
import type { ProbeConfig } from './probe-run';
import { mayRegister } from './probe-run';

/** Lowest `--interval` the command line accepts. */
export const PROBE_MIN_INTERVAL_MS = 10;

/** `--dialect` values: a dialect, or `auto` to detect it first. */
export const PROBE_DIALECTS = [...DIALECTS, 'auto'] as const;

export const PROBE_SPEC = {
  '--dialect': { kind: 'enum', values: PROBE_DIALECTS },
  '--id': { kind: 'string', check: checkBotId },
  '--register': { kind: 'bool' },
  '--shard-in': { kind: 'int', min: 0, max: 1_000_000 },
  '--shard-total': { kind: 'int', min: 1, max: 1_000_000 },
  '--flags': { kind: 'int', min: 0, max: 0x7fffffff },
  '--count': { kind: 'int', min: 1, max: 10_000 },
  '--interval': { kind: 'int', min: PROBE_MIN_INTERVAL_MS, max: 300_000 },
  '--timeout': { kind: 'int', min: 100, max: 300_000 },
  '--json': { kind: 'bool' },
} as const satisfies Record<string, FlagSpec>;

/** A parsed command line: the probe's config, with `dialect` still `auto` when asked to detect. */
export interface ProbeArgs {
  help: boolean;
  json: boolean;
  /** Detect the dialect before probing. */
  auto: boolean;
  config: Omit<ProbeConfig, 'dialect'> & { dialect: Dialect };
}

/**
 * Parse `probe`'s arguments and environment. Throws {@link UsageError}
 * naming what is wrong; never puts a secret's value in a message.
 */
export function parseProbeArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ProbeArgs {
  const p = parseFlags(argv, PROBE_SPEC);
  const help = boolFlag(p, '--help');
  const json = boolFlag(p, '--json');
  const dialectFlag = stringFlag(p, '--dialect', 'documented');
  const auto = dialectFlag === 'auto';
  const dialect: Dialect = isDialect(dialectFlag) ? dialectFlag : 'documented';
  const register = boolFlag(p, '--register');
  const base = {
    url: '',
    dialect,
    register,
    botId: '',
    secret: '',
    publicKey: '',
    shardIn: intFlag(p, '--shard-in', 0),
    shardTotal: intFlag(p, '--shard-total', 1),
    flags: intFlag(p, '--flags', 0),
    count: intFlag(p, '--count', 5),
    intervalMs: intFlag(p, '--interval', 1000),
    timeoutMs: intFlag(p, '--timeout', 5000),
  };
  if (help) return { help, json, auto, config: base };

  const url = p.positionals[0];
  if (url === undefined) throw new UsageError('cli.missingUrl');
  noExtraArguments(p, 1);
  const botId = stringFlag(p, '--id', '');
  if (botId === '') throw new UsageError('cli.idRequired');
  if (register && !auto && !mayRegister(dialect)) {
    throw new UsageError('cli.registerRefused', { dialect });
  }
  // Secrets come only from the environment, never from argv (visible in
  // `ps` and shell history), and their values are never echoed.
  const secret = env['SHARDWATCH_SECRET'] ?? '';
  const publicKey = (env['SHARDWATCH_PUBLIC_KEY'] ?? '').trim();
  const missing = [
    secret === '' ? 'SHARDWATCH_SECRET' : null,
    publicKey === '' ? 'SHARDWATCH_PUBLIC_KEY' : null,
  ].filter((v): v is string => v !== null);
  if (missing.length > 0) {
    throw missing.length === 2
      ? new UsageError('cli.setBothSecrets')
      : new UsageError('cli.setSecrets', { name: missing[0] ?? '' });
  }
  // With `auto` the key is checked again once the dialect is known.
  const keyProblem = checkPublicKey(publicKey, dialect);
  if (keyProblem !== null)
    throw new UsageError('cli.flagProblem', { name: 'SHARDWATCH_PUBLIC_KEY', problem: keyProblem });
  return { help, json, auto, config: { ...base, url, botId: botId.trim(), secret, publicKey } };
}
