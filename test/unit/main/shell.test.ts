import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { ApiResult } from '../../../shared/api';
import type { ProfileView } from '../../../shared/profile-model';
import { defaultProfileInput } from '../../../shared/profile-validation';
import type { AppCore, AppCoreOptions } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/api';
import type { DesktopShell, DesktopShellOptions } from '../../../electron/main/shell';
import { startDesktopShell } from '../../../electron/main/shell';
import { APP_INDEX_URL, APP_SCHEME } from '../../../electron/main/app-protocol';
import type { E2eHook } from '../../../electron/main/e2e-hook';
import { E2E_HOOK } from '../../../electron/main/e2e-hook';
import {
  electronMock,
  MockBrowserWindow,
  MockEvent,
  MockNotification,
  MockTray,
  resetElectronMock,
} from '../../support/electron-mock';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';
import { sayEnglish, wordNotice } from '../../../shared/i18n/translator';
import { ENGLISH_LOCALE } from '../../support/locale';

let dir: string;
const running: DesktopShell[] = [];
const cores: AppCore[] = [];
beforeEach(() => {
  resetElectronMock();
  dir = makeTempDir('shardwatch-shell-');
});
afterAll(() => resetElectronMock());
afterEach(async () => {
  vi.useRealTimers();
  for (const s of running.splice(0)) await s.quit();
  for (const c of cores.splice(0)) await c.dispose();
  Reflect.deleteProperty(globalThis, E2E_HOOK);
  removeTempDir(dir);
});

/** The options a test starts the shell with; `createCore` records what it made. */
function options(
  over: Partial<DesktopShellOptions> = {},
): DesktopShellOptions & { made: AppCoreOptions[] } {
  const made: AppCoreOptions[] = [];
  return {
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: join(dir, 'renderer'),
    createCore: (o) => {
      made.push(o);
      const core = createAppCore({ ...o, historyFile: null });
      cores.push(core);
      return core;
    },
    platform: 'linux',
    // An English machine: the shell speaks the locale's language.
    env: { ...ENGLISH_LOCALE, SHARDWATCH_DATA_DIR: join(dir, 'data'), SHARDWATCH_LOG_STDERR: '0' },
    made,
    ...over,
  };
}

async function start(over: Partial<DesktopShellOptions> = {}) {
  const opts = options(over);
  const shell = await startDesktopShell(opts);
  if (!shell) throw new Error('shell did not start');
  running.push(shell);
  const win = MockBrowserWindow.instances[0]!;
  win.emit('ready-to-show');
  return { shell, win, opts };
}

describe('desktop shell: start', () => {
  it('quits at once when another instance holds the lock', async () => {
    electronMock.app.singleInstanceLock = false;
    const opts = options();
    expect(await startDesktopShell(opts)).toBeNull();
    expect(electronMock.callsTo('app', 'quit')).toHaveLength(1);
    expect(MockBrowserWindow.instances).toHaveLength(0);
    expect(opts.made).toHaveLength(0);
  });

  it('wires the core with the desktop ports and userData', async () => {
    const { opts, win } = await start();
    const o = opts.made[0]!;
    expect(o.mode).toBe('electron');
    expect(o.dataDir).toBe(join(dir, 'data'));
    expect(o.secretStorage?.info()).toMatchObject({
      backend: 'electron-safestorage',
      strong: true,
    });
    expect(typeof o.cipher.encrypt).toBe('function');
    expect(typeof o.notifier.notify).toBe('function');
    expect(win.webContents.getURL()).toBe(APP_INDEX_URL);
    expect(win.visible).toBe(true);
  });

  it('sets the Windows AppUserModelID to the appId, so notifications show', async () => {
    await start({ platform: 'win32' });
    expect(electronMock.callsTo('app', 'setAppUserModelId')[0]?.args).toEqual([
      'dev.shardwatch.app',
    ]);
  });

  it('registers the app: scheme before anything else and hardens the session', async () => {
    await start();
    expect(electronMock.calls[0]).toMatchObject({
      target: 'protocol',
      method: 'registerSchemesAsPrivileged',
    });
    expect(electronMock.protocol.handlers.has(APP_SCHEME)).toBe(true);
    const ses = electronMock.session.defaultSession;
    expect(ses.headersListener).not.toBeNull();
    expect(ses.permissionCheckHandler?.({}, 'media', '', {})).toBe(false);
  });

  it('shows a second launch the existing window', async () => {
    const { win } = await start();
    win.hide();
    win.minimize();
    electronMock.app.emit('second-instance', new MockEvent(), ['shardwatch'], '/');
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(win.minimized).toBe(false);
    expect(MockBrowserWindow.instances).toHaveLength(1);
  });

  it('starts hidden when the setting says so, until asked to show', async () => {
    const first = await start();
    expect(
      await first.shell.core.api['command:update-settings']({ startHidden: true }),
    ).toMatchObject({ ok: true });
    await first.shell.quit();
    resetElectronMock();
    const { win } = await start();
    expect(win.visible).toBe(false);
    electronMock.app.emit('second-instance');
    expect(win.visible).toBe(true);
  });

  it('reports a failure to start and exits', async () => {
    const opts = options({
      createCore: () => {
        throw new Error('profiles folder is not writable');
      },
    });
    expect(await startDesktopShell(opts)).toBeNull();
    expect(electronMock.callsTo('dialog', 'showErrorBox')[0]?.args[1]).toMatch(/not writable/);
    expect(electronMock.callsTo('app', 'exit')[0]?.args).toEqual([1]);
  });
});

