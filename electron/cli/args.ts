/**
 * A small flag parser for the `shardwatch` commands. CLI flags are untrusted
 * input (docs/architecture.md §3.3): every bad flag becomes a {@link UsageError} whose
 * message names the flag and says what it takes.
 */

/** A bad command line; the message names the flag. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** How one flag is read. */
export type FlagSpec =
  | { kind: 'string'; placeholder?: string }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] };

/** Parsed flags and positional arguments. */
export interface ParsedFlags {
  flags: Map<string, string | number | boolean>;
  positionals: string[];
}

/**
 * Parse `argv` against `spec` (keys are flag names with their dashes, e.g.
 * `--port`). Accepts `--flag value` and `--flag=value`; `-h`/`--help` sets
 * `--help`.
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
    if (!def) throw new UsageError(`unknown option ${name.slice(0, 40)}`);
    if (def.kind === 'bool') {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      i++;
    }
    if (raw === undefined) throw new UsageError(`${name} needs a value`);
    flags.set(name, readValue(name, raw, def));
  }
  return { flags, positionals };
}

function readValue(name: string, raw: string, def: FlagSpec): string | number {
  switch (def.kind) {
    case 'int': {
      const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < def.min || n > def.max) {
        throw new UsageError(
          `${name} must be a whole number from ${def.min} to ${def.max}, got "${raw.slice(0, 40)}"`,
        );
      }
      return n;
    }
    case 'enum':
      if (!def.values.includes(raw)) {
        throw new UsageError(
          `${name} must be one of ${def.values.join(', ')}, got "${raw.slice(0, 40)}"`,
        );
      }
      return raw;
    case 'string':
      if (raw.length === 0) throw new UsageError(`${name} needs a value`);
      return raw;
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
