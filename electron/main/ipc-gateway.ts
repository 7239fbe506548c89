/**
 * The IPC gateway: the one module that registers main-process IPC handlers
 * (docs/architecture.md §3.1, §3.3).
 *
 * Requests: one `ipcMain.handle` per contract channel (API_CHANNELS), nothing
 * else. `ipcMain` has no wildcard, so a channel outside the contract simply
 * has no handler and Electron rejects the invoke (the preload refuses such
 * channels before they get here). Every request must come from our window's
 * main frame showing our renderer document; anything else is answered with an
 * `unauthorized` ApiResult and logged once per sender; the rest go to
 * `core.handle`, which validates the arguments (checkApiArgs) and is the
 * one handler of every channel.
 *
 * Pushes: every contract event of the core is forwarded as it is. The core's
 * delta pacer (electron/core/app-core/delta-pacer.ts) is the one pacing
 * stage: at most one `event:delta` per interval, nothing merged here.
 */
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { ApiChannel, ApiEventChannel, ApiResult } from '../../shared/api';
import { API_CHANNELS, API_EVENT_CHANNELS, apiError } from '../../shared/api';
import type { AppCore } from '../core/api';

/** Options of {@link createIpcGateway}. */
export interface IpcGatewayOptions {
  core: Pick<AppCore, 'handle' | 'on'>;
  /** Our window (null before it exists or after it is gone). */
  window: () => BrowserWindow | null;
  /** True for our renderer document's URL (see app-protocol.ts `isRendererUrl`). */
  isRendererUrl: (url: string) => boolean;
  /** Receives every secret value seen in a request, so the log can mask it. */
  rememberSecret?: (value: string) => void;
  log?: (line: string) => void;
}

/** The registered gateway. */
export interface IpcGateway {
  /** Remove every handler and subscription. */
  dispose(): void;
}

/** Fields whose string values are secrets, wherever they appear in a request. */
const SECRET_FIELDS = new Set(['secret', 'publicKey', 'passphrase']);

function collectSecrets(value: unknown, add: (v: string) => void, depth = 0): void {
  if (depth > 4 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 16)) collectSecrets(v, add, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_FIELDS.has(k) && typeof v === 'string') add(v);
    else collectSecrets(v, add, depth + 1);
  }
}

const REFUSED = apiError(
  'unauthorized',
  'This request did not come from the Shardwatch window, so it was refused.',
);

/** Register the IPC handlers and event forwarding. */
export function createIpcGateway(opts: IpcGatewayOptions): IpcGateway {
  const log = opts.log ?? (() => {});
  const refusedSenders = new Set<string>();
  let disposed = false;

  function trusted(event: IpcMainInvokeEvent, what: string): boolean {
    const win = opts.window();
    const frame = event.senderFrame;
    const ok =
      win !== null &&
      !win.isDestroyed() &&
      event.sender.id === win.webContents.id &&
      frame !== null &&
      frame.parent === null &&
      frame.processId === win.webContents.mainFrame.processId &&
      frame.routingId === win.webContents.mainFrame.routingId &&
      opts.isRendererUrl(frame.url);
    if (!ok) {
      let origin = 'unknown';
      try {
        origin = frame ? frame.origin || new URL(frame.url).origin : 'a destroyed frame';
      } catch {
        origin = 'an unparsable URL';
      }
      const key = `${event.sender.id}|${origin}`;
      if (!refusedSenders.has(key)) {
        refusedSenders.add(key);
        log(
          `ipc: refused ${what} from ${origin} (webContents ${event.sender.id}); further refusals from it are not logged`,
        );
      }
    }
    return ok;
  }

  async function answer(
    channel: ApiChannel,
    event: IpcMainInvokeEvent,
    args: unknown[],
  ): Promise<ApiResult<unknown>> {
    // Any value a page can structured-clone arrives here; every step that
    // could throw is inside the try, so the invoke always gets an ApiResult
    // and main never holds a rejected promise.
    try {
      if (disposed) return apiError('unavailable', 'Shardwatch is shutting down.');
      if (!trusted(event, channel)) return REFUSED;
      if (!Array.isArray(args)) return apiError('bad-request', 'The request was not valid.');
      if (opts.rememberSecret) collectSecrets(args, opts.rememberSecret);
      return await opts.core.handle(channel, args);
    } catch (err) {
      log(`ipc: internal error in ${channel}: ${err instanceof Error ? err.name : typeof err}`);
      return apiError(
        'internal',
        'Something went wrong inside Shardwatch. The details are in the log; try again.',
      );
    }
  }

  for (const channel of API_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => answer(channel, event, args));
  }

  function send(channel: ApiEventChannel, payload: unknown): void {
    const win = opts.window();
    if (!win || win.isDestroyed()) return;
    const wc = win.webContents;
    // Never push state into a page that is not ours (it cannot navigate away, but be sure).
    if (wc.isDestroyed() || !opts.isRendererUrl(wc.getURL())) return;
    wc.send(channel, payload);
  }

  const offEvents = API_EVENT_CHANNELS.map((channel) =>
    opts.core.on(channel, (payload) => {
      if (!disposed) send(channel, payload);
    }),
  );

  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const channel of API_CHANNELS) ipcMain.removeHandler(channel);
      for (const off of offEvents) off();
    },
  };
}
