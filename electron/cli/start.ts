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
import { cliSay } from './args';
import { DataFolderError } from '../core/data-folder/open';
import { wordNotice } from '../../shared/i18n/translator';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What `npm start` says, in the language of the locale like the rest of the command line. */
const say = cliSay();

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
    return { reason: say('cliOut.startNoDisplay'), binary: null };
  }
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: say('cliOut.startNoElectron'), binary: null };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const binaryPath = (): string | null =>
    existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  let binary = binaryPath();
  if (!binary || !existsSync(binary)) {
    process.stderr.write(`${say('cliOut.startFetching')}\n`);
    const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    binary = binaryPath();
    if (r.status !== 0 || !binary || !existsSync(binary)) {
      return { reason: say('cliOut.startNoDownload'), binary: null };
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
    const why =
      err instanceof DataFolderError
        ? wordNotice(err.wording, say)
        : err instanceof Error
          ? err.message
          : String(err);
    process.stderr.write(`${say('cliOut.startNeither', { reason, why })}\n`);
    return 1;
  }
  process.stdout.write(
    `${say('cliOut.startFallback', { reason })}\n  ${mode.server.url}\n${say('cliOut.pressCtrlC')}\n`,
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
    process.stderr.write(`${say('cliOut.startBuildFailed')}\n`);
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
    return fallback(say('cliOut.startExited', { line: line.trim().slice(0, 160) }));
  }
  return code;
}

process.exitCode = await main();
