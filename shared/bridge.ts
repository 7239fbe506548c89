/**
 * The browser-mode bridge: how `shardwatch serve` carries the AppApi contract
 * (shared/api.ts) over a loopback WebSocket, and the name under which the
 * Electron preload exposes the same contract. Both transports implement
 * {@link ApiTransport}.
 */
import type { ApiChannel, ApiEventChannel, ApiEvents, ApiResult } from './api';
import type { AppDelta } from './app-state';
import { shardColumnsAsLists } from './shard-columns';
import type { ShardColumns } from './shard-columns';

/** Global name of the preload API in Electron (`window.shardwatch`). */
export const PRELOAD_GLOBAL = 'shardwatch';

/** Path of the bridge WebSocket in browser mode; the token goes in `?token=`. */
export const BRIDGE_PATH = '/api';

/** Query parameter carrying the session token (page URL and bridge URL). */
export const TOKEN_PARAM = 'token';

/** A request from the renderer. `id` is unique per connection. */
export interface BridgeRequest {
  id: number;
  channel: ApiChannel;
  args: unknown[];
}

/** The answer to one request. */
export interface BridgeResponse {
  id: number;
  result: ApiResult<unknown>;
}

/** A pushed event. */
export interface BridgeEvent<E extends ApiEventChannel = ApiEventChannel> {
  event: E;
  payload: ApiEvents[E];
}

/** Anything the server sends. */
export type BridgeServerMessage = BridgeResponse | BridgeEvent;

/** True for shard columns as the core makes them (typed number columns, shared/shard-columns.ts). */
function typedColumns(x: unknown): x is ShardColumns {
  return typeof x === 'object' && x !== null && ArrayBuffer.isView((x as { id?: unknown }).id);
}

/**
 * A message of the bridge's server as the JSON text it sends. Shard columns (a delta's pushes, a
 * `query:shards` page) hold typed arrays, which JSON would write as objects
 * of indexes: those go as plain lists, on a copy of what holds them.
 */
export function bridgeJsonText(msg: BridgeServerMessage): string {
  if ('event' in msg) {
    const shards = msg.event === 'event:delta' ? (msg.payload as AppDelta).shards : undefined;
    if (shards?.some((p) => typedColumns(p.shards)))
      return JSON.stringify({
        ...msg,
        payload: {
          ...msg.payload,
          shards: shards.map((p) => ({ ...p, shards: shardColumnsAsLists(p.shards) })),
        },
      });
  } else if (msg.result.ok) {
    const value: unknown = msg.result.value;
    const page = typeof value === 'object' && value !== null ? (value as { shards?: unknown }) : {};
    if (typedColumns(page.shards))
      return JSON.stringify({
        ...msg,
        result: { ...msg.result, value: { ...page, shards: shardColumnsAsLists(page.shards) } },
      });
  }
  return JSON.stringify(msg);
}

/**
 * What the preload exposes on `window.shardwatch`: invoke a contract channel,
 * subscribe to an event (returns the unsubscribe), and the channel lists so a
 * test can prove both transports expose exactly the contract.
 */
export interface PreloadApi {
  invoke(channel: ApiChannel, ...args: unknown[]): Promise<ApiResult<unknown>>;
  on(channel: ApiEventChannel, listener: (payload: unknown) => void): () => void;
  readonly channels: readonly ApiChannel[];
  readonly events: readonly ApiEventChannel[];
}
