import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { BrowserWindow } from 'electron';
import type { ApiEventChannel, ApiEvents, ApiResult } from '../../../shared/api';
import { API_CHANNELS, apiOk } from '../../../shared/api';
import { defaultProfileInput } from '../../../shared/profile-validation';
import type { AppDelta } from '../../../shared/model';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/api';
import { createRecordingNotifier } from '../../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../../electron/core/profiles/secret-cipher';
import { APP_INDEX_URL, isRendererUrl } from '../../../electron/main/app-protocol';
import type { IpcGatewayOptions } from '../../../electron/main/ipc-gateway';
import { createIpcGateway } from '../../../electron/main/ipc-gateway';
import { SHELL_ONLINE_CHANNEL } from '../../../shared/shell-channels';
import { createFakeClock } from '../../support/fake-clock';
import {
  electronMock,
  MockBrowserWindow,
  MockWebFrame,
  resetElectronMock,
} from '../../support/electron-mock';

let dir: string;
let core: AppCore | null = null;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'shardwatch-gateway-'));
});
afterEach(async () => {
  await core?.dispose();
  core = null;
  rmSync(dir, { recursive: true, force: true });
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

  it('answers intercepted channels in main, after validating their arguments', async () => {
    const win = ourWindow();
    const c = await realCore();
    const handle = vi.spyOn(c, 'handle');
    const choose = vi.fn((choice: string) =>
      apiOk({ backend: choice, strong: true, description: 'chosen' }),
    );
    gateway(c, win, { intercept: { 'command:choose-secret-storage': choose } });
    expect(await invoke('command:choose-secret-storage', eventFrom(win), 'session-only')).toEqual(
      apiOk({ backend: 'session-only', strong: true, description: 'chosen' }),
    );
    expect(
      await invoke('command:choose-secret-storage', eventFrom(win), 'plain-text'),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(choose).toHaveBeenCalledTimes(1);
    expect(handle).not.toHaveBeenCalled();
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
  it('coalesces deltas to at most one per 100 ms, merged, newest seq last', () => {
    const clock = createFakeClock();
    const c = pushCore();
    const win = ourWindow();
    gateway(c, win, { clock });
    const sentAt: number[] = [];
    const sent = () => win.webContents.sent.filter((s) => s.channel === 'event:delta');
    for (let i = 1; i <= 50; i++) {
      c.emit('event:delta', {
        seq: i,
        status: [
          { profileId: `p${i % 3}`, detail: String(i) } as unknown as NonNullable<
            AppDelta['status']
          >[number],
        ],
      });
      if (sent().length > sentAt.length) sentAt.push(clock.now());
      clock.advance(10);
      if (sent().length > sentAt.length) sentAt.push(clock.now());
    }
    clock.advance(200);
    const deltas = sent().map((s) => s.args[0] as AppDelta);
    expect(deltas.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < sentAt.length; i++)
      expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(deltas.at(-1)?.seq).toBe(50);
    const seqs = deltas.map((d) => d.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // The last merged delta carries the latest status of each profile it saw.
    expect(
      deltas
        .at(-1)
        ?.status?.map((s) => s.detail)
        .sort(),
    ).toEqual(['48', '49', '50']);
  });

  it('forwards event:open at once, even with a delta held back', () => {
    const clock = createFakeClock();
    const c = pushCore();
    const win = ourWindow();
    gateway(c, win, { clock });
    c.emit('event:delta', { seq: 1 });
    c.emit('event:delta', { seq: 2 });
    c.emit('event:open', { profileId: 'p', shardId: 3 });
    expect(win.webContents.sent.map((s) => s.channel)).toEqual(['event:delta', 'event:open']);
    clock.advance(100);
    expect(win.webContents.sent.map((s) => s.channel)).toEqual([
      'event:delta',
      'event:open',
      'event:delta',
    ]);
  });

  it('pushes nothing to a destroyed window or a foreign page, and nothing after dispose', () => {
    const clock = createFakeClock();
    const c = pushCore();
    const win = ourWindow();
    const { g } = gateway(c, win, { clock });
    win.webContents.navigate('https://evil.example/');
    c.emit('event:open', { profileId: 'p', shardId: null });
    win.webContents.navigate(APP_INDEX_URL);
    g.dispose();
    c.emit('event:open', { profileId: 'p', shardId: null });
    c.emit('event:delta', { seq: 9 });
    clock.advance(500);
    expect(win.webContents.sent).toEqual([]);
  });
});

describe('IPC gateway: online reports', () => {
  it('passes booleans from our window to onOnline and ignores the rest', async () => {
    const win = ourWindow();
    const reports: boolean[] = [];
    gateway(await realCore(), win, { onOnline: (o) => reports.push(o) });
    electronMock.ipcMain.emit(SHELL_ONLINE_CHANNEL, eventFrom(win), false);
    electronMock.ipcMain.emit(SHELL_ONLINE_CHANNEL, eventFrom(win), 'yes');
    const other = new MockBrowserWindow({});
    void other.loadURL(APP_INDEX_URL);
    electronMock.ipcMain.emit(SHELL_ONLINE_CHANNEL, eventFrom(other), true);
    electronMock.ipcMain.emit(SHELL_ONLINE_CHANNEL, eventFrom(win), true);
    expect(reports).toEqual([false, true]);
  });
});
