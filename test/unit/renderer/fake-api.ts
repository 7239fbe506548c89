/**
 * The one fake {@link ApiTransport} of the renderer tests (views, components,
 * stores, the detail screen): answers from per-channel handlers, records
 * every call and subscription in order, and lets a test push events. Test
 * data builders for profiles, status and snapshots live here too.
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
import type {
  AppSnapshot,
  Incident,
  LatencyStats,
  LatencyWindow,
  ProfileStatus,
  ProfileView,
  ShardState,
  ShardView,
} from '../../../shared/model';
import { defaultProfileInput } from '../../../shared/profile-validation';
import type { ShardPage, ShardPush } from '../../../shared/shard-columns';
import { encodeShards } from '../../../shared/shard-columns';

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

/** A profile view with sensible defaults. */
export function makeProfile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    ...defaultProfileInput(),
    name: 'Bot',
    botId: '123456789012345678',
    id: 'p1',
    order: 0,
    hasPublicKey: true,
    hasSecret: true,
    demo: false,
    secretNeedsReentry: false,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

function stats(window: LatencyWindow, over: Partial<LatencyStats> = {}): LatencyStats {
  return {
    window,
    count: 10,
    lost: 0,
    lossPct: 0,
    min: 1,
    p50: 2,
    p95: 3,
    p99: 4,
    max: 5,
    jitter: 0.5,
    ...over,
  };
}

/** A live status with sensible defaults (ready, 4/4 shards up). */
export function makeStatus(
  profileId: string,
  over: Partial<ProfileStatus> = {},
  shards: Partial<ProfileStatus['shards']> = {},
): ProfileStatus {
  return {
    profileId,
    state: 'ready',
    detail: null,
    problem: null,
    since: 0,
    lastRttMs: 2.5,
    latency: { '1m': stats('1m'), '15m': stats('15m'), '1h': stats('1h'), '24h': stats('24h') },
    recentRtts: [2, 3, null, 2.5],
    shards: {
      reportsStats: true,
      expected: 4,
      expectedFrom: 'profile',
      reported: 4,
      up: 4,
      degraded: 0,
      down: 0,
      noData: 0,
      dev: 0,
      stalled: 0,
      missing: [],
      missingCount: 0,
      duplicated: [],
      lastReportAt: 0,
      ...shards,
    },
    ready: null,
    counters: {
      framesIn: 0,
      framesOut: 0,
      protocolErrors: 0,
      lastProtocolError: null,
      interactions: 0,
      unknownEvents: 0,
      reconnects: 0,
    },
    serverMessage: null,
    openIncidents: 0,
    ...over,
  };
}

/** A snapshot with sensible defaults. */
/** An incident (open unless `clearedAt` is given). */
export function makeIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    profileId: 'p1',
    rule: 'connection-lost',
    severity: 'critical',
    title: 'Connection lost',
    body: 'The gateway stopped answering.',
    shardIds: [],
    openedAt: 1_000,
    updatedAt: 1_000,
    clearedAt: null,
    acknowledged: false,
    suppressed: false,
    ...over,
  };
}

export function makeSnapshot(over: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    seq: 1,
    profiles: [],
    status: {},
    incidents: [],
    tray: { state: 'ok', icon: 'ok', downCount: 0, tooltip: 'Shardwatch', menu: [] },
    snooze: { until: null, paused: false },
    settings: {
      theme: 'system',
      launchAtLogin: false,
      startHidden: false,
      notificationSound: true,
      frameLogSize: 200,
      overviewSort: 'trouble',
      language: 'en',
    },
    secretStorage: {
      backend: 'file-key',
      strong: false,
      description: 'A key file next to the data.',
    },
    notices: [],
    readOnly: false,
    systemLocale: 'en',
    mode: 'browser',
    ...over,
  };
}

/** A deferred promise, to control when a fake answer arrives. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
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
