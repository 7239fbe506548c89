/**
 * The live side of one profile: its gateway connection, latency statistics,
 * shard tracker and raw frame log, folded into a {@link ProfileStatus}.
 * The monitor owns one runtime per profile and turns their changes into
 * deltas.
 */
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type {
  FrameEvent,
  GatewayConnection,
  PublicReadyInfo,
  ShardsEvent,
  StateEvent,
  StateKind,
} from '../gateway/connection';
import { toColumns } from '../gateway/shard-columns';
import { frameLogText } from '../gateway/frame-text';
import { openGatewayConnection } from '../gateway/worker-connection';
import type { BudgetExceeded } from '../gateway/budget';
import type { GatewayConnectionOptions } from '../gateway/options';
import type { ReadySummary } from '../../../shared/command-results';
import type { ConnectionProblem, ConnectionState } from '../../../shared/connection-state';
import type {
  LatencyStats,
  ProfileStatus,
  ShardSummary,
  ShardView,
} from '../../../shared/live-status';
import type { FrameLogEntry, TimelineEvent } from '../../../shared/profile-detail';
import type { ProfileView } from '../../../shared/profile-model';
import { dialectSpec } from '../../../shared/dialects';
import { createLatencyStats } from './latency-stats';
import type { LatencyTracker } from './latency-stats';
import { changesShards, createShardTracker } from './shard-tracker';
import type { ShardChange, ShardTracker } from './shard-tracker';
import { effectiveShardTotal, gatewayShardTotal } from '../../../shared/shard-total';
import { MIB } from '../../../shared/frame-limit';

/** Builds a gateway connection; tests and the demo may pass their own. */
export type ConnectionFactory = (options: GatewayConnectionOptions) => GatewayConnection;

/** What a runtime reports to the monitor. */
export interface RuntimeSink {
  statusChanged(profileId: string): void;
  shardsChanged(profileId: string, change: ShardChange, replace: boolean): void;
  /**
   * One ping outcome. A `disturbed` one (the timing thread stalled while it
   * was in flight, `timing-probe.ts`) is shown but kept out of every figure.
   */
  ping(profileId: string, at: number, rttMs: number | null, disturbed?: boolean): void;
  connection(
    profileId: string,
    state: ConnectionState,
    problem: ConnectionProblem | null,
    detail: string | null,
  ): void;
  shardsIngested(profileId: string, change: ShardChange): void;
  timeline(profileId: string, event: TimelineEvent): void;
  /** Every frame as the frame log keeps it (scrubbed of secrets), for the incident recorder. */
  frame?(profileId: string, entry: FrameLogEntry): void;
  /** The connection went over one of its budgets and was throttled (for the metrics). */
  throttled?(profileId: string, budget: BudgetExceeded): void;
}

/** Options of {@link createProfileRuntime}. */
export interface ProfileRuntimeOptions {
  profile: ProfileView;
  secrets: { publicKey: string | null; secret: string | null; error: string | null };
  clock: Clock;
  sink: RuntimeSink;
  frameLogSize: number;
  connectionFactory?: ConnectionFactory;
  /** Words status details in the user's language; English by default (docs/architecture.md §4). */
  say?: Say;
}

/** Handle of one profile's live state. */
export interface ProfileRuntime {
  readonly profileId: string;
  /** Fields whose change needs a new connection. */
  readonly connectionKey: string;
  /** Whether the connection was built with exactly these secrets (a change needs a new one). */
  usesSecrets(secrets: ProfileRuntimeOptions['secrets']): boolean;
  start(): void;
  stop(): void;
  reconnectNow(): void;
  /** Pause pings and alerts without forgetting data (offline / paused). */
  setPaused(paused: boolean, reason: string): void;
  status(openIncidents: number): ProfileStatus;
  /** Latency over the last minute alone (what the alert rules read on every ping). */
  latency1m(atWall: number): LatencyStats;
  /** Shard counts and coverage alone. */
  shardSummary(atWall: number): ShardSummary;
  shards(): ShardView[];
  /** What `shardsIngested` changes apply to; new when shards change outside a snapshot (no-data). */
  readonly shardSource: object;
  frames(): FrameLogEntry[];
  tick(atWall: number): void;
  /** Apply a profile edit that needs no reconnect (name, alerts…). */
  updateProfile(profile: ProfileView): void;
  readonly profile: ProfileView;
  dispose(): void;
}

