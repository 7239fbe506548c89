/**
 * The one flag parser of the `shardwatch` commands (`probe`, `sim`, `serve`).
 * CLI flags are untrusted input (docs/architecture.md §3.3): every bad flag
 * becomes a {@link UsageError} whose message names the flag and says what it
 * takes, and {@link usageLine} turns it into one line pointing at `--help`.
 */

import {
  createTranslator,
  processLanguages,
  sayEnglish,
  type EngineKey,
  type MessageParams,
  type Say,
  type Translator,
} from '../../shared/i18n/translator';

/**
 * A bad command line; the message names the flag. Exit code 2. It carries
 * its catalogue key, so {@link usageLine} words it in the CLI's language;
 * `message` is the English wording (for logs and `throw` traces).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly key: EngineKey,
    readonly params: MessageParams = {},
  ) {
    super(sayEnglish(key, params));
  }
  /** The message in `say`'s language. */
  say(say: Say): string {
    return say(this.key, this.params);
  }
}

/** How one flag is read. */
export type FlagSpec =
  /** Any non-empty text; `check` returns what is wrong with it, or null. */
  | { kind: 'string'; check?: (value: string) => string | null }
  | { kind: 'int'; min: number; max: number }
  /** A finite decimal number (fractions allowed). */
  | { kind: 'number'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] };

/** Parsed flags and positional arguments. */
export interface ParsedFlags {
  flags: Map<string, string | number | boolean>;
  positionals: string[];
}

/** Longest piece of user input quoted back in a message. */
const QUOTE_MAX = 40;

function quoted(raw: string): string {
  return `"${raw.slice(0, QUOTE_MAX)}${raw.length > QUOTE_MAX ? '…' : ''}"`;
}

/**
 * Parse `argv` against `spec` (keys are flag names with their dashes, e.g.
 * `--port`). Accepts `--flag value` and `--flag=value`; `-h`/`--help` sets
 * `--help`. A flag that needs a value and is followed by another flag has
 * none.
 */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>): ParsedFlags {
  const flags = new Map<string, string | number | boolean>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') {
      flags.set('--help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const def = spec[name];
    if (!def) throw new UsageError('cli.unknownOption', { name: name.slice(0, QUOTE_MAX) });
    if (def.kind === 'bool') {
      if (eq > 0) throw new UsageError('cli.takesNoValue', { name });
      flags.set(name, true);
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      if (raw !== undefined && raw.startsWith('--')) raw = undefined;
      else i++;
    }
    if (raw === undefined) throw new UsageError('cli.needsValue', { name });
    flags.set(name, readValue(name, raw, def));
  }
  return { flags, positionals };
}

function readValue(name: string, raw: string, def: FlagSpec): string | number {
  switch (def.kind) {
    case 'int': {
      const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < def.min || n > def.max) {
        throw new UsageError('cli.wholeNumber', {
          name,
          min: def.min,
          max: def.max,
          raw: quoted(raw),
        });
      }
      return n;
    }
    case 'number': {
      const n = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || n < def.min || n > def.max) {
        throw new UsageError('cli.number', { name, min: def.min, max: def.max, raw: quoted(raw) });
      }
      return n;
    }
    case 'enum':
      if (!def.values.includes(raw)) {
        throw new UsageError('cli.oneOf', {
          name,
          values: def.values.join(', '),
          raw: quoted(raw),
        });
      }
      return raw;
    case 'string': {
      if (raw.trim().length === 0) throw new UsageError('cli.needsValue', { name });
      const problem = def.check?.(raw) ?? null;
      if (problem !== null) throw new UsageError('cli.flagProblem', { name, problem });
      return raw;
    }
    case 'bool':
      return raw;
  }
}

/** Read a parsed number flag with a default. */
export function intFlag(p: ParsedFlags, name: string, fallback: number): number {
  const v = p.flags.get(name);
  return typeof v === 'number' ? v : fallback;
}

/** Read a parsed string flag with a default. */
export function stringFlag<T extends string>(
  p: ParsedFlags,
  name: string,
  fallback: T,
): string | T {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : fallback;
}

/** Whether a boolean flag was given. */
export function boolFlag(p: ParsedFlags, name: string): boolean {
  return p.flags.get(name) === true;
}

/** Refuse positional arguments beyond the first `allowed`. */
export function noExtraArguments(p: ParsedFlags, allowed = 0): void {
  const extra = p.positionals[allowed];
  if (extra !== undefined) throw new UsageError('cli.unexpected', { raw: quoted(extra) });
}

/**
 * A usage error as one line: what is wrong, and where the options are.
 * (The whole help buries the one thing that went wrong.) Worded by `say`:
 * the CLI's language ({@link cliSay}).
 */
export function usageLine(
  command: string,
  problem: UsageError | string,
  say: Say = sayEnglish,
): string {
  const message = typeof problem === 'string' ? problem : problem.say(say);
  return say('cli.usageLine', { command, message });
}

/**
 * The CLI's language: the process's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`,
 * `LANGUAGE`), Portuguese for any `pt_*`, English otherwise. The command
 * line has no settings of its own to follow.
 */
export function cliSay(env: Readonly<Record<string, string | undefined>> = process.env): Say {
  return cliTranslator(env).say;
}

/** The CLI's translator ({@link cliSay}), for output that also writes numbers. */
export function cliTranslator(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Translator {
  return createTranslator('system', processLanguages(env));
}
