/**
 * Page helpers shared by the e2e specs: filling the profile editor the way a
 * user does (labels, not ids) and finding overview rows.
 * Also a direct bridge client, for state the page does not show (the tray model).
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { ApiArgs, ApiChannel, ApiResult, ApiResultOf } from '../../shared/api';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../shared/bridge';
import type { BridgeRequest, BridgeServerMessage } from '../../shared/bridge';
import { DIALECT_SPECS } from '../../shared/dialects';
import type { Dialect } from '../../shared/protocol';
import type { SimulatorHandle } from '../../electron/sim';
import type { ServeInstance } from './fixtures';
import { at } from './fixtures';

/** What the editor needs for a new profile. */
export interface NewProfile {
  name: string;
  url: string;
  dialect: Dialect;
  botId: string;
  publicKey: string;
  secret: string;
  /**
   * Documented dialect: tick "Register" (shard stats; the test's own
   * simulator, so registering takes nobody's interactions). New profiles ping only.
   */
  register?: boolean;
}

/** The editor fields for one of our own simulators, registering (documented dialect). */
export function simulatorProfile(name: string, sim: SimulatorHandle): NewProfile {
  return {
    name,
    url: sim.url,
    dialect: 'documented',
    botId: sim.credentials.botId,
    publicKey: sim.credentials.publicKey,
    secret: sim.credentials.secret,
    register: true,
  };
}

/** Open the editor, fill every required field, and save. */
export function addProfile(page: Page, app: ServeInstance, p: NewProfile): Promise<void> {
  return addTunedProfile(page, app, p, {});
}

