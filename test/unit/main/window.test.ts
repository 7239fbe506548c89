import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { Session } from 'electron';
import { APP_INDEX_URL, contentSecurityPolicy } from '../../../electron/main/app-protocol';
import { createMainWindow, hardenSession } from '../../../electron/main/window';
import {
  electronMock,
  MockBrowserWindow,
  MockEvent,
  resetElectronMock,
} from '../../support/electron-mock';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-window-');
let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = tempDir();
});

const lines: string[] = [];
function open(opts: { show?: boolean; devServerUrl?: string } = {}) {
  lines.length = 0;
  const w = createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    stateFile: join(dir, 'window-state.json'),
    show: opts.show ?? true,
    devTools: false,
    log: (l) => lines.push(l),
    ...(opts.devServerUrl ? { devServerUrl: opts.devServerUrl } : {}),
  });
  const mock = MockBrowserWindow.instances.at(-1)!;
  return { w, mock, wc: mock.webContents };
}
const navEvent = (url: string, isMainFrame = true) =>
  Object.assign(new MockEvent(), { url, isMainFrame });

describe('main window', () => {
  it('locks down webPreferences', () => {
    const { mock } = open();
    for (const win of MockBrowserWindow.instances) {
      expect(win.options['webPreferences']).toMatchObject({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      });
    }
    expect(mock.options['show']).toBe(false);
  });

  it('loads the renderer from app://, or the dev server in development', () => {
    expect(open().wc.getURL()).toBe(APP_INDEX_URL);
    expect(open({ devServerUrl: 'http://localhost:5173/' }).wc.getURL()).toBe(
      'http://localhost:5173/',
    );
  });

  it('shows when ready, or stays hidden when asked to start hidden', () => {
    const shown = open();
    shown.mock.emit('ready-to-show');
    expect(shown.mock.visible).toBe(true);
    const hidden = open({ show: false });
    hidden.mock.emit('ready-to-show');
    expect(hidden.mock.visible).toBe(false);
  });

  it('denies navigation away from the document, allowing hash routes', () => {
    const { wc } = open();
    const hash = navEvent(`${APP_INDEX_URL}#/profiles/p1`);
    wc.emit('will-navigate', hash);
    expect(hash.defaultPrevented).toBe(false);
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://shardwatch/other.html',
      'http://github.com/',
    ]) {
      const e = navEvent(url);
      wc.emit('will-navigate', e);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(electronMock.shell.opened).toEqual([]);
    const sub = navEvent(APP_INDEX_URL, false);
    wc.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
  });

  it('sends allowed https links to the system browser instead of navigating', () => {
    const { wc } = open();
    const e = navEvent('https://github.com/shardwatch');
    wc.emit('will-navigate', e);
    expect(e.defaultPrevented).toBe(true);
    expect(electronMock.shell.opened).toEqual(['https://github.com/shardwatch']);
  });

  it('denies every popup; openExternal only for https on the allowlist', () => {
    const { wc } = open();
    const handler = wc.windowOpenHandler!;
    for (const url of [
      'https://discord.com/developers',
      'http://discord.com/',
      'https://evil.example/',
      'file:///bin/sh',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(electronMock.shell.opened).toEqual(['https://discord.com/developers']);
    expect(lines.filter((l) => l.startsWith('window: refused a popup'))).toHaveLength(5);
  });

  it('refuses webviews', () => {
    const { wc } = open();
    const e = new MockEvent();
    wc.emit('will-attach-webview', e);
    expect(e.defaultPrevented).toBe(true);
  });

  it('remembers size and position, and corrects an off-screen position', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(
      file,
      JSON.stringify({ x: 5000, y: 4000, width: 1000, height: 700, maximized: true }),
    );
    const { mock } = open({ show: false });
    expect(mock.options['x']).toBeUndefined();
    expect(mock.options).toMatchObject({ width: 1000, height: 700 });
    expect(mock.maximized).toBe(false); // not while hidden
    mock.emit('ready-to-show');
    mock.bounds = { x: 40, y: 50, width: 1100, height: 720 };
    mock.emit('close', new MockEvent());
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 40,
      y: 50,
      width: 1100,
      height: 720,
      maximized: false,
    });
    const again = open();
    expect(again.mock.options).toMatchObject({ x: 40, y: 50, width: 1100, height: 720 });
  });

  it('maximizes a remembered maximized window when it is first shown', () => {
    writeFileSync(
      join(dir, 'window-state.json'),
      JSON.stringify({ width: 1000, height: 700, maximized: true }),
    );
    const { w, mock } = open({ show: false });
    w.show();
    expect(mock.maximized).toBe(true);
    expect(mock.visible).toBe(true);
  });
});

describe('session hardening', () => {
  function harden() {
    const ses = electronMock.session.defaultSession;
    const logged: string[] = [];
    hardenSession(ses as unknown as Session, {
      csp: contentSecurityPolicy(),
      log: (l) => logged.push(l),
    });
    return { ses, logged };
  }

  it('puts the CSP header on every response, replacing any other', () => {
    const { ses } = harden();
    let result: { responseHeaders?: Record<string, string | string[]> } = {};
    ses.headersListener!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: {
          'content-security-policy': ['default-src *'],
          'Content-Type': ['text/html'],
        },
      },
      (r) => (result = r),
    );
    expect(result.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
  });

  it('denies every permission request and check', () => {
    const { ses, logged } = harden();
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      let granted: boolean | null = null;
      ses.permissionRequestHandler!({}, permission, (g) => (granted = g), {});
      expect(granted, permission).toBe(false);
      expect(ses.permissionCheckHandler!({}, permission, APP_INDEX_URL, {})).toBe(false);
    }
    expect(ses.devicePermissionHandler!({})).toBe(false);
    expect(logged[0]).toMatch(/denied a "notifications" permission/);
  });

  it('refuses downloads', () => {
    const { ses } = harden();
    const e = new MockEvent();
    ses.emit('will-download', e, { getFilename: () => 'x.exe' });
    expect(e.defaultPrevented).toBe(true);
  });
});
