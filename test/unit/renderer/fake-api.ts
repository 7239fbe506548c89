/**
 * The one fake {@link ApiTransport} of the renderer tests (views, components,
 * stores, the detail screen): answers from per-channel handlers, records
 * every call and subscription in order, and lets a test push events. The
 * model builders (profiles, status, incidents, snapshots) are re-exported
 * from test/support/model-builders.ts, their one home.
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
import type { ShardState, ShardView } from '../../../shared/live-status';
import type { ShardPage, ShardPush } from '../../../shared/shard-columns';
import { encodeShards } from '../../../shared/shard-columns';

export { makeIncident, makeProfile, makeSnapshot, makeStatus } from '../../support/model-builders';
import { makeShardView } from '../../support/model-builders';

type Handler<C extends ApiChannel> = (
  ...args: ApiArgs<C>
) => ApiResult<ApiResultOf<C>> | Promise<ApiResult<ApiResultOf<C>>>;

/** Handlers by channel; a missing one answers `unavailable`. */
export type FakeHandlers = { [C in ApiChannel]?: Handler<C> };

/** One recorded call. */
export interface FakeCall {
  channel: ApiChannel;
  args: unknown[];
}

/** The fake transport plus test controls. */
export interface FakeApi extends ApiTransport {
  calls: FakeCall[];
  /** Every subscription and request in order: `on:event:delta`, `invoke:query:snapshot`… */
  log: string[];
  handlers: FakeHandlers;
  /** Set (or replace) the handler of one channel. */
  handle<C extends ApiChannel>(channel: C, handler: Handler<C>): void;
  emit<E extends ApiEventChannel>(event: E, payload: ApiEvents[E]): void;
  callsTo(channel: ApiChannel): FakeCall[];
  /** Subscribers of an event channel right now. */
  listenerCount(channel: ApiEventChannel): number;
}

/** Build a fake transport. */
export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const listeners = new Map<ApiEventChannel, Set<(p: unknown) => void>>();
  const calls: FakeCall[] = [];
  const log: string[] = [];
  const api: FakeApi = {
    calls,
    log,
    handlers,
    async invoke<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>) {
      calls.push({ channel, args: [...args] });
      log.push(`invoke:${channel}`);
      const h = api.handlers[channel] as Handler<C> | undefined;
      if (!h) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `no fake handler for ${channel}` },
        } as ApiResult<ApiResultOf<C>>;
      }
      return h(...args);
    },
    on<E extends ApiEventChannel>(channel: E, listener: (payload: ApiEvents[E]) => void) {
      log.push(`on:${channel}`);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    handle(channel, handler) {
      (api.handlers as Record<ApiChannel, unknown>)[channel] = handler;
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsTo(channel) {
      return calls.filter((c) => c.channel === channel);
    },
    listenerCount(channel) {
      return listeners.get(channel)?.size ?? 0;
    },
  };
  return api;
}

/** A deferred promise, to control when a fake answer arrives. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A shard with plausible values (`makeShardView` with this file's defaults). */
export function shard(
  id: number,
  state: ShardState = 'up',
  over: Partial<ShardView> = {},
): ShardView {
  return makeShardView(id, {
    hash: `hash${id}`,
    state,
    development: state === 'dev',
    disconnected: state === 'down',
    sendPing: 10 + id,
    receibePing: 10 + id,
    sendRate: null,
    lastChangeAt: 1_700_000_000_000,
    lastSeenAt: 1_700_000_000_000,
    ...over,
  });
}

/** Resolve pending promise callbacks. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

/** A `query:shards` answer holding `views` (one page unless `next` says more follow). */
export function shardPageOf(
  seq: number,
  views: readonly ShardView[],
  next: number | null = null,
): { ok: true; value: ShardPage } {
  return { ok: true, value: { seq, shards: encodeShards(views), next } };
}

/** A delta's shard push for `profileId`. */
export function shardPush(
  profileId: string,
  views: readonly ShardView[],
  removed: number[] = [],
  replace = false,
): ShardPush {
  return { profileId, shards: encodeShards(views), removed, replace, more: false };
}
