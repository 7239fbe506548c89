import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { BrowserWindow } from 'electron';
import type { ApiEventChannel, ApiEvents, ApiResult } from '../../../shared/api';
import { API_CHANNELS, apiOk } from '../../../shared/api';
import { defaultProfileInput } from '../../../shared/profile-validation';
import type { AppDelta } from '../../../shared/app-state';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/api';
import { createRecordingNotifier } from '../../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../../electron/core/profiles/secret-cipher';
import { APP_INDEX_URL, isRendererUrl } from '../../../electron/main/app-protocol';
import type { IpcGatewayOptions } from '../../../electron/main/ipc-gateway';
import { createIpcGateway } from '../../../electron/main/ipc-gateway';
import {
  electronMock,
  MockBrowserWindow,
  MockWebFrame,
  resetElectronMock,
} from '../../support/electron-mock';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

let dir: string;
let core: AppCore | null = null;
beforeEach(() => {
  resetElectronMock();
  dir = makeTempDir('shardwatch-gateway-');
});
afterEach(async () => {
  await core?.dispose();
  core = null;
  removeTempDir(dir);
});

async function realCore(): Promise<AppCore> {
  core = createAppCore({
    dataDir: dir,
    cipher: createMemoryCipher(),
    notifier: createRecordingNotifier(),
    mode: 'electron',
    historyFile: null,
  });
  await core.start();
  return core;
}

function ourWindow(): MockBrowserWindow {
  const win = new MockBrowserWindow({});
  void win.loadURL(`${APP_INDEX_URL}#/`);
  return win;
}

function gateway(
  c: IpcGatewayOptions['core'],
  win: MockBrowserWindow,
  extra: Partial<IpcGatewayOptions> = {},
) {
  const lines: string[] = [];
  const g = createIpcGateway({
    core: c,
    window: () => win as unknown as BrowserWindow,
    isRendererUrl: (u) => isRendererUrl(u),
    log: (l) => lines.push(l),
    ...extra,
  });
  return { g, lines };
}

const eventFrom = (
  win: MockBrowserWindow,
  frame: MockWebFrame | null = win.webContents.mainFrame,
) => ({
  sender: win.webContents,
  senderFrame: frame,
});
const invoke = (channel: string, event: unknown, ...args: unknown[]) =>
  electronMock.ipcMain.invoke(channel, event, ...args) as Promise<ApiResult<unknown>>;

