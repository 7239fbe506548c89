/**
 * The desktop app and the data-folder lock (docs/reliability.md §13): with
 * `shardwatch serve` (a real child process) on the folder, the desktop app
 * refuses to start with a dialog naming the folder, the PID and `--data-dir`,
 * and makes no core and no window; `--data-dir` on its command line chooses
 * another folder, which it locks while it runs and frees when it quits.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { AppCoreOptions } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/api';
import { LOCK_FILE } from '../../../electron/core/data-folder/lock';
import type { DesktopShellOptions } from '../../../electron/main/shell';
import { startDesktopShell } from '../../../electron/main/shell';
import { electronMock, MockBrowserWindow, resetElectronMock } from '../../support/electron-mock';
import { runCli } from '../../support/cli-child';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-shell-lock-');
let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = tempDir();
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
});

function options(over: Partial<DesktopShellOptions> = {}) {
  const made: AppCoreOptions[] = [];
  const opts: DesktopShellOptions = {
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: join(dir, 'renderer'),
    createCore: (o) => {
      made.push(o);
      return createAppCore({ ...o, historyFile: null });
    },
    platform: 'linux',
    env: { SHARDWATCH_DATA_DIR: join(dir, 'data'), SHARDWATCH_LOG_STDERR: '0' },
    argv: ['electron', '.'],
    ...over,
  };
  return { opts, made };
}

describe('desktop app and the data folder lock', () => {
  it('refuses a folder serve is using, naming the folder, its PID and --data-dir', async () => {
    const data = join(dir, 'data');
    const serve = runCli([
      'serve',
      '--port',
      '0',
      '--no-demo',
      '--data-dir',
      data,
      '--static-dir',
      dir,
    ]);
    await serve.waitFor(/Shardwatch is running at/);
    const { opts, made } = options();
    expect(await startDesktopShell(opts)).toBeNull();
    const [box] = electronMock.callsTo('dialog', 'showErrorBox');
    const text = String(box?.args[1]);
    expect(text).toContain(
      `The data folder ${data} is already in use by shardwatch serve (PID ${serve.child.pid}`,
    );
    expect(text).toContain('--data-dir');
    expect(electronMock.callsTo('app', 'exit')[0]?.args).toEqual([1]);
    expect(made).toHaveLength(0);
    expect(MockBrowserWindow.instances).toHaveLength(0);
    expect(serve.child.exitCode).toBeNull();
    expect(await serve.stop()).toBe(0);
  }, 60_000);

  it('--data-dir chooses the folder; it is locked while the app runs and freed on quit', async () => {
    const other = join(dir, 'elsewhere');
    const { opts, made } = options({ argv: ['electron', '.', '--data-dir', other] });
    const shell = await startDesktopShell(opts);
    expect(shell).not.toBeNull();
    expect(made[0]?.dataDir).toBe(other);
    const lock = JSON.parse(readFileSync(join(other, LOCK_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(lock).toMatchObject({ pid: process.pid, program: 'the Shardwatch desktop app' });
    await shell?.quit();
    expect(existsSync(join(other, LOCK_FILE))).toBe(false);
  });
});
