/** The command line of `shardwatch probe` (electron/cli/probe-args.ts). */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/args';
import { parseProbeArgs } from '../../../electron/cli/probe-args';

const ENV = { SHARDWATCH_SECRET: 's', SHARDWATCH_PUBLIC_KEY: 'ab'.repeat(32) };
const URL = 'ws://127.0.0.1:3030/gateway';

const refusal = (argv: string[], env: Record<string, string> = ENV): string => {
  try {
    parseProbeArgs(argv, env);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('parseProbeArgs', () => {
  it('pings only unless --register; auto detects; secrets only from the environment', () => {
    const a = parseProbeArgs([URL, '--id', '42'], ENV);
    expect(a).toMatchObject({ auto: false, json: false, help: false });
    expect(a.config).toMatchObject({
      url: URL,
      dialect: 'documented',
      register: false,
      botId: '42',
      secret: 's',
    });
    expect(parseProbeArgs([URL, '--id', '42', '--register'], ENV).config.register).toBe(true);
    expect(parseProbeArgs([URL, '--id', '42', '--dialect', 'auto'], ENV).auto).toBe(true);
    // The key is trimmed: surrounding blanks are not part of it.
    expect(
      parseProbeArgs([URL, '--id', '42'], {
        ...ENV,
        SHARDWATCH_PUBLIC_KEY: ` ${ENV.SHARDWATCH_PUBLIC_KEY} `,
      }).config.publicKey,
    ).toBe(ENV.SHARDWATCH_PUBLIC_KEY);
  });

  it('refuses, saying why: register on 0.2.2, a bad id, a key with a blank, a missing URL', () => {
    expect(
      refusal([URL, '--id', '42', '--dialect', 'http-interaction-0.2.2', '--register']),
    ).toMatch(/--register is refused with --dialect http-interaction-0.2.2/);
    expect(refusal([URL, '--id', 'x'])).toMatch(/^--id: The bot id must be 1 to 20 digits/);
    expect(refusal([URL, '--id', '42'], { ...ENV, SHARDWATCH_PUBLIC_KEY: 'a b' })).toMatch(
      /blank inside/,
    );
    expect(refusal(['--id', '42'])).toMatch(/missing the gateway URL/);
    expect(refusal([URL, 'extra', '--id', '42'])).toBe('unexpected argument "extra"');
  });

  it('--help needs nothing else', () => {
    expect(parseProbeArgs(['--help'], {}).help).toBe(true);
  });
});
