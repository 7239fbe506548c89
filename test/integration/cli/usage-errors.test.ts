/**
 * Every `shardwatch` command answers a bad command line the same way, as the
 * real bin entry a user runs: one line on stderr saying what is wrong and
 * where the options are, never the whole help, exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli-child';

async function usageError(args: string[]): Promise<string[]> {
  const cli = runCli(args, { SHARDWATCH_SECRET: '', SHARDWATCH_PUBLIC_KEY: '' });
  expect(await cli.exited).toBe(2);
  const lines = cli
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(cli.output()).not.toContain('Usage:');
  return lines;
}

describe('shardwatch: usage errors in one line', () => {
  it.each([
    [['probe', 'ws://127.0.0.1:1/gateway', '--id', '1', '--bogus'], 'probe', '--bogus'],
    [['probe'], 'probe', 'gateway URL'],
    [['sim', '--port', 'x'], 'sim', '--port'],
    [['sim', 'stray'], 'sim', 'stray'],
    [['serve', '--bogus'], 'serve', '--bogus'],
    [['serve', '--port', '99999'], 'serve', '--port'],
    [['serve', 'stray'], 'serve', 'stray'],
  ])('%j names what is wrong and points at its --help', async (args, command, named) => {
    const lines = await usageError(args);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(named);
    expect(lines[0]).toContain(`Run "shardwatch ${command} --help" for the options.`);
  });

  it.each([[['bogus']], [[]]])(
    '%j (no such command, or none) points at shardwatch --help',
    async (args) => {
      const lines = await usageError(args);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('Run "shardwatch --help" for the commands.');
    },
  );
});
