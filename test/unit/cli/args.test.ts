/** The one flag parser of the `shardwatch` commands (electron/cli/args.ts). */
import { describe, expect, it } from 'vitest';
import { UsageError, cliSay, parseFlags, usageLine } from '../../../electron/cli/args';
import type { FlagSpec } from '../../../electron/cli/args';

const SPEC: Record<string, FlagSpec> = {
  '--port': { kind: 'int', min: 0, max: 65535 },
  '--latency': { kind: 'number', min: 0, max: 1000 },
  '--mode': { kind: 'enum', values: ['a', 'b'] },
  '--id': { kind: 'string', check: (v) => (/^\d+$/.test(v) ? null : 'digits only') },
  '--json': { kind: 'bool' },
};

const fails = (argv: string[]): string => {
  try {
    parseFlags(argv, SPEC);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('parsed');
};

describe('parseFlags', () => {
  it('reads both spellings, every kind, positionals and --help', () => {
    const p = parseFlags(
      ['url', '--port=80', '--latency', '2.5', '--mode', 'b', '--id', '7', '--json', '-h'],
      SPEC,
    );
    expect(Object.fromEntries(p.flags)).toEqual({
      '--port': 80,
      '--latency': 2.5,
      '--mode': 'b',
      '--id': '7',
      '--json': true,
      '--help': true,
    });
    expect(p.positionals).toEqual(['url']);
  });

  it('says what is wrong with each flag, naming it', () => {
    expect(fails(['--nope'])).toBe('unknown option --nope');
    expect(fails(['--port', '70000'])).toBe(
      '--port must be a whole number from 0 to 65535, got "70000"',
    );
    expect(fails(['--latency', '-1'])).toBe('--latency must be a number from 0 to 1000, got "-1"');
    expect(fails(['--mode', 'c'])).toBe('--mode must be one of a, b, got "c"');
    expect(fails(['--id', 'x1'])).toBe('--id: digits only');
    expect(fails(['--json=yes'])).toBe('--json takes no value');
    // A flag followed by another flag has no value (and does not swallow it).
    expect(fails(['--port', '--json'])).toBe('--port needs a value');
    expect(fails(['--port'])).toBe('--port needs a value');
    expect(fails(['--id', '   '])).toBe('--id needs a value');
  });

  it('quotes at most 40 characters of what the user typed', () => {
    expect(fails(['--mode', 'x'.repeat(100)])).toBe(
      `--mode must be one of a, b, got "${'x'.repeat(40)}…"`,
    );
  });
});

describe('usageLine', () => {
  it('is one line: what is wrong, and where the options are', () => {
    expect(usageLine('probe', '--count needs a value')).toBe(
      'shardwatch probe: --count needs a value. Run "shardwatch probe --help" for the options.',
    );
  });
});

describe('usage errors in the CLI language', () => {
  it('follow LANG: Portuguese for pt_BR, flags and commands as typed', () => {
    const pt = cliSay({ LANG: 'pt_BR.UTF-8' });
    let caught: unknown;
    try {
      parseFlags(['--count', 'many'], { '--count': { kind: 'int', min: 1, max: 10 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect(usageLine('probe', caught as UsageError, pt)).toBe(
      'shardwatch probe: --count precisa ser um número inteiro de 1 a 10; recebido "many". Execute "shardwatch probe --help" para ver as opções.',
    );
    // The same error in an English (or unknown) locale.
    expect(usageLine('probe', caught as UsageError, cliSay({ LANG: 'de_DE.UTF-8' }))).toBe(
      'shardwatch probe: --count must be a whole number from 1 to 10, got "many". Run "shardwatch probe --help" for the options.',
    );
  });
});
