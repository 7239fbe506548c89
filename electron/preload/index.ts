/**
 * The preload bridge: exposes the AppApi contract (shared/api.ts) on
 * `window.shardwatch` and nothing else — no `ipcRenderer`, no Node, no
 * arbitrary channel. It runs sandboxed (a self-contained CommonJS bundle,
 * see electron.vite.config.ts).
 *
 * - `invoke` accepts contract channels only; anything else resolves to a
 *   `bad-request` ApiResult without reaching main (main has no handler for
 *   it either).
 * - `on` accepts contract event channels only and hands listeners the
 *   payload alone, never the IpcRendererEvent (which would leak `sender`).
 * - The page's `online`/`offline` events are reported as
 *   `command:set-online`, a contract request like any other (main has no
 *   network-change event of its own).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { ApiChannel, ApiEventChannel, ApiResult } from '../../shared/api';
import { API_CHANNELS, API_EVENT_CHANNELS, apiError, isApiChannel } from '../../shared/api';
import type { PreloadApi } from '../../shared/bridge';
import { PRELOAD_GLOBAL } from '../../shared/bridge';

const channels: readonly ApiChannel[] = Object.freeze([...API_CHANNELS]);
const events: readonly ApiEventChannel[] = Object.freeze([...API_EVENT_CHANNELS]);

function isEventChannel(value: unknown): value is ApiEventChannel {
  return typeof value === 'string' && (events as readonly string[]).includes(value);
}

const api = {
  invoke(channel: ApiChannel, ...args: unknown[]): Promise<ApiResult<unknown>> {
    if (!isApiChannel(channel)) {
      return Promise.resolve(
        apiError(
          'bad-request',
          `Unknown request "${String(channel).slice(0, 60)}": it is not part of the Shardwatch API.`,
        ),
      );
    }
    return (ipcRenderer.invoke(channel, ...args) as Promise<ApiResult<unknown>>).catch(() =>
      apiError(
        'unavailable',
        'Shardwatch did not answer. Try again; restart the app if it keeps happening.',
      ),
    );
  },
  on(channel: ApiEventChannel, listener: (payload: unknown) => void): () => void {
    if (!isEventChannel(channel)) {
      throw new TypeError(
        `Unknown event "${String(channel).slice(0, 60)}": it is not part of the Shardwatch API.`,
      );
    }
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  channels,
  events,
} satisfies PreloadApi;

/** What `window.shardwatch` is, derived from the implementation. */
export type ShardwatchPreload = typeof api;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);

// The preload shares the page's window (in its own isolated world), so it sees
// the OS's network-change events that main cannot subscribe to.
interface OnlineSource {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  navigator: { onLine: boolean };
}
const page = globalThis as unknown as Partial<OnlineSource>;
if (typeof page.addEventListener === 'function' && page.navigator) {
  const report = (): void => void api.invoke('command:set-online', page.navigator?.onLine ?? true);
  page.addEventListener('online', report);
  page.addEventListener('offline', report);
  report();
}
