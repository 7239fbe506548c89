/**
 * The `shardwatch` bin entry (what `npx shardwatch` and `npm run shardwatch`
 * run) started as a child process, the way the core-load benchmark starts
 * its simulator: it must print where it listens, serve real clients and stop
 * cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim';

const BIN = 'bin/shardwatch.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

function runCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => out, exited };
}

describe('the shardwatch bin entry in a child process', () => {
  it('prints the usage for --help', async () => {
    const run = runCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Usage: shardwatch <command>');
  });

  it('`serve` with a data folder that is a file says so and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardwatch-cli-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      const run = runCli(['serve', '--port', '0', '--no-demo', '--data-dir', file]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('is a file, not a folder; choose another with --data-dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`sim --port 0` listens on loopback, accepts a client, and stops on SIGTERM', async () => {
    const run = runCli(['sim', '--port', '0', '--dialect', 'documented']);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in: ${run.output()}`)), 15_000);
      const check = (): void => {
        const m = /listening on (ws:\/\/127\.0\.0\.1:\d+\/gateway)/.exec(run.output());
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        } else setTimeout(check, 20);
      };
      check();
    });
    // Demo credentials are in force: the upgrade is accepted and HELLO arrives.
    const hello = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: {
          Identification: DEFAULT_SIM_CREDENTIALS.botId,
          Secret: DEFAULT_SIM_CREDENTIALS.secret,
          'Public-Key': DEFAULT_SIM_CREDENTIALS.publicKey,
          'Shard-In': '0',
          'Shard-Total': '1',
        },
      });
      ws.once('message', (data) => {
        ws.close();
        resolve(String(data));
      });
      ws.once('error', reject);
    });
    expect(JSON.parse(hello)).toMatchObject({ event: 'GATEWAY_HELLO' });

    const pid = run.child.pid;
    if (pid === undefined) throw new Error('no pid');
    process.kill(pid, 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('shardwatch sim: stopped');
  });
});