const PROBLEM_BY_KIND: Record<StateKind, ConnectionProblem | null> = {
  unreachable: 'unreachable',
  network: 'unreachable',
  timeout: 'timeout',
  'http-error': 'http-error',
  'auth-refused': 'auth-refused',
  dropped: 'dropped',
  'wrong-dialect': 'wrong-dialect',
  'too-large': 'protocol',
  'server-closed': 'closed-by-server',
  dead: 'dead',
  user: null,
};

/** What a READY/RESUME told us, in the form the renderer may see. */
export function readySummary(r: PublicReadyInfo, at: number): ReadySummary {
  return {
    event: r.event,
    botId: r.botId,
    botFlags: r.botFlags,
    sessionIdShort: r.sessionIdShort,
    shardsConfig: r.shardsConfig,
    at,
  };
}

/**
 * The fields of a profile that, when edited, need a new connection. Secrets
 * need one too but are compared separately ({@link ProfileRuntime.usesSecrets}):
 * keying on `updatedAt` instead made every rename or alert tweak reconnect
 * and throw away the live latency windows and shard history.
 */
export function connectionKeyOf(p: ProfileView): string {
  return JSON.stringify([
    p.url,
    p.dialect,
    p.monitorMode,
    p.botId,
    p.shardIn,
    p.shardTotal,
    p.flags,
    p.pingIntervalMs,
    p.pingTimeoutMs,
    p.lostPingsToDead,
    p.maxFrameMiB,
  ]);
}

