import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { BrowserWindow } from 'electron';
import type { ApiResult } from '../../../shared/api';
import { API_CHANNELS, API_EVENT_CHANNELS } from '../../../shared/api';
import type { PreloadApi } from '../../../shared/bridge';
import { PRELOAD_GLOBAL } from '../../../shared/bridge';
import type { ShardwatchPreload } from '../../../electron/preload/index';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/api';
import { createRecordingNotifier } from '../../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../../electron/core/profiles/secret-cipher';
import { APP_INDEX_URL, isRendererUrl } from '../../../electron/main/app-protocol';
import { createIpcGateway } from '../../../electron/main/ipc-gateway';
import { electronMock, MockBrowserWindow, resetElectronMock } from '../../support/electron-mock';
import { useTempDirs } from '../../support/temp-dir-per-test';

// Compile-time: the preload's own type is the shared PreloadApi the renderer relies on.
const _contract: (api: ShardwatchPreload) => PreloadApi = (api) => api;
void _contract;

async function loadPreload(): Promise<ShardwatchPreload> {
  vi.resetModules();
  await import('../../../electron/preload/index');
  return electronMock.contextBridge.exposed[PRELOAD_GLOBAL] as ShardwatchPreload;
}

const tempDir = useTempDirs('shardwatch-preload-');
let dir: string;
let core: AppCore | null = null;
beforeEach(() => {
  resetElectronMock();
  dir = tempDir();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  // Before the folder goes (useTempDirs' afterEach runs after this one).
  await core?.dispose();
  core = null;
});

describe('preload bridge', () => {
  it('exposes one global with invoke, on, channels and events — nothing else', async () => {
    const api = await loadPreload();
    expect(Object.keys(electronMock.contextBridge.exposed)).toEqual([PRELOAD_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual(['channels', 'events', 'invoke', 'on']);
  });

  it('lists exactly the contract channels and events', async () => {
    const api = await loadPreload();
    expect([...api.channels]).toEqual([...API_CHANNELS]);
    expect([...api.events]).toEqual([...API_EVENT_CHANNELS]);
    expect(Object.isFrozen(api.channels)).toBe(true);
    expect(Object.isFrozen(api.events)).toBe(true);
  });

  it('refuses a channel outside the contract without sending it', async () => {
    const api = await loadPreload();
    for (const channel of ['command:format-disk', 'event:delta', '__proto__', 'toString', 42]) {
      const r = await (api.invoke as (c: unknown) => Promise<ApiResult<unknown>>)(channel);
      expect(r, String(channel)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(electronMock.callsTo('ipcRenderer', 'invoke')).toEqual([]);
  });

  it('carries contract requests to the IPC gateway and the core', async () => {
    const win = new MockBrowserWindow({});
    void win.loadURL(APP_INDEX_URL);
    core = createAppCore({
      dataDir: dir,
      cipher: createMemoryCipher(),
      notifier: createRecordingNotifier(),
      mode: 'electron',
      historyFile: null,
    });
    createIpcGateway({
      core,
      window: () => win as unknown as BrowserWindow,
      isRendererUrl: (u) => isRendererUrl(u),
    });
    const api = await loadPreload();
    const snap = await api.invoke('query:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { mode: 'electron' } });
    // A malformed payload is refused by core.handle's validation.
    expect(await api.invoke('command:delete-profile', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('answers "unavailable" when main does not answer', async () => {
    const api = await loadPreload();
    // No gateway registered: Electron rejects the invoke.
    expect(await api.invoke('query:snapshot')).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('subscribes to contract events with the payload only, and unsubscribes', async () => {
    const api = await loadPreload();
    const got: unknown[][] = [];
    const off = api.on('event:open', (...args: unknown[]) => got.push(args));
    electronMock.ipcRenderer.emit(
      'event:open',
      { sender: 'secret internals' },
      { profileId: 'p', shardId: 2 },
    );
    off();
    electronMock.ipcRenderer.emit('event:open', {}, { profileId: 'q', shardId: null });
    expect(got).toEqual([[{ profileId: 'p', shardId: 2 }]]);
    expect(electronMock.ipcRenderer.listenerCount('event:open')).toBe(0);
  });

  it('refuses to subscribe outside the contract', async () => {
    const api = await loadPreload();
    const on = api.on as (c: unknown, l: unknown) => () => void;
    expect(() => on('query:snapshot', () => {})).toThrow(TypeError);
    expect(() => on('event:delta', 'not a function')).toThrow(TypeError);
    expect(electronMock.ipcRenderer.eventNames()).toEqual([]);
  });

  it('reports the page being online or offline as command:set-online', async () => {
    const listeners = new Map<string, () => void>();
    const navigator = { onLine: true };
    vi.stubGlobal('addEventListener', (type: string, l: () => void) => listeners.set(type, l));
    vi.stubGlobal('navigator', navigator);
    await loadPreload();
    navigator.onLine = false;
    listeners.get('offline')?.();
    navigator.onLine = true;
    listeners.get('online')?.();
    expect(electronMock.callsTo('ipcRenderer', 'invoke').map((c) => c.args)).toEqual([
      ['command:set-online', true],
      ['command:set-online', false],
      ['command:set-online', true],
    ]);
    // Nothing outside the contract is sent.
    expect(electronMock.callsTo('ipcRenderer', 'send')).toEqual([]);
  });
});
