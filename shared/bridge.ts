/**
 * The browser-mode bridge: how `shardwatch serve` carries the AppApi contract
 * (shared/api.ts) over a loopback WebSocket, and the name under which the
 * Electron preload exposes the same contract. Both transports implement
 * {@link ApiTransport}.
 */
import type { ApiChannel, ApiEventChannel, ApiEvents, ApiResult } from './api';

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
