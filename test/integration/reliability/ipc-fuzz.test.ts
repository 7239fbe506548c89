/**
 * Hostile IPC requests (docs/reliability.md §11): the Electron IPC gateway
 * (electron/main/ipc-gateway.ts, over the `electron` mock) in front of a real
 * core, invoked on every contract channel by our own window with arbitrary
 * argument lists — any JSON value, objects with `toString`/`valueOf`/`then`/
 * `__proto__`/`constructor` keys, huge numbers, deep nesting (the
 * online/offline report is `command:set-online`, one of those channels).
 *
 * Every invoke resolves to an ApiResult (never a rejection), nothing throws
 * or rejects unhandled, no prototype is polluted, and the core still answers
 * afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { BrowserWindow } from 'electron';
import type { ApiResult } from '../../../shared/api';
import { API_CHANNELS } from '../../../shared/api';
import { APP_INDEX_URL, isRendererUrl } from '../../../electron/main/app-protocol';
import type { IpcGateway } from '../../../electron/main/ipc-gateway';
import { createIpcGateway } from '../../../electron/main/ipc-gateway';
import { electronMock, MockBrowserWindow, resetElectronMock } from '../../support/electron-mock';
import type { CoreHarness } from '../../reliability/core-harness';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { hostileValue } from '../../reliability/hostile-values';
import { createSteppingClock, size, timeoutFor, watchCrashes } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('ipc-fuzz');
const dirs = tempDirs();
const RUNS = size(300, 20_000);

let h: CoreHarness;
let gateway: IpcGateway;
let win: MockBrowserWindow;
const remembered: unknown[] = [];
let tried = 0;

beforeAll(async () => {
  resetElectronMock();
  h = await startCore({ dataDir: dirs.make(), clock: createSteppingClock() });
  const r = await h.core.handle('command:create-profile', [profileInput()]);
  if (!r.ok) throw new Error(r.error.message);
  win = new MockBrowserWindow({});
  void win.loadURL(`${APP_INDEX_URL}#/`);
  gateway = createIpcGateway({
    core: h.core,
    window: () => win as unknown as BrowserWindow,
    isRendererUrl: (u) => isRendererUrl(u),
    rememberSecret: (v) => remembered.push(v),
    log: () => {},
  });
});

afterAll(async () => {
  gateway.dispose();
  await h.dispose();
  dirs.cleanup();
  card.add('inputsTried', tried);
});

const fromOurWindow = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

describe('IPC gateway under hostile requests', () => {
  it(
    'answers every invoke of every channel with an ApiResult, whatever the arguments',
    async () => {
      const crashes = watchCrashes();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...API_CHANNELS),
          fc.array(hostileValue, { maxLength: 5 }),
          async (channel, args) => {
            tried++;
            const r = (await electronMock.ipcMain.invoke(
              channel,
              fromOurWindow(),
              ...args,
            )) as ApiResult<unknown>;
            expect(typeof r.ok).toBe('boolean');
            if (!r.ok) {
              expect(typeof r.error.code).toBe('string');
              expect(typeof r.error.message).toBe('string');
            }
          },
        ),
        { numRuns: RUNS, seed: 1102 },
      );
      // A few settle ticks for anything a handler left running.
      await new Promise((r) => setTimeout(r, 20));
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype.toString.call({})).toBe('[object Object]');
      const snap = (await electronMock.ipcMain.invoke(
        'query:snapshot',
        fromOurWindow(),
      )) as ApiResult<{ profiles: unknown[] }>;
      expect(snap.ok && snap.value.profiles).toHaveLength(1);
    },
    timeoutFor(60_000, 1_800_000),
  );

  it('regression: own __proto__ / constructor / prototype keys are refused by name, not dropped', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const patch = JSON.parse(`{"${key}":{"polluted":true},"theme":"dark"}`) as unknown;
      const r = (await electronMock.ipcMain.invoke(
        'command:update-settings',
        fromOurWindow(),
        patch,
      )) as ApiResult<unknown>;
      expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(!r.ok && r.error.message).toContain(`"${key}"`);
    }
    const snap = (await electronMock.ipcMain.invoke(
      'query:snapshot',
      fromOurWindow(),
    )) as ApiResult<{
      settings: { theme: string };
    }>;
    expect(snap.ok && snap.value.settings.theme).toBe('system');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
