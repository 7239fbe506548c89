/**
 * `npm start`: build, then run the desktop app. Where Electron cannot start
 * (its binary cannot be downloaded, or there is no display) say why in one
 * message and serve the same UI in the browser instead (docs/architecture.md §1).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './data-dir';
import { startBrowserMode } from './serve';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function build(): boolean {
  const bin = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

/** Why Electron cannot run here, or null when it should. */
function electronBlocker(): { reason: string; binary: string | null } {
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return {
      reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
      binary: null,
    };
  }
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)', binary: null };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const binaryPath = (): string | null =>
    existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  let binary = binaryPath();
  if (!binary || !existsSync(binary)) {
    process.stderr.write('Fetching the Electron runtime (first start only)…\n');
    const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    binary = binaryPath();
    if (r.status !== 0 || !binary || !existsSync(binary)) {
      return {
        reason: 'the Electron runtime could not be downloaded on this machine',
        binary: null,
      };
    }
  }
  return { reason: '', binary };
}

async function fallback(reason: string): Promise<number> {
  let mode;
  try {
    mode = await startBrowserMode({
      dataDir: defaultDataDir(),
      program: 'Shardwatch in browser mode (npm start)',
    });
  } catch (err) {
    process.stderr.write(
      `Electron cannot start here (${reason}), and browser mode could not start either: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `Electron cannot start here: ${reason}.\nServing the same Shardwatch UI in your browser instead — open:\n  ${mode.server.url}\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await mode.stop();
  return 0;
}

async function main(): Promise<number> {
  if (!build()) {
    process.stderr.write('The build failed (see above). Fix it, then run npm start again.\n');
    return 1;
  }
  const { reason, binary } = electronBlocker();
  if (!binary) return fallback(reason);
  const startedAt = Date.now();
  const child = spawn(binary, [root], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  if (code !== 0 && Date.now() - startedAt < 10_000) {
    const line = stderr.split('\n').find((l) => l.trim().length > 0) ?? `exit code ${code}`;
    return fallback(`Electron exited at start (${line.trim().slice(0, 160)})`);
  }
  return code;
}

process.exitCode = await main();