describe('IPC gateway: requests', () => {
  it('registers exactly the contract channels', async () => {
    const win = ourWindow();
    gateway(await realCore(), win);
    expect([...electronMock.ipcMain.handlers.keys()]).toEqual([...API_CHANNELS]);
  });

  it('answers our window through the core', async () => {
    const win = ourWindow();
    gateway(await realCore(), win);
    const r = await invoke('query:snapshot', eventFrom(win));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ mode: 'electron', profiles: [] });
  });

  it('refuses a foreign sender, a sub-frame and a foreign page, logging once per sender', async () => {
    const win = ourWindow();
    const { lines } = gateway(await realCore(), win);
    const other = new MockBrowserWindow({});
    void other.loadURL(APP_INDEX_URL);
    const sub = new MockWebFrame(APP_INDEX_URL, {
      processId: win.webContents.mainFrame.processId,
      routingId: 9,
    });
    sub.parent = win.webContents.mainFrame;
    const cases = [
      eventFrom(other),
      eventFrom(other),
      eventFrom(win, sub),
      eventFrom(win, null),
      eventFrom(
        win,
        new MockWebFrame('https://evil.example/', {
          processId: win.webContents.mainFrame.processId,
          routingId: 1,
        }),
      ),
    ];
    for (const e of cases) {
      const r = await invoke('command:delete-profile', e, 'p-1');
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    // Our own main frame after it navigated to a foreign URL (cannot happen: navigation is denied; still refused).
    win.webContents.navigate('https://evil.example/');
    expect(await invoke('query:snapshot', eventFrom(win))).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    const refusals = lines.filter((l) => l.startsWith('ipc: refused'));
    // Six refusals from four distinct senders (webContents + origin): four log lines.
    expect(refusals).toHaveLength(4);
    expect(refusals.filter((l) => l.includes(`webContents ${other.webContents.id})`))).toHaveLength(
      1,
    );
  });

  it('rejects malformed payloads through core.handle', async () => {
    const win = ourWindow();
    gateway(await realCore(), win);
    for (const [channel, args] of [
      ['command:delete-profile', [42]],
      ['query:snapshot', ['extra']],
      ['command:update-settings', [{ frameLogSize: 'lots' }]],
      ['command:create-profile', [{ name: 'x' }]],
      ['query:timeline', [{ profileId: 'p', limit: 1e9 }]],
    ] as const) {
      const r = await invoke(channel, eventFrom(win), ...args);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('has no handler for a channel outside the contract', async () => {
    const win = ourWindow();
    gateway(await realCore(), win);
    await expect(invoke('command:format-disk', eventFrom(win))).rejects.toThrow(
      /No handler registered/,
    );
  });

  it('leaves every channel to the core, the one handler (choosing secret storage included)', async () => {
    const win = ourWindow();
    const c = await realCore();
    const handle = vi.spyOn(c, 'handle');
    gateway(c, win);
    // This core was given no secret-storage port (as in browser mode): it says so.
    expect(
      await invoke('command:choose-secret-storage', eventFrom(win), 'session-only'),
    ).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(
      await invoke('command:choose-secret-storage', eventFrom(win), 'plain-text'),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(handle.mock.calls.map((call) => call[0])).toEqual([
      'command:choose-secret-storage',
      'command:choose-secret-storage',
    ]);
  });

  it('hands every secret seen in a request to the log redactor', async () => {
    const win = ourWindow();
    const seen: string[] = [];
    gateway(await realCore(), win, { rememberSecret: (v) => seen.push(v) });
    const input = {
      ...defaultProfileInput(),
      name: 'Bot',
      url: 'wss://gw.example',
      botId: '123',
      secret: 'canary-secret-1',
      publicKey: 'canary-pk-1',
    };
    await invoke('command:create-profile', eventFrom(win), input);
    await invoke('command:export-profiles', eventFrom(win), {
      includeSecrets: true,
      passphrase: 'canary-pass-1',
    });
    expect(seen).toEqual(
      expect.arrayContaining(['canary-secret-1', 'canary-pk-1', 'canary-pass-1']),
    );
  });

  it('removes every handler on dispose', async () => {
    const win = ourWindow();
    const { g } = gateway(await realCore(), win);
    g.dispose();
    expect(electronMock.ipcMain.handlers.size).toBe(0);
  });
});

/** A core stand-in for push tests: deltas are emitted by the test. */
function pushCore() {
  const listeners = new Map<ApiEventChannel, Set<(p: unknown) => void>>();
  const fake = {
    handle: async () => apiOk(null) as ApiResult<unknown>,
    on<E extends ApiEventChannel>(event: E, l: (p: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(l as (p: unknown) => void);
      return () => set.delete(l as (p: unknown) => void);
    },
    emit<E extends ApiEventChannel>(event: E, payload: ApiEvents[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
  return fake;
}

describe('IPC gateway: pushes', () => {
  it('forwards every delta at once, in order and unchanged: the core is the one pacer', () => {
    const c = pushCore();
    const win = ourWindow();
    gateway(c, win);
    const sent: AppDelta[] = [
      { seq: 1, pings: [{ profileId: 'p', at: 1, rttMs: 10 }] },
      { seq: 2, alerting: { deliveryLogChanged: true } },
      { seq: 3, pings: [{ profileId: 'p', at: 2, rttMs: null }] },
    ] as AppDelta[];
    for (const d of sent) c.emit('event:delta', d);
    expect(
      win.webContents.sent.filter((s) => s.channel === 'event:delta').map((s) => s.args[0]),
    ).toEqual(sent);
  });

  it('forwards event:open at once, between deltas', () => {
    const c = pushCore();
    const win = ourWindow();
    gateway(c, win);
    c.emit('event:delta', { seq: 1 });
    c.emit('event:open', { profileId: 'p', shardId: 3 });
    c.emit('event:delta', { seq: 2 });
    expect(win.webContents.sent.map((s) => s.channel)).toEqual([
      'event:delta',
      'event:open',
      'event:delta',
    ]);
  });

  it('pushes nothing to a destroyed window or a foreign page, and nothing after dispose', () => {
    const c = pushCore();
    const win = ourWindow();
    const { g } = gateway(c, win);
    win.webContents.navigate('https://evil.example/');
    c.emit('event:open', { profileId: 'p', shardId: null });
    c.emit('event:delta', { seq: 8 });
    win.webContents.navigate(APP_INDEX_URL);
    g.dispose();
    c.emit('event:open', { profileId: 'p', shardId: null });
    c.emit('event:delta', { seq: 9 });
    expect(win.webContents.sent).toEqual([]);
  });
});
