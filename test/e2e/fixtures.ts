/**
 * Playwright fixtures for browser mode (docs/architecture.md §1): each test gets its own
 * `shardwatch serve` child process on a free port with a fresh data folder,
 * and the bridge WebSocket traffic of the page for leak checks.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { ENGLISH_LOCALE } from '../support/locale';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The page address `serve` prints, in whichever language its locale gives it. */
const URL_LINE = /(http:\/\/\S+\/\?token=\S+)/;

/** A running `shardwatch serve`. */
export interface ServeInstance {
  /** Page URL including `?token=` (a new token after a restart). */
  readonly url: string;
  dataDir: string;
  /** Everything the process printed (stdout + stderr), for failure messages. */
  output(): string;
  /** Stop the server now, keeping its data folder (a test of the page without it); idempotent. */
  stop(): Promise<void>;
  /** Start it again on the same port with the same data folder. */
  restart(): Promise<void>;
}

/** The page URL for a screen: `app.url` plus a hash route. */
export function at(app: ServeInstance, hash: string): string {
  return `${app.url}${hash}`;
}

/**
 * Resolves once no process of group `pgid` is left (the SIGKILL of `stop` ends
 * a slow one), or after 10 s: a process no one reaps stays a zombie.
 */
async function groupGone(pgid: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One `shardwatch serve` process; `stop` ends it and everything it started. */
async function spawnServe(
  port: number,
  dataDir: string,
  env: Readonly<Record<string, string>>,
): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  let output = '';
  // detached: the child leads its own process group, so stop() can end npx
  // and the node process it starts, by that group's id and nothing else.
  const child: ChildProcess = spawn(
    'npx',
    ['shardwatch', 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`shardwatch serve printed no URL within 60 s:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const m = URL_LINE.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`shardwatch serve exited with ${code} before printing its URL:\n${output}`));
    });
  });

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const slow = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      await exited;
      // npx exits at once; the node process it started may still be closing its
      // files (the history flush recreates them), so wait for the whole group.
      await groupGone(child.pid);
      clearTimeout(slow);
    }
  }
  return { url, output: () => output, stop };
}

/**
 * Fills a fresh data folder before `shardwatch serve` starts on it (days of
 * history, say). An object: Playwright would take a bare function for a fixture.
 */
export interface DataSeed {
  fill(dataDir: string): Promise<void>;
}

async function startServe(
  seed: DataSeed | null,
  env: Readonly<Record<string, string>>,
): Promise<{ instance: ServeInstance; stop: () => Promise<void> }> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:app` (npm run test:e2e does).');
  }
  const dataDir = makeTempDir('shardwatch-e2e-');
  try {
    await seed?.fill(dataDir);
  } catch (err) {
    removeTempDir(dataDir);
    throw err;
  }
  let run = await spawnServe(0, dataDir, env);
  let stopped: Promise<void> | null = null;
  const instance: ServeInstance = {
    get url() {
      return run.url;
    },
    dataDir,
    output: () => run.output(),
    stop: () => (stopped ??= run.stop()),
    async restart() {
      await instance.stop();
      run = await spawnServe(Number(new URL(run.url).port), dataDir, env);
      stopped = null;
    },
  };
  return {
    instance,
    async stop() {
      await instance.stop();
      // npx may exit before the node process it started has closed its files.
      removeTempDir(dataDir);
    },
  };
}

/** Frames seen on the page's bridge WebSocket. */
export interface BridgeFrames {
  received: string[];
  sent: string[];
}

/** Record every frame of every WebSocket the page opens (the bridge). */
export function recordBridgeFrames(page: Page): BridgeFrames {
  const frames: BridgeFrames = { received: [], sent: [] };
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) =>
      frames.received.push(
        typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1'),
      ),
    );
    ws.on('framesent', (f) =>
      frames.sent.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1')),
    );
  });
  return frames;
}

/** Where screenshots go, so anyone can look at what the user sees (docs/architecture.md §5). */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** A `serveEnv` for a machine whose locale is English. */
export const ENGLISH_SYSTEM: Readonly<Record<string, string>> = ENGLISH_LOCALE;

export const test = base.extend<{
  app: ServeInstance;
  seed: DataSeed | null;
  serveEnv: Readonly<Record<string, string>>;
}>({
  // A suite that needs a prepared data folder sets it with `test.use({ seed })`.
  seed: [null, { option: true }],
  // Extra environment of `shardwatch serve` (its locale, say): `test.use({ serveEnv })`.
  // English by default, so the suite does not depend on the locale of the machine running it.
  serveEnv: [ENGLISH_SYSTEM, { option: true }],
  app: async ({ seed, serveEnv }, use) => {
    const { instance, stop } = await startServe(seed, serveEnv);
    try {
      await use(instance);
    } finally {
      await stop();
    }
  },
});

export { expect };

/**
 * A `serveEnv` for a machine whose locale is Brazilian Portuguese: "system"
 * means the language of the process running `serve` (docs/architecture.md §4).
 */
export const PORTUGUESE_SYSTEM: Readonly<Record<string, string>> = {
  LANG: 'pt_BR.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
  LANGUAGE: '',
};