describe('desktop shell: close and quit', () => {
  it('hides to the tray on close, with a hint shown once ever', async () => {
    const { win } = await start();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    expect(MockNotification.instances).toHaveLength(1);
    expect(MockNotification.instances[0]!.options['title']).toMatch(/still running/);
    win.show();
    win.close();
    expect(MockNotification.instances).toHaveLength(1);
  });

  it('quits from the tray: disposes the core, tray and IPC, then exits', async () => {
    const { shell } = await start();
    running.splice(0);
    const dispose = vi.spyOn(shell.core, 'dispose');
    MockTray.instances[0]!.menu!.click('quit');
    await vi.waitFor(() => expect(electronMock.callsTo('app', 'exit')).toHaveLength(1));
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(MockTray.instances[0]!.destroyed).toBe(true);
    expect(electronMock.ipcMain.handlers.size).toBe(0);
    // Once exiting, before-quit is no longer held back.
    const late = new MockEvent();
    electronMock.app.emit('before-quit', late);
    expect(late.defaultPrevented).toBe(false);
  });

  it('exits within 3 s even when connections do not close', async () => {
    vi.useFakeTimers();
    const opts = options();
    const createCore = opts.createCore;
    opts.createCore = (o) => {
      const core = createCore(o);
      return { ...core, dispose: () => new Promise<void>(() => {}) };
    };
    const shell = (await startDesktopShell(opts))!;
    const event = new MockEvent();
    electronMock.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(electronMock.callsTo('app', 'exit')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(electronMock.callsTo('app', 'exit')[0]?.args).toEqual([0]);
    // A second quit request does not start a second shutdown.
    await shell.quit();
    expect(electronMock.callsTo('app', 'exit')).toHaveLength(1);
  });
});

describe('desktop shell: settings, power, tray, notifications', () => {
  it('applies launch at login at start and when the setting changes', async () => {
    electronMock.app.isPackaged = true;
    const { shell } = await start({ platform: 'darwin' });
    expect(electronMock.callsTo('app', 'setLoginItemSettings').map((c) => c.args[0])).toEqual([
      { openAtLogin: false },
    ]);
    await shell.core.api['command:update-settings']({ launchAtLogin: true });
    await vi.waitFor(() =>
      expect(electronMock.callsTo('app', 'setLoginItemSettings').map((c) => c.args[0])).toEqual([
        { openAtLogin: false },
        { openAtLogin: true },
      ]),
    );
    // Another setting changes: once the shell has been handed that delta (its
    // listener was added first, so it ran before this one), nothing new was applied.
    let soundPushed = false;
    const off = shell.core.on('event:delta', (d) => {
      if (d.settings?.notificationSound === true) soundPushed = true;
    });
    await shell.core.api['command:update-settings']({ notificationSound: true });
    await vi.waitFor(() => expect(soundPushed).toBe(true));
    off();
    expect(electronMock.callsTo('app', 'setLoginItemSettings')).toHaveLength(2);
  });

  it('reconnects after sleep and reads the network state again', async () => {
    const { shell } = await start();
    const created = (await electronMock.ipcRenderer.invoke('command:create-profile', {
      ...defaultProfileInput(),
      name: 'Bot',
      url: 'ws://127.0.0.1:9/gateway',
      botId: '1100000000000000001',
      publicKey: 'pk-1',
      secret: 'sk-1',
    })) as ApiResult<ProfileView>;
    if (!created.ok) throw new Error(created.error.message);
    const status = async () => {
      const snap = await shell.core.api['query:snapshot']();
      return snap.ok ? snap.value.status[created.value.id] : undefined;
    };
    // Woken without a network: the profile says it is offline.
    electronMock.net.online = false;
    electronMock.powerMonitor.emit('resume');
    expect((await status())?.detail).toMatch(/offline/);
    // Woken with the network back: no longer offline, and a fresh attempt is counted.
    const reconnects = (await status())?.counters.reconnects ?? -1;
    electronMock.net.online = true;
    electronMock.powerMonitor.emit('resume');
    const after = await status();
    expect(after?.detail).not.toMatch(/offline/);
    expect(after?.counters.reconnects).toBe(reconnects + 1);
  });

  it('shows the tray model from the core', async () => {
    const { shell } = await start();
    const tray = MockTray.instances[0]!;
    expect(tray.tooltip).toBe(shell.core.tray().tooltip);
    expect(shell.core.tray().state).toBe('no-profiles');
    tray.menu!.click('pause');
    await vi.waitFor(async () => {
      const snap = await shell.core.api['query:snapshot']();
      expect(snap.ok && snap.value.snooze.paused).toBe(true);
    });
  });

  it('opens the window at the profile when an incident notification is clicked', async () => {
    const { opts, win } = await start();
    win.hide();
    opts.made[0]!.notifier.notify({
      title: 'Shardwatch · Prod: 3 of 16 shards down',
      body: 'Shards 1, 2 and 3 are down.',
      severity: 'critical',
      profileId: 'p-prod',
      shardId: null,
      incidentId: 'i-1',
    });
    const note = MockNotification.instances.at(-1)!;
    expect(note.options).toMatchObject({
      title: 'Shardwatch · Prod: 3 of 16 shards down',
      silent: true,
    });
    note.click();
    expect(win.visible).toBe(true);
    expect(
      win.webContents.sent.filter((s) => s.channel === 'event:open').map((s) => s.args[0]),
    ).toEqual([{ profileId: 'p-prod', shardId: null }]);
  });

  it("answers command:choose-secret-storage through the core, with the shell's choice (basic_text)", async () => {
    electronMock.safeStorage.config.backend = 'basic_text';
    electronMock.safeStorage.config.available = false;
    const { shell } = await start();
    const snap = await shell.core.api['query:snapshot']();
    expect(snap.ok && snap.value.secretStorage).toMatchObject({
      backend: 'basic_text',
      strong: false,
    });
    expect(
      snap.ok &&
        snap.value.notices.some((n) => n.level === 'warning' && n.message.includes('basic_text')),
    ).toBe(true);
    const r = await electronMock.ipcRenderer.invoke('command:choose-secret-storage', 'store-weak');
    expect(r).toMatchObject({ ok: true, value: { backend: 'basic_text', strong: false } });
    const after = await shell.core.api['query:snapshot']();
    expect(after.ok && wordNotice(after.value.secretStorage.description, sayEnglish)).toMatch(
      /fixed key/,
    );
    // The confirmation reaches the user as a notice.
    expect(after.ok && after.value.notices.length).toBeGreaterThan(
      snap.ok ? snap.value.notices.length : 0,
    );
  });

  it("passes the window's online and offline reports to the core", async () => {
    const { shell } = await start();
    const created = (await electronMock.ipcRenderer.invoke('command:create-profile', {
      ...defaultProfileInput(),
      name: 'Bot',
      url: 'ws://127.0.0.1:9/gateway',
      botId: '1100000000000000001',
      publicKey: 'pk-1',
      secret: 'sk-1',
    })) as ApiResult<ProfileView>;
    if (!created.ok) throw new Error(created.error.message);
    const detail = async (): Promise<string | null | undefined> => {
      const snap = await shell.core.api['query:snapshot']();
      return snap.ok ? snap.value.status[created.value.id]?.detail : undefined;
    };
    expect(await electronMock.ipcRenderer.invoke('command:set-online', false)).toEqual({
      ok: true,
      value: null,
    });
    expect(await detail()).toMatch(/offline/);
    await electronMock.ipcRenderer.invoke('command:set-online', true);
    expect(await detail()).not.toMatch(/offline/);
  });
});

describe('desktop shell: e2e hook', () => {
  const env = (e2e: boolean) => ({
    ...ENGLISH_LOCALE,
    SHARDWATCH_DATA_DIR: join(dir, 'data'),
    SHARDWATCH_LOG_STDERR: '0',
    ...(e2e ? { SHARDWATCH_E2E: '1' } : {}),
  });
  const hook = () => (globalThis as Record<string, unknown>)[E2E_HOOK] as E2eHook | undefined;

  it('is installed in a development run with SHARDWATCH_E2E=1', async () => {
    const { shell } = await start({ env: env(true) });
    expect(hook()?.tray()).toEqual(shell.core.tray());
    expect(hook()?.windowVisible()).toBe(true);
    expect(hook()?.notifications()).toEqual([]);
  });

  it('is absent without the variable, and in a packaged release build', async () => {
    await start({ env: env(false) });
    expect(hook()).toBeUndefined();
    for (const s of running.splice(0)) await s.quit();
    resetElectronMock();
    electronMock.app.isPackaged = true;
    electronMock.app.appPath = dir; // no package.json with shardwatchE2eBuild here
    await start({ env: env(true) });
    expect(hook()).toBeUndefined();
  });
});