/** The overview row of a profile, by name. */
export function profileRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="profile-row"][data-profile-name="${name}"]`);
}

/** Wait until a row shows a connected state and a measured RTT. */
export async function expectLive(row: Locator): Promise<void> {
  await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(row.getByTestId('rtt')).toHaveText(/^\d+(\.\d{2})? ms$/, { timeout: 30_000 });
}

/** Editor settings beyond the required fields, set the way a user does. */
export interface ProfileTuning {
  shardTotal?: number;
  /** "Raise after N bad samples". */
  raiseAfter?: number;
  /** "Clear after N good samples". */
  clearAfter?: number;
  /** Shard layout: Discord's max_concurrency. */
  maxConcurrency?: number;
  /** Shard layout: the daily session-start limit. */
  dailySessionLimit?: number;
}

/** {@link addProfile}, plus shard total and alert debounce set in the editor before saving. */
export async function addTunedProfile(
  page: Page,
  app: ServeInstance,
  p: NewProfile,
  tuning: ProfileTuning,
): Promise<void> {
  await page.goto(at(app, '#/new'));
  await expect(page.getByRole('heading', { name: 'Add a profile' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(p.name);
  await page.getByLabel(DIALECT_SPECS[p.dialect].label).check();
  if (p.register) await page.getByLabel('Register', { exact: true }).check();
  await page.getByLabel('Gateway URL').fill(p.url);
  await page.getByLabel('Bot application id').fill(p.botId);
  await page.getByTestId('f-publicKey-input').fill(p.publicKey);
  await page.getByTestId('f-secret-input').fill(p.secret);
  if (tuning.shardTotal !== undefined) {
    await page.getByLabel('Shard total').fill(String(tuning.shardTotal));
  }
  if (tuning.raiseAfter !== undefined) {
    await page.getByLabel('Raise after N bad samples').fill(String(tuning.raiseAfter));
  }
  if (tuning.clearAfter !== undefined) {
    await page.getByLabel('Clear after N good samples').fill(String(tuning.clearAfter));
  }
  if (tuning.maxConcurrency !== undefined) {
    await page.getByLabel('Max concurrency (identify buckets)').fill(String(tuning.maxConcurrency));
  }
  if (tuning.dailySessionLimit !== undefined) {
    await page.getByLabel('Daily session-start limit').fill(String(tuning.dailySessionLimit));
  }
  await page.getByTestId('save').click();
  await expect(page).toHaveURL(/#\/profile\/[^/]+$/, { timeout: 15_000 });
}

/**
 * Remove the first-run Demo profile through the overview's "Remove Demo"
 * button, so a test sees only its own profiles (the Demo's flapping shards
 * would otherwise show in the tray and the incident list).
 */
export async function removeDemoProfile(page: Page, app: ServeInstance): Promise<void> {
  await page.goto(at(app, '#/'));
  const demo = page
    .locator('[data-testid="profile-row"]')
    .filter({ has: page.getByTestId('demo-tag') });
  await expect(demo).toHaveCount(1, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Remove Demo' }).click();
  await expect(page.getByTestId('empty-state')).toBeVisible({ timeout: 15_000 });
  // No confirm dialog: the toast offers Undo; dismissing it deletes at once.
  await page.getByRole('button', { name: 'Delete Demo now (no undo)' }).click();
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
}

/** A test's own connection to the browser-mode bridge (shared/bridge.ts). */
export interface BridgeClient {
  call<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>): Promise<ApiResultOf<C>>;
  close(): Promise<void>;
}

/**
 * Open the bridge WebSocket the page uses (`/api?token=…`, derived from the
 * page URL) and call contract channels on it directly, e.g. `query:snapshot`
 * for the tray model, which the renderer does not show. Pushed events are
 * ignored; a failed call throws with the API's message.
 */
export async function openBridge(app: ServeInstance): Promise<BridgeClient> {
  const pageUrl = new URL(app.url);
  const token = pageUrl.searchParams.get(TOKEN_PARAM);
  if (token === null) throw new Error(`the serve URL has no ${TOKEN_PARAM}: ${app.url}`);
  const url = new URL(BRIDGE_PATH, pageUrl);
  url.protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.searchParams.set(TOKEN_PARAM, token);

  const ws = new WebSocket(url.toString());
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data: RawData) => {
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
    const msg = JSON.parse(text) as BridgeServerMessage;
    if (!('id' in msg)) return;
    const done = pending.get(msg.id);
    pending.delete(msg.id);
    done?.(msg.result);
  });
  ws.on('close', () => {
    for (const done of pending.values()) {
      done({ ok: false, error: { code: 'unavailable', message: 'bridge closed' } });
    }
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  return {
    async call<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>): Promise<ApiResultOf<C>> {
      const id = nextId++;
      const request: BridgeRequest = { id, channel, args };
      const result = await new Promise<ApiResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(request));
      });
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
      return result.value as ApiResultOf<C>;
    },
    close(): Promise<void> {
      if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      });
    },
  };
}

/**
 * Everything on the page a secret could leak into, as one text: the markup,
 * the text as the user sees it, the current value of every input, textarea
 * and select (which the markup does not carry: a value typed or set from
 * script is a property, not an attribute), the page address and both web
 * storages. Fields whose `data-testid` is in `typing` are left out: they may
 * hold what the user is typing right now.
 */
export async function pageExposure(page: Page, typing: string[] = []): Promise<string> {
  const fields = await page
    .locator('input, textarea, select')
    .evaluateAll(
      (els, skip) =>
        els
          .filter((el) => !skip.includes(el.getAttribute('data-testid') ?? ''))
          .map((el) => (el as unknown as { value: string }).value),
      typing,
    );
  const inPage = await page.evaluate(() => {
    interface Store {
      readonly length: number;
      key(i: number): string | null;
      getItem(k: string): string | null;
    }
    const w = globalThis as unknown as {
      document: { title: string; body: { innerText: string } };
      localStorage: Store;
      sessionStorage: Store;
    };
    const stored = (s: Store): string[] =>
      Array.from({ length: s.length }, (_, i) => {
        const key = s.key(i) ?? '';
        return `${key}=${s.getItem(key) ?? ''}`;
      });
    return [
      w.document.title,
      w.document.body.innerText,
      ...stored(w.localStorage),
      ...stored(w.sessionStorage),
    ].join('\n');
  });
  return [page.url(), await page.content(), inPage, ...fields].join('\n');
}

/** Resolve once the page has drawn two more animation frames (its layout is settled). */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()));
      }),
  );
}
