/** A scripted ApiTransport for detail component tests (no core, no sockets). */
import type {
  ApiArgs,
  ApiChannel,
  ApiEventChannel,
  ApiEvents,
  ApiResult,
  ApiResultOf,
  ApiTransport,
} from '../../../../shared/api';
import type { ShardState, ShardView } from '../../../../shared/model';

type Handler<C extends ApiChannel> = (
  ...args: ApiArgs<C>
) => ApiResult<ApiResultOf<C>> | Promise<ApiResult<ApiResultOf<C>>>;

/** A fake transport: set handlers per channel, emit events, inspect calls. */
export interface FakeApi extends ApiTransport {
  handle<C extends ApiChannel>(channel: C, handler: Handler<C>): void;
  emit<E extends ApiEventChannel>(channel: E, payload: ApiEvents[E]): void;
  calls: Array<{ channel: ApiChannel; args: unknown[] }>;
  /** Order in which `on` and `invoke` were first called. */
  order: string[];
  listenerCount(channel: ApiEventChannel): number;
}

export function createFakeApi(): FakeApi {
  const handlers = new Map<ApiChannel, (...args: never[]) => unknown>();
  const listeners = new Map<ApiEventChannel, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const order: string[] = [];
  return {
    calls,
    order,
    handle(channel, handler) {
      handlers.set(channel, handler as (...args: never[]) => unknown);
    },
    emit(channel, payload) {
      for (const l of listeners.get(channel) ?? []) l(payload);
    },
    listenerCount(channel) {
      return listeners.get(channel)?.size ?? 0;
    },
    async invoke<C extends ApiChannel>(
      channel: C,
      ...args: ApiArgs<C>
    ): Promise<ApiResult<ApiResultOf<C>>> {
      calls.push({ channel, args });
      order.push(`invoke:${channel}`);
      const h = handlers.get(channel) as Handler<C> | undefined;
      if (!h)
        return { ok: false, error: { code: 'unavailable', message: `no fake for ${channel}` } };
      return h(...args);
    },
    on<E extends ApiEventChannel>(channel: E, listener: (payload: ApiEvents[E]) => void) {
      order.push(`on:${channel}`);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

/** A shard with plausible values. */
export function shard(
  id: number,
  state: ShardState = 'up',
  over: Partial<ShardView> = {},
): ShardView {
  return {
    id,
    hash: `hash${id}`,
    state,
    development: state === 'dev',
    disconnected: state === 'down',
    sendPing: 10 + id,
    receibePing: 10 + id,
    sending: id * 3,
    received: id * 2,
    sendRate: null,
    recvRate: null,
    pingGap: 0,
    stalled: false,
    restarts: 0,
    lastChangeAt: 1_700_000_000_000,
    lastSeenAt: 1_700_000_000_000,
    extra: {},
    ...over,
  };
}

/** Resolve pending promise callbacks. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setTimeout(r, 0));
}
