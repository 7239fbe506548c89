/**
 * The renderer's only door to the core. In Electron it uses the preload API
 * (`window.shardwatch`); in browser mode it carries the same contract over the
 * loopback WebSocket bridge of `shardwatch serve`. Everything above this file
 * sees one typed {@link ApiTransport}.
 */
import type {
  ApiArgs,
  ApiChannel,
  ApiEventChannel,
  ApiEvents,
  ApiResult,
  ApiResultOf,
  ApiTransport,
} from '../../../shared/api';
import type { BridgeRequest, BridgeServerMessage, PreloadApi } from '../../../shared/bridge';
import { BRIDGE_PATH, PRELOAD_GLOBAL, TOKEN_PARAM } from '../../../shared/bridge';

type Listener = (payload: unknown) => void;

/** The answer to a request the engine cannot get: the bridge is down (it reconnects by itself). */
const LOST: ApiResult<never> = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'The connection to Shardwatch was lost. It reconnects by itself; try again.',
    transport: 'lost',
  },
};

function preloadApi(): PreloadApi | null {
  const candidate = (globalThis as Record<string, unknown>)[PRELOAD_GLOBAL];
  if (typeof candidate === 'object' && candidate !== null && 'invoke' in candidate) {
    return candidate as PreloadApi;
  }
  return null;
}

function fromPreload(api: PreloadApi): ApiTransport {
  return {
    invoke<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>) {
      return api.invoke(channel, ...args) as Promise<ApiResult<ApiResultOf<C>>>;
    },
    on<E extends ApiEventChannel>(channel: E, listener: (payload: ApiEvents[E]) => void) {
      return api.on(channel, listener as Listener);
    },
  };
}

/** Options of the WebSocket bridge client (tests pass their own URL). */
export interface BridgeClientOptions {
  url: string;
  /** Delay before reconnecting after the bridge drops. */
  reconnectMs?: number;
  /** Called when the bridge connects (`true`) or drops (`false`). */
  onConnection?: (connected: boolean) => void;
}

/**
 * A transport over the browser-mode bridge. Requests made while the first
 * connection is being made wait for it; once the bridge has dropped, a
 * request is answered at once with an `unavailable` error (the engine is
 * gone, waiting would grey buttons out for as long as it stays gone), and a
 * request in flight when the socket drops resolves the same way instead of
 * hanging. The socket keeps reconnecting by itself.
 */
export function createBridgeTransport(opts: BridgeClientOptions): ApiTransport {
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;
  let nextId = 1;
  /** The bridge has been connected and is not now: answer requests at once. */
  let dropped = false;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const listeners = new Map<ApiEventChannel, Set<Listener>>();

  function connect(): Promise<WebSocket> {
    if (open) return open;
    open = new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(opts.url);
      ws.addEventListener('open', () => {
        socket = ws;
        dropped = false;
        opts.onConnection?.(true);
        resolve(ws);
      });
      ws.addEventListener('message', (ev: MessageEvent) => {
        if (typeof ev.data !== 'string') return;
        let msg: BridgeServerMessage;
        try {
          msg = JSON.parse(ev.data) as BridgeServerMessage;
        } catch {
          return;
        }
        if ('id' in msg) {
          const done = pending.get(msg.id);
          pending.delete(msg.id);
          done?.(msg.result);
        } else if ('event' in msg) {
          for (const l of [...(listeners.get(msg.event) ?? [])]) l(msg.payload);
        }
      });
      ws.addEventListener('close', () => {
        const wasOpen = socket === ws;
        socket = null;
        open = null;
        if (wasOpen) dropped = true;
        for (const [, done] of pending) done(LOST);
        pending.clear();
        if (wasOpen) opts.onConnection?.(false);
        setTimeout(() => void connect(), opts.reconnectMs ?? 1000);
      });
    });
    return open;
  }

  void connect();

  return {
    async invoke<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>) {
      if (!socket && dropped) return LOST as ApiResult<ApiResultOf<C>>;
      const ws = socket ?? (await connect());
      const id = nextId++;
      const request: BridgeRequest = { id, channel, args };
      return new Promise<ApiResult<ApiResultOf<C>>>((resolve) => {
        pending.set(id, resolve as (r: ApiResult<unknown>) => void);
        ws.send(JSON.stringify(request));
      });
    },
    on<E extends ApiEventChannel>(channel: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}

/**
 * The bridge URL for the page this renderer was served from (browser mode):
 * with the token while the address still has it, otherwise bare (the
 * session cookie the page got for the token opens the bridge).
 */
export function bridgeUrlFromLocation(loc: Location): string {
  const token = new URLSearchParams(loc.search).get(TOKEN_PARAM);
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `${scheme}//${loc.host}${BRIDGE_PATH}${query}`;
}

/**
 * Take the one-time token out of the address bar (browser mode): the page
 * has its session cookie by now, so the address in the tab, its history
 * entry and any bookmark carry no secret and keep working after a restart.
 */
export function dropTokenFromAddress(loc: Location, hist: History): void {
  const params = new URLSearchParams(loc.search);
  if (!params.has(TOKEN_PARAM)) return;
  params.delete(TOKEN_PARAM);
  const query = params.toString();
  hist.replaceState(hist.state, '', `${loc.pathname}${query ? `?${query}` : ''}${loc.hash}`);
}

/** Listeners that may subscribe and unsubscribe while they are being called. */
export interface ListenerSet<A extends unknown[]> {
  add(listener: (...args: A) => void): () => void;
  emit(...args: A): void;
}

/**
 * A set of listeners called in a snapshot of the set: a listener that
 * re-subscribes while it runs (a view that reopens a profile when the
 * bridge comes back) is not called again by the same emit, which a live
 * `Set` iteration would do forever, freezing the page.
 */
export function createListenerSet<A extends unknown[]>(): ListenerSet<A> {
  const set = new Set<(...args: A) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(...args) {
      for (const l of [...set]) l(...args);
    },
  };
}

let shared: ApiTransport | null = null;
const reconnectListeners = createListenerSet<[]>();
const connectionListeners = createListenerSet<[connected: boolean]>();
let bridgeConnectedOnce = false;

/**
 * Listen for the engine becoming unreachable (`false`: the browser-mode
 * bridge dropped) and reachable again (`true`). The desktop app's IPC never
 * drops, so it never calls.
 */
export function onConnectionChange(listener: (connected: boolean) => void): () => void {
  return connectionListeners.add(listener);
}

/**
 * Listen for the browser-mode bridge coming back after a drop: pushes sent
 * meanwhile are lost, so the listener should load a fresh snapshot.
 */
export function onReconnect(listener: () => void): () => void {
  return reconnectListeners.add(listener);
}

/** The app-wide transport: the preload API in Electron, the bridge otherwise. */
export function getApi(): ApiTransport {
  if (shared) return shared;
  const pre = preloadApi();
  if (!pre) dropTokenFromAddress(location, history);
  shared = pre
    ? fromPreload(pre)
    : createBridgeTransport({
        url: bridgeUrlFromLocation(location),
        onConnection: (connected) => {
          connectionListeners.emit(connected);
          if (!connected) return;
          if (bridgeConnectedOnce) reconnectListeners.emit();
          bridgeConnectedOnce = true;
        },
      });
  return shared;
}

/** Replace the app-wide transport (component tests). */
export function setApi(api: ApiTransport | null): void {
  shared = api;
}
