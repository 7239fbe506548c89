/**
 * The `shardwatch` bin entry (what `npx shardwatch` and `npm run shardwatch`
 * run) started as a child process, the way the core-load benchmark starts
 * its simulator: it must print where it listens, serve real clients and stop
 * cleanly on SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim';
import { runCli } from '../../support/cli-child';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

describe('the shardwatch bin entry in a child process', () => {
  it('prints the usage for --help', async () => {
    const run = runCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Usage: shardwatch <command>');
  });

  it('`serve` with a data folder that is a file says so and exits 1', async () => {
    const dir = makeTempDir('shardwatch-cli-');
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      const run = runCli(['serve', '--port', '0', '--no-demo', '--data-dir', file]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('is a file, not a folder; choose another with --data-dir');
    } finally {
      removeTempDir(dir);
    }
  });

  it('`sim --port 0` listens on loopback, accepts a client, and stops on SIGTERM', async () => {
    const run = runCli(['sim', '--port', '0', '--dialect', 'documented']);
    const url = (await run.waitFor(/listening on (ws:\/\/127\.0\.0\.1:\d+\/gateway)/))[1] ?? '';
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
