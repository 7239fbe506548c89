/**
 * The one pacer of pushed state (docs/architecture.md §3.2): parts of the
 * state are marked as changed, and at most one `event:delta` per
 * `intervalMs` carries everything marked since the last one, under a
 * monotonic `seq`. Every transport (Electron IPC, the browser-mode bridge)
 * forwards these deltas as they are.
 */
import type { AlertingDelta } from '../../../shared/alerting';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { AppSettings } from '../../../shared/app-settings';
import type { AppDelta, Notice } from '../../../shared/app-state';
import type { Incident, SnoozeState } from '../../../shared/incident-model';
import type { PingSample, ProfileStatus } from '../../../shared/live-status';
import type { ProfileView } from '../../../shared/profile-model';
import type { TrayModel } from '../../../shared/tray';
import type { ShardChange } from '../monitor/shard-tracker';
import { createShardPushes } from './shard-pushes';

/**
 * Shards whose counters alone changed are pushed at most this often; state
 * changes go out with the next push (≤ 100 ms).
 */
const SHARD_COUNTERS_PUSH_MS = 5000;

/** Where the pacer reads the parts it pushes whole. */
export interface DeltaSource {
  profiles(): ProfileView[];
  /** A freshly built status of one profile; undefined when it has no runtime. */
  status(profileId: string): ProfileStatus | undefined;
  snooze(): SnoozeState;
  settings(): AppSettings;
  notices(): Notice[];
  /** The tray model for these statuses. */
  tray(status: Record<string, ProfileStatus>): TrayModel;
}

/** Options of {@link createDeltaPacer}. */
export interface DeltaPacerOptions {
  clock: Clock;
  /** Minimum time between two deltas. */
  intervalMs: number;
  source: DeltaSource;
}

/** The pending delta of one core and its listeners. */
export interface DeltaPacer {
  /** The `seq` of the last delta pushed (0 before the first). */
  seq(): number;
  markProfiles(): void;
  markStatus(profileId: string): void;
  markShards(profileId: string, change: ShardChange, replace: boolean): void;
  markIncident(incident: Incident): void;
  markSnooze(): void;
  markSettings(): void;
  markNotices(): void;
  markAlerting(delta: AlertingDelta): void;
  /** A ping outcome for the live chart: every one goes out, in order. */
  markPing(sample: PingSample): void;
  /** Push whatever is marked once the interval allows. */
  schedule(): void;
  /** Push now if the interval allows (else as soon as it does). */
  flush(): void;
  /** Every profile's status: rebuilt (`fresh`) or as last pushed where one was. */
  statuses(fresh: boolean): Record<string, ProfileStatus>;
  /** The tray as last pushed (built now before the first push). */
  tray(): TrayModel;
  /** A profile's runtime stopped. */
  forgetProfile(profileId: string): void;
  onDelta(listener: (delta: AppDelta) => void): () => void;
  onTray(listener: (model: TrayModel) => void): () => void;
  /** Stop pushing; drops listeners and anything pending. */
  dispose(): void;
}

