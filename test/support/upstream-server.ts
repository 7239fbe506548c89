/**
 * The real http-interaction 0.2.2 server (the binary beside the repository,
 * see {@link UPSTREAM_BIN}; docs/protocol.md §7), started
 * for one test: a fresh temporary directory (it reads `.env` from its working
 * directory and every parent), its configuration in environment variables, a
 * free loopback port, and stopped by its PID.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from './temp-dir';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the binary is: `SHARDWATCH_UPSTREAM_BIN`, else the shared folder next to the repository. */
export const UPSTREAM_BIN =
  process.env['SHARDWATCH_UPSTREAM_BIN'] ??
  resolve(REPO_ROOT, '../shared/upstream/http-interaction');

/** Why the real server cannot run here, or null when it can. */
export function upstreamMissing(): string | null {
  try {
    accessSync(UPSTREAM_BIN, constants.X_OK);
    return null;
  } catch {
    return `the real http-interaction 0.2.2 server is not at ${UPSTREAM_BIN} (or not executable); set SHARDWATCH_UPSTREAM_BIN to run these tests against it`;
  }
}

/** Configuration of one server. `null` leaves the variable unset (the server then crashes per connection). */
export interface UpstreamConfig {
  botId: string;
  secret: string | null;
  publicKey: string;
}

/** A running server. */
export interface UpstreamServer {
  port: number;
  /** `ws://127.0.0.1:PORT/gateway`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  http: string;
  /** Everything it printed (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolvePort(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}

/** Start the real server and resolve once its port accepts connections (at most 10 s). */
export async function startUpstream(config: UpstreamConfig): Promise<UpstreamServer> {
  const dir = makeTempDir('shardwatch-upstream-');
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    PORT: String(port),
    PUBLIC_KEY: config.publicKey,
    BOTS_DISCORD: config.botId,
  };
  if (config.secret !== null) env['KEY_SECRET'] = config.secret;
  const child = spawn(UPSTREAM_BIN, ['-l', 'info'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGKILL');
      await exited(child);
    }
    removeTempDir(dir);
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(
        `the real server exited (${child.exitCode}) before listening: ${out.slice(-500)}`,
      );
    }
    if (await accepts(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the real server did not listen on ${port} within 10 s: ${out.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    url: `ws://127.0.0.1:${port}/gateway`,
    http: `http://127.0.0.1:${port}`,
    output: () => out,
    stop,
  };
}