/** Create the runtime of one profile. Nothing connects until `start()`. */
export function createProfileRuntime(opts: ProfileRuntimeOptions): ProfileRuntime {
  const { clock, sink } = opts;
  let profile = opts.profile;
  const id = profile.id;
  // Shard stats come only to a client that registers, in a dialect whose
  // server reports them (docs/protocol.md §1, §2).
  const reportsStats =
    dialectSpec(profile.dialect).reportsShardStats && profile.monitorMode === 'register';
  const latency: LatencyTracker = createLatencyStats();
  const tracker: ShardTracker = createShardTracker({ shardTotal: profile.shardTotal });
  const frameLog: FrameLogEntry[] = [];
  let state: ConnectionState = 'idle';
  let detail: string | null = null;
  let problem: ConnectionProblem | null = null;
  let since = clock.wallNow();
  let ready: ReadySummary | null = null;
  /** The shard total READY's `shards_config` gave, and the highest shard id reported. */
  let readyTotal: number | null = null;
  let highestId: number | null = null;

  /** Expect the shards the gateway says the bot has; the profile's total until it says. */
  function applyShardTotal(): void {
    const { total, from } = effectiveShardTotal(readyTotal, highestId, profile.shardTotal);
    const now = tracker.summary(reportsStats, clock.wallNow());
    if (now.expected !== total || now.expectedFrom !== from) tracker.setShardTotal(total, from);
  }
  let serverMessage: string | null = null;
  let shardSource: object = {};
  let paused = false;
  let conn: GatewayConnection | null = null;
  const unsubs: Array<() => void> = [];

  function setState(
    next: ConnectionState,
    nextProblem: ConnectionProblem | null,
    nextDetail: string | null,
  ): void {
    if (next !== state || nextProblem !== problem || nextDetail !== detail) {
      if (next !== state) since = clock.wallNow();
      const changed = next !== state;
      state = next;
      problem = nextProblem;
      detail = nextDetail;
      sink.statusChanged(id);
      sink.connection(id, state, problem, detail);
      if (changed) {
        sink.timeline(id, {
          at: clock.wallNow(),
          kind: 'state',
          text: nextDetail ? `${next}: ${nextDetail}` : next,
          shardId: null,
        });
      }
      if (next !== 'ready') {
        const change = tracker.markNoData(clock.wallNow());
        if (changesShards(change)) {
          shardSource = {};
          sink.shardsChanged(id, change, false);
        }
      }
    }
  }

  function pushFrame(ev: FrameEvent): void {
    const entry: FrameLogEntry = {
      at: ev.at,
      direction: ev.direction,
      type: ev.type,
      event: ev.event,
      text: frameLogText(ev),
      error: ev.error ? ev.error.reason : null,
    };
    frameLog.push(entry);
    sink.frame?.(id, entry);
    const max = Math.max(10, opts.frameLogSize);
    if (frameLog.length > max) frameLog.splice(0, frameLog.length - max);
  }

  let lastDuplicated = '';

  function ingest(ev: ShardsEvent): void {
    const { at } = ev;
    // Columns as they came from a worker, or made here from an in-process connection's list.
    const columns = ev.columns ?? toColumns(ev.shards);
    let top: number | null = null;
    const { ids } = columns;
    for (let i = 0; i < columns.count; i++) {
      const shardId = ids[i] as number;
      if (Number.isSafeInteger(shardId) && shardId >= 0 && (top === null || shardId > top))
        top = shardId;
    }
    if (top !== null && top !== highestId) {
      highestId = top;
      applyShardTotal();
    }
    const change = tracker.ingestColumns(columns, at);
    // A shard id reported twice is kept once and said once: a coverage
    // problem of the gateway, not two shards.
    const dup = change.duplicated.join(', ');
    if (dup !== lastDuplicated && dup !== '') {
      sink.timeline(id, {
        at,
        kind: 'protocol-error',
        text: `Shard ${change.duplicated.length === 1 ? 'id' : 'ids'} ${dup} reported more than once in one snapshot (each is counted once).`,
        shardId: change.duplicated.length === 1 ? (change.duplicated[0] ?? null) : null,
      });
    }
    lastDuplicated = dup;
    sink.shardsIngested(id, change);
    if (changesShards(change)) sink.shardsChanged(id, change, false);
    sink.statusChanged(id);
  }

  function wire(c: GatewayConnection): void {
    unsubs.push(
      c.on('state', (ev: StateEvent) => {
        if (paused && ev.state !== 'closed') return;
        setState(ev.state, ev.kind ? PROBLEM_BY_KIND[ev.kind] : null, ev.detail || null);
      }),
      c.on('ready', (r) => {
        ready = readySummary(r, clock.wallNow());
        readyTotal = gatewayShardTotal(r.shardsConfig);
        applyShardTotal();
        sink.statusChanged(id);
      }),
      c.on('shards', (ev) => ingest(ev)),
      c.on('ping', (ev) => {
        // A disturbed answer counts as answered but in no percentile (latency-stats.ts).
        const disturbed = ev.disturbed === true && !ev.lost;
        latency.record(ev.at, ev.lost ? null : ev.rttMs, disturbed);
        sink.ping(id, ev.at, ev.lost ? null : ev.rttMs, disturbed);
        sink.statusChanged(id);
      }),
      c.on('server-message', (ev) => {
        serverMessage = ev.message;
        sink.timeline(id, { at: ev.at, kind: 'server-message', text: ev.message, shardId: null });
        sink.statusChanged(id);
      }),
      c.on('protocol-error', (ev) => {
        if (ev.budget) sink.throttled?.(id, ev.budget);
        sink.timeline(id, { at: ev.at, kind: 'protocol-error', text: ev.reason, shardId: null });
        sink.statusChanged(id);
      }),
      c.on('unknown-event', (ev) => {
        const name = ev.message.event ?? `type ${ev.message.type}`;
        sink.timeline(id, {
          at: ev.at,
          kind: 'unknown-event',
          text: `Unknown event ${name}`,
          shardId: null,
        });
        sink.statusChanged(id);
      }),
      c.on('interaction', () => sink.statusChanged(id)),
      c.on('frame', pushFrame),
    );
  }

  function missingSecretsDetail(): string | null {
    const say = opts.say ?? sayEnglish;
    const key = opts.secrets.publicKey ? null : opts.secrets.secret ? 'Key' : 'Both';
    if (key === null) return opts.secrets.secret ? null : say('connection.noSecret');
    return say(key === 'Key' ? 'connection.noPublicKey' : 'connection.noKeyOrSecret');
  }

  function start(): void {
    if (conn) {
      conn.connect();
      return;
    }
    if (opts.secrets.error) {
      // Never connect with empty credentials: the gateway would only refuse them.
      setState('failed', 'secrets-unreadable', opts.secrets.error);
      return;
    }
    const missing = missingSecretsDetail();
    if (missing) {
      setState('failed', 'auth-refused', missing);
      return;
    }
    try {
      conn = (opts.connectionFactory ?? openGatewayConnection)({
        url: profile.url,
        dialect: profile.dialect,
        mode: profile.monitorMode,
        identity: {
          botId: profile.botId,
          publicKey: opts.secrets.publicKey ?? '',
          secret: opts.secrets.secret ?? '',
          shardIn: profile.shardIn,
          shardTotal: profile.shardTotal,
        },
        flags: profile.flags,
        pingIntervalMs: profile.pingIntervalMs,
        pingTimeoutMs: profile.pingTimeoutMs,
        lostPingsToDead: profile.lostPingsToDead,
        maxFrameBytes: profile.maxFrameMiB * MIB,
        clock,
        say: opts.say,
      });
    } catch (err) {
      setState(
        'failed',
        'protocol',
        err instanceof Error ? err.message : (opts.say ?? sayEnglish)('connection.invalidSettings'),
      );
      return;
    }
    wire(conn);
    conn.connect();
  }

  function stop(): void {
    conn?.disconnect();
    if (!conn) setState('closed', null, null);
  }

  return {
    profileId: id,
    get connectionKey() {
      return connectionKeyOf(profile);
    },
    usesSecrets(next) {
      const cur = opts.secrets;
      return (
        next.publicKey === cur.publicKey && next.secret === cur.secret && next.error === cur.error
      );
    },
    get profile() {
      return profile;
    },
    start,
    stop,
    reconnectNow() {
      if (conn) conn.reconnectNow();
      else start();
    },
    setPaused(next, reason) {
      if (next === paused) return;
      paused = next;
      if (paused) {
        conn?.disconnect();
        setState('closed', 'paused', reason);
      } else {
        start();
      }
    },
    status(openIncidents): ProfileStatus {
      const now = clock.wallNow();
      const c = conn?.counters();
      return {
        profileId: id,
        state,
        detail,
        problem,
        since,
        lastRttMs: latency.last()?.rttMs ?? null,
        ...(latency.last()?.disturbed ? { lastRttDisturbed: true as const } : {}),
        latency: latency.all(now),
        recentRtts: latency.recent(60),
        shards: tracker.summary(reportsStats, now),
        ready,
        counters: {
          framesIn: c?.framesIn ?? 0,
          framesOut: c?.framesOut ?? 0,
          protocolErrors: c?.protocolErrors ?? 0,
          lastProtocolError: c?.lastProtocolError ?? null,
          interactions: c?.interactions ?? 0,
          unknownEvents: c?.unknownEvents ?? 0,
          reconnects: c?.reconnects ?? 0,
        },
        serverMessage,
        openIncidents,
      };
    },
    latency1m: (atWall) => latency.window('1m', atWall),
    shardSummary: (atWall) => tracker.summary(reportsStats, atWall),
    shards: () => tracker.all(),
    get shardSource() {
      return shardSource;
    },
    frames: () => frameLog.slice(),
    tick(atWall) {
      const change = tracker.tick(atWall);
      if (changesShards(change)) {
        shardSource = {};
        sink.shardsChanged(id, change, false);
        sink.statusChanged(id);
      }
    },
    updateProfile(next) {
      profile = next;
      applyShardTotal();
      sink.statusChanged(id);
    },
    dispose() {
      for (const off of unsubs.splice(0)) off();
      conn?.dispose();
      conn = null;
    },
  };
}