/** Create the pacer. */
export function createDeltaPacer(opts: DeltaPacerOptions): DeltaPacer {
  const { clock, source, intervalMs } = opts;
  let seq = 0;
  let disposed = false;
  const dirty = {
    profiles: false,
    status: new Set<string>(),
    incidents: new Map<string, Incident>(),
    snooze: false,
    settings: false,
    notices: false,
    alerting: null as AlertingDelta | null,
    pings: [] as PingSample[],
  };
  const shards = createShardPushes({ countersEveryMs: SHARD_COUNTERS_PUSH_MS });
  let pushTimer: TimerHandle | null = null;
  let lastPushAt = -Infinity;
  let lastTrayJson = '';
  let trayModel: TrayModel | null = null;
  const deltaListeners = new Set<(d: AppDelta) => void>();
  const trayListeners = new Set<(m: TrayModel) => void>();

  // Statuses as last pushed. Building one sorts latency windows, so a push
  // rebuilds only the profiles marked dirty and reuses the rest (the tray
  // needs all of them on every push).
  const statusCache = new Map<string, ProfileStatus>();

  function statusOf(id: string, fresh: boolean): ProfileStatus | undefined {
    if (!fresh) {
      const cached = statusCache.get(id);
      if (cached) return cached;
    }
    const st = source.status(id);
    if (st) statusCache.set(id, st);
    else statusCache.delete(id);
    return st;
  }

  function statuses(fresh: boolean): Record<string, ProfileStatus> {
    const out: Record<string, ProfileStatus> = {};
    for (const p of source.profiles()) {
      const st = statusOf(p.id, fresh);
      if (st) out[p.id] = st;
    }
    return out;
  }

  function schedule(): void {
    if (pushTimer || disposed) return;
    const wait = Math.max(0, lastPushAt + intervalMs - clock.now());
    pushTimer = clock.setTimeout(flush, wait);
  }

  function flush(): void {
    pushTimer = null;
    if (disposed) return;
    // Node timers count from the event loop's cached time, so on a busy loop
    // they fire early by as much as the loop is behind; without this check
    // the "at most one delta per intervalMs" promise broke under load.
    const early = lastPushAt + intervalMs - clock.now();
    if (early > 0) {
      pushTimer = clock.setTimeout(flush, early);
      return;
    }
    lastPushAt = clock.now();
    const delta: AppDelta = { seq: seq + 1 };
    let any = false;
    if (dirty.profiles) {
      delta.profiles = source.profiles();
      any = true;
    }
    if (dirty.status.size > 0) {
      delta.status = [];
      for (const id of dirty.status) {
        const st = statusOf(id, true);
        if (st) delta.status.push(st);
      }
      any = true;
    }
    const shardChanges = shards.take(clock.now());
    if (shardChanges) {
      delta.shards = shardChanges;
      any = true;
    }
    if (dirty.incidents.size > 0) {
      delta.incidents = [...dirty.incidents.values()];
      any = true;
    }
    if (dirty.snooze) {
      delta.snooze = source.snooze();
      any = true;
    }
    if (dirty.settings) {
      delta.settings = source.settings();
      any = true;
    }
    if (dirty.notices) {
      delta.notices = source.notices();
      any = true;
    }
    if (dirty.alerting) {
      delta.alerting = dirty.alerting;
      any = true;
    }
    if (dirty.pings.length > 0) {
      delta.pings = dirty.pings;
      dirty.pings = [];
      any = true;
    }
    const tray = source.tray(statuses(false));
    const trayJson = JSON.stringify(tray);
    if (trayJson !== lastTrayJson) {
      lastTrayJson = trayJson;
      trayModel = tray;
      delta.tray = tray;
      any = true;
      for (const l of trayListeners) l(tray);
    }
    dirty.profiles = false;
    dirty.status.clear();
    dirty.incidents.clear();
    dirty.snooze = false;
    dirty.settings = false;
    dirty.notices = false;
    dirty.alerting = null;
    if (!any) return;
    seq = delta.seq;
    for (const l of deltaListeners) l(delta);
    // The rest of a change split into chunks goes out with the next push.
    if (shards.leftOver()) schedule();
  }

  return {
    seq: () => seq,
    markProfiles() {
      dirty.profiles = true;
      schedule();
    },
    markStatus(id) {
      dirty.status.add(id);
      schedule();
    },
    markShards(id, change, replace) {
      shards.changed(id, change, replace);
      schedule();
    },
    markIncident(incident) {
      dirty.incidents.set(incident.id, incident);
      schedule();
    },
    markSnooze() {
      dirty.snooze = true;
      schedule();
    },
    markSettings() {
      dirty.settings = true;
      schedule();
    },
    markNotices() {
      dirty.notices = true;
      schedule();
    },
    markAlerting(d) {
      dirty.alerting = { ...dirty.alerting, ...d };
      schedule();
    },
    markPing(sample) {
      dirty.pings.push(sample);
      schedule();
    },
    schedule,
    flush,
    statuses,
    tray: () => trayModel ?? source.tray(statuses(false)),
    forgetProfile(id) {
      statusCache.delete(id);
      shards.forget(id);
    },
    onDelta(listener) {
      deltaListeners.add(listener);
      return () => deltaListeners.delete(listener);
    },
    onTray(listener) {
      trayListeners.add(listener);
      return () => trayListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(pushTimer);
      pushTimer = null;
      deltaListeners.clear();
      trayListeners.clear();
    },
  };
}
