/**
 * The engine behind every screen, in plain Node (docs/architecture.md §2): profiles,
 * one live runtime per enabled profile, alerts, history and the tray model,
 * exposed through the AppApi contract (shared/api.ts). Electron IPC and the
 * browser-mode bridge both call {@link AppCore.handle}; state reaches them as
 * coalesced deltas with a monotonic `seq` (docs/architecture.md §3.2).
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../../shared/clock';
import { systemClock } from '../../shared/clock';
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ApiChannel, ApiResult, AppApi, ApiEventChannel, ApiEvents } from '../../shared/api';
import { apiError, apiOk, checkApiArgs, isApiChannel } from '../../shared/api';
import type {
  AppDelta,
  AppSnapshot,
  Incident,
  Notice,
  ProfileInput,
  ProfileStatus,
  PingSample,
  ProfileView,
  SecretStorageInfo,
  ShardView,
  TimelineEvent,
  TrayModel,
} from '../../shared/model';
import type { Notifier } from './alerts/notifier';
import type { AlertEngine, AlertProfile } from './alerts/alert-engine';
import { createAlertEngine } from './alerts/alert-engine';
import type { HistoryFaults, HistoryStore } from './history/history-store';
import { uptimeStateOf } from './alerts/rules';
import { systemTimeZone } from './alerts/local-time';
import { createAlerting } from './notify/alerting';
import type { AlertingOptions } from './notify/alerting';
import type { AlertingDelta } from '../../shared/alerting';
import { createUptimeStore } from './history/uptime-store';
import { createHistoryStore } from './history/history-store';
import type { ProfileFileBackendFactory } from './profiles/profile-file';
import type { ProfileStore } from './profiles/profile-store';
import { createProfileStore } from './profiles/profile-store';
import type { DismissedNoticeStore } from './profiles/dismissed-notices';
import { createDismissedNoticeStore } from './profiles/dismissed-notices';
import { pickProfileFields } from './profiles/stored-file';
import type { SecretCipher } from './profiles/secret-cipher';
import { buildTrayModel } from './tray-model';
import { createLocalSimulators } from './local-simulators';
import type { ConnectionFactory, ProfileRuntime } from './monitor/profile-runtime';
import type { ShardChange } from './monitor/shard-tracker';
import { connectionKeyOf, createProfileRuntime } from './monitor/profile-runtime';
import { runHandshakeTest } from './monitor/handshake-test';
import { detectCommand } from './monitor/detect-command';

/** Options of {@link createAppCore}. */
export interface AppCoreOptions {
  /** Folder for profiles, the history database and keys. */
  dataDir: string;
  cipher: SecretCipher;
  notifier: Notifier;
  mode: 'electron' | 'browser';
  clock?: Clock;
  /** Minimum time between two pushed deltas (default 100 ms: at most 10 per second). */
  pushIntervalMs?: number;
  /** History database file; `null` keeps history in memory only. */
  historyFile?: string | null;
  /** Makes history writes fail on purpose (tests of the disk-trouble paths). */
  historyFaults?: HistoryFaults;
  connectionFactory?: ConnectionFactory;
  /** Receives log lines; never given a secret. */
  log?: (line: string) => void;
  /** How the profiles file is written: `conf` unless given (the desktop app passes electron-store). */
  profileFileBackend?: ProfileFileBackendFactory;
  /** Overrides what Settings says about secret storage (Electron passes the safeStorage facts). */
  secretStorage?: () => SecretStorageInfo;
  /**
   * Starts the built-in demo gateway (the simulator, in-process). Injected by
   * the composition root so the core does not depend on the simulator.
   */
  startDemo?: () => Promise<DemoGateway>;
  /**
   * Starts a healthy gateway simulator with known credentials for "Add a
   * simulator profile" (electron/core/local-simulators.ts); injected like
   * `startDemo`.
   */
  startSimulator?: () => Promise<DemoGateway>;
  /** Every ping outcome (`null` = lost), for the metrics endpoint. */
  onPing?: (profileId: string, rttMs: number | null) => void;
  /** Test hooks of the channel delivery queue. */
  deliveryQueue?: AlertingOptions['queue'];
}

/** Handle of the running core. */
export interface AppCore {
  /** Validated entry point for a request from the renderer side. Never throws. */
  handle(channel: unknown, args: unknown): Promise<ApiResult<unknown>>;
  /** Typed direct calls (tests, the Electron tray menu). */
  readonly api: AppApi;
  on<E extends ApiEventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** Subscribe to tray model changes. */
  onTray(listener: (model: TrayModel) => void): () => void;
  tray(): TrayModel;
  /** Ask the UI to open a profile (a notification was clicked). */
  open(profileId: string, shardId: number | null): void;
  /** The machine woke up: sockets may look open but be dead, so reconnect everything. */
  resumeFromSleep(): void;
  /** The network went away or came back: pings pause without raising alerts. */
  setOnline(online: boolean): void;
  /** Add a notice for the user (e.g. from the Electron shell). */
  notice(level: Notice['level'], message: string): void;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Marker file in the data folder: the user removed the Demo profile, so it
 * is not added again at start. `command:restore-demo` removes it.
 */
export const DEMO_DISMISSED_FILE = 'demo-dismissed';

/**
 * The id of a notice: the same level and message give the same id in every
 * run, so a dismissal can be recognised after a restart. A notice whose
 * message names something new (a file moved aside under a new time stamp)
 * gets a new id, so it shows even if an older one like it was dismissed.
 */
export function noticeIdOf(level: Notice['level'], message: string): string {
  const hash = createHash('sha256').update(`${level}\u0000${message}`).digest('hex');
  return `notice-${hash.slice(0, 20)}`;
}

const TICK_MS = 1000;
/** Every this many ticks each status is rebuilt even without news. */
const STATUS_REFRESH_TICKS = 5;
/**
 * Shards whose counters alone changed are pushed at most this often; state
 * changes go out with the next push (≤ 100 ms).
 */
const SHARD_COUNTERS_PUSH_MS = 5000;

/**
 * The answer to a request for a channel outside the contract. The value is
 * described by its kind, never converted: `String()` of an object calls its
 * `toString`, which a hostile request sets to anything (or to a non-function,
 * which throws).
 */
function unknownChannel(channel: unknown): ApiResult<never> {
  if (typeof channel !== 'string')
    return apiError(
      'bad-request',
      `The request names no channel (got ${channel === null ? 'null' : Array.isArray(channel) ? 'a list' : typeof channel === 'object' ? 'an object' : `a ${typeof channel}`} where the name of a request belongs). Update Shardwatch or reload the window.`,
    );
  return apiError(
    'bad-request',
    `Unknown request "${channel.slice(0, 60)}". Update Shardwatch or reload the window.`,
  );
}

/** Create the core. Call `start()` to load profiles and connect. */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => {});
  const pushIntervalMs = opts.pushIntervalMs ?? 100;
  const notices: Notice[] = [];
  let seq = 0;
  let online = true;
  let disposed = false;

  // ---- delta bookkeeping -------------------------------------------------
  // Declared before the stores: the history store may report a problem
  // (addNotice) while it is being created, which used to hit `dirty` in its
  // temporal dead zone, so that notice was neither logged nor pushed.
  const dirty = {
    profiles: false,
    status: new Set<string>(),
    shards: new Map<
      string,
      { changed: Map<number, ShardView>; removed: Set<number>; replace: boolean }
    >(),
    incidents: new Map<string, Incident>(),
    snooze: false,
    settings: false,
    notices: false,
    alerting: null as AlertingDelta | null,
    pings: [] as PingSample[],
  };
  let pushTimer: TimerHandle | null = null;
  let lastPushAt = -Infinity;
  let lastTrayJson = '';
  let trayModel: TrayModel | null = null;
  const deltaListeners = new Set<(d: AppDelta) => void>();
  const openListeners = new Set<(t: ApiEvents['event:open']) => void>();
  const trayListeners = new Set<(m: TrayModel) => void>();

  // Notices raised before start() has finished. A notice the user dismissed
  // in an earlier run that is raised again while starting has a cause that
  // never went away (a keychain still missing, a profiles file still from a
  // newer version): it stays dismissed. Dismissals of notices not raised
  // while starting are forgotten then, since their cause has gone; if it
  // comes back, the notice is news again.
  let starting = true;
  const raisedWhileStarting = new Set<string>();

  const profiles: ProfileStore = createProfileStore({
    dir: opts.dataDir,
    cipher: opts.cipher,
    clock,
    ...(opts.profileFileBackend ? { backend: opts.profileFileBackend } : {}),
  });
  const simulators = createLocalSimulators({
    dataDir: opts.dataDir,
    start: opts.startSimulator,
    profiles,
    log,
  });
  const dismissed: DismissedNoticeStore = createDismissedNoticeStore({
    dir: opts.dataDir,
    clock,
  });
  /** Core notice id → the profile store's own id for the same notice. */
  const storeNoticeIds = new Map<string, string>();
  for (const n of profiles.notices()) {
    addNotice(n.level, n.message);
    storeNoticeIds.set(noticeIdOf(n.level, n.message), n.id);
  }
  for (const p of dismissed.problems()) addNotice(p.level, p.message);

  // profiles.list() returns fresh copies; every push needs the list, so keep
  // one until the store says something changed.
  let profileList: ProfileView[] | null = null;
  function currentProfiles(): ProfileView[] {
    profileList ??= profiles.list();
    return profileList;
  }

  function addNotice(level: Notice['level'], message: string): void {
    const id = noticeIdOf(level, message);
    if (starting) {
      raisedWhileStarting.add(id);
      if (dismissed.has(id)) {
        log(`notice (${level}, dismissed before, not shown): ${message}`);
        return;
      }
    } else if (dismissed.has(id)) {
      // Raised while running: its cause happened again.
      const err = dismissed.forget([id]);
      if (err !== null) log(`notices: ${err}`);
    }
    // The same notice again replaces the old one (one entry per id).
    const old = notices.findIndex((n) => n.id === id);
    if (old >= 0) notices.splice(old, 1);
    notices.push({ id, level, message, at: clock.wallNow() });
    if (notices.length > 50) notices.splice(0, notices.length - 50);
    dirty.notices = true;
    schedulePush();
    log(`notice (${level}): ${message}`);
  }

  /** Remove a notice whose cause is gone (the user need not dismiss it). */
  function withdrawNotice(id: string): void {
    const i = notices.findIndex((n) => n.id === id);
    if (i < 0) return;
    notices.splice(i, 1);
    dirty.notices = true;
    schedulePush();
  }

  function markDemoDismissed(): void {
    try {
      writeFileSync(
        join(opts.dataDir, DEMO_DISMISSED_FILE),
        'The demo profile was removed by the user.\n',
        { mode: 0o600 },
      );
    } catch {
      // Only means the demo may come back on the next start with no profiles.
    }
  }

  const historyFile =
    opts.historyFile === undefined
      ? join(opts.dataDir, 'history.sqlite')
      : (opts.historyFile ?? ':memory:');
  const history: HistoryStore = createHistoryStore({
    file: historyFile,
    clock,
    onError: (message: string) => addNotice('warning', message),
    // "History could not be saved: the disk is full…" goes once writes succeed again.
    onRecovered: (messages: string[]) => {
      for (const message of messages) withdrawNotice(noticeIdOf('warning', message));
    },
    faults: opts.historyFaults,
  });

  const uptime = createUptimeStore({
    file: historyFile,
    clock,
    onError: (message) => addNotice('warning', message),
  });
  const alerting = createAlerting({
    dataDir: opts.dataDir,
    cipher: opts.cipher,
    clock,
    uptime,
    notice: (level, message) => addNotice(level, message),
    onChange: (d) => {
      dirty.alerting = { ...dirty.alerting, ...d };
      schedulePush();
    },
    profileIds: () => currentProfiles().map((p) => p.id),
    profileTimeZone: (id) => {
      const q = profiles.get(id)?.alerts.quietHours;
      return q?.timeZone || systemTimeZone();
    },
    incidents: (profileId, limit) => mergedIncidents(profileId, limit),
    ...(opts.deliveryQueue ? { queue: opts.deliveryQueue } : {}),
  });
  const alerts: AlertEngine = createAlertEngine({
    clock,
    notifier: opts.notifier,
    desktop: alerting.desktop,
    destinations: alerting.destinations,
    inMaintenance: alerting.inMaintenance,
  });
  const runtimes = new Map<string, ProfileRuntime>();

  /**
   * Live incidents from the engine, older ones (before a restart) from
   * history: the one list every screen and count is built from.
   */
  function mergedIncidents(profileId: string | null, limit: number): Incident[] {
    const live = alerts.incidents({
      profileId: profileId ?? undefined,
      includeClosed: true,
      limit,
    });
    const seen = new Set(live.map((i) => i.id));
    const past = history.incidents(profileId, limit).filter((i) => !seen.has(i.id));
    const all = [...live, ...past].sort(
      (a, b) =>
        Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.updatedAt - a.updatedAt,
    );
    return all.slice(0, limit);
  }

  /** Acknowledge an incident only history knows (it closed before a restart). */
  function acknowledgeStored(incidentId: string): Incident | null {
    const found = history.incidents(null, 10_000).find((i) => i.id === incidentId);
    if (!found) return null;
    const acked = { ...found, acknowledged: true, updatedAt: clock.wallNow() };
    if (!found.acknowledged) {
      history.recordIncident(acked);
      uptime.recordAck(acked.id, acked.profileId, acked.updatedAt);
      dirty.incidents.set(acked.id, acked);
      schedulePush();
    }
    return found.acknowledged ? found : acked;
  }

  /**
   * Incidents an earlier run left open continue as the same incidents (one
   * per profile and cause, no second alert); any that cannot are closed now.
   */
  function adoptOpenIncidents(): void {
    const left = history.incidents(null, 10_000).filter((i) => i.clearedAt === null);
    const known = new Set(currentProfiles().map((p) => p.id));
    const now = clock.wallNow();
    for (const i of alerts.adopt(left.filter((x) => known.has(x.profileId))))
      history.recordIncident({ ...i, clearedAt: now, updatedAt: now });
    for (const i of left.filter((x) => !known.has(x.profileId)))
      history.recordIncident({ ...i, clearedAt: now, updatedAt: now });
  }
  let demo: DemoGateway | null = null;

  function schedulePush(): void {
    if (pushTimer || disposed) return;
    const wait = Math.max(0, lastPushAt + pushIntervalMs - clock.now());
    pushTimer = clock.setTimeout(flush, wait);
  }

  // Shard ids each profile's pushes have carried, shards whose counters alone
  // changed since, and when counters were last pushed.
  const shownShards = new Map<string, Set<number>>();
  const counterOnly = new Map<string, Map<number, ShardView>>();
  const lastCountersPush = new Map<string, number>();

  // Statuses as last pushed. Building one sorts latency windows, so a push
  // rebuilds only the profiles marked dirty and reuses the rest (the tray
  // needs all of them on every push).
  const statusCache = new Map<string, ProfileStatus>();

  function statusOf(id: string, fresh = true): ProfileStatus | undefined {
    if (!fresh) {
      const cached = statusCache.get(id);
      if (cached) return cached;
    }
    const st = runtimes.get(id)?.status(alerts.openCount(id));
    if (st) statusCache.set(id, st);
    else statusCache.delete(id);
    return st;
  }

  function allStatus(fresh = false): Record<string, ProfileStatus> {
    const out: Record<string, ProfileStatus> = {};
    for (const p of currentProfiles()) {
      const st = statusOf(p.id, fresh);
      if (st) out[p.id] = st;
    }
    return out;
  }

  function computeTray(): TrayModel {
    return buildTrayModel({
      profiles: currentProfiles(),
      status: allStatus(),
      incidents: alerts.incidents({ includeClosed: false }),
      snooze: alerts.snoozeState(),
      nowWall: clock.wallNow(),
    });
  }

  function flush(): void {
    pushTimer = null;
    if (disposed) return;
    // Node timers count from the event loop's cached time, so on a busy loop
    // they fire early by as much as the loop is behind; without this check
    // the "at most one delta per pushIntervalMs" promise broke under load.
    const early = lastPushAt + pushIntervalMs - clock.now();
    if (early > 0) {
      pushTimer = clock.setTimeout(flush, early);
      return;
    }
    lastPushAt = clock.now();
    const delta: AppDelta = { seq: seq + 1 };
    let any = false;
    if (dirty.profiles) {
      delta.profiles = currentProfiles();
      any = true;
    }
    if (dirty.status.size > 0) {
      delta.status = [];
      for (const id of dirty.status) {
        const st = statusOf(id);
        if (st) delta.status.push(st);
      }
      any = true;
    }
    const nowMono = clock.now();
    for (const [profileId, pending] of counterOnly) {
      if (pending.size === 0) continue;
      if ((lastCountersPush.get(profileId) ?? -Infinity) + SHARD_COUNTERS_PUSH_MS > nowMono)
        continue;
      let entry = dirty.shards.get(profileId);
      if (!entry) {
        entry = { changed: new Map(), removed: new Set(), replace: false };
        dirty.shards.set(profileId, entry);
      }
      if (entry.changed.size === 0) {
        // Nothing else waits for this profile: hand the map over rather
        // than copy a big bot's 5,000 entries into an empty one.
        entry.changed = pending;
        counterOnly.set(profileId, new Map());
      } else {
        for (const [shardId, view] of pending)
          if (!entry.changed.has(shardId)) entry.changed.set(shardId, view);
        pending.clear();
      }
      lastCountersPush.set(profileId, nowMono);
    }
    if (dirty.shards.size > 0) {
      delta.shards = [];
      for (const [profileId, s] of dirty.shards) {
        delta.shards.push({
          profileId,
          shards: [...s.changed.values()],
          removed: [...s.removed],
          replace: s.replace,
        });
      }
      any = true;
    }
    if (dirty.incidents.size > 0) {
      delta.incidents = [...dirty.incidents.values()];
      any = true;
    }
    if (dirty.snooze) {
      delta.snooze = alerts.snoozeState();
      any = true;
    }
    if (dirty.settings) {
      delta.settings = profiles.getSettings();
      any = true;
    }
    if (dirty.notices) {
      delta.notices = notices.slice();
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
    const tray = computeTray();
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
    dirty.shards.clear();
    dirty.incidents.clear();
    dirty.snooze = false;
    dirty.settings = false;
    dirty.notices = false;
    dirty.alerting = null;
    if (!any) return;
    seq = delta.seq;
    for (const l of deltaListeners) l(delta);
  }

  // ---- runtimes ----------------------------------------------------------
  function alertProfile(p: ProfileView): AlertProfile {
    // A disabled profile watches nothing: its incidents must close, not keep the tray red.
    return {
      id: p.id,
      name: p.name,
      alerts: p.alerts,
      shardTotal: p.shardTotal,
      paused: !online || !p.enabled,
      demo: p.demo,
    };
  }

  const sink = {
    statusChanged(id: string) {
      dirty.status.add(id);
      schedulePush();
    },
    shardsChanged(id: string, change: ShardChange, replace: boolean) {
      let entry = dirty.shards.get(id);
      if (!entry)
        dirty.shards.set(id, (entry = { changed: new Map(), removed: new Set(), replace: false }));
      let seen = shownShards.get(id);
      if (!seen) shownShards.set(id, (seen = new Set()));
      let pending = counterOnly.get(id);
      if (!pending) counterOnly.set(id, (pending = new Map()));
      if (replace) {
        entry.replace = true;
        entry.changed.clear();
        entry.removed.clear();
        pending.clear();
      }
      // A shard whose state changed, that restarted, or that the renderer has
      // not seen goes out with the next push; one whose counters alone moved
      // waits for the next counters push (every shard of a busy bot moves its
      // counters on every report).
      const significant = new Set<number>();
      for (const t of change.transitions) significant.add(t.shardId);
      for (const r of change.restarts) significant.add(r.shardId);
      // Empty sets are skipped rather than asked: a 5,000-shard report whose
      // counters all moved otherwise paid five map lookups per shard.
      const anySignificant = significant.size > 0;
      const changed = entry.changed;
      const removed = entry.removed;
      for (const s of change.changed) {
        if (replace || (anySignificant && significant.has(s.id)) || !seen.has(s.id)) {
          changed.set(s.id, s);
          pending.delete(s.id);
          seen.add(s.id);
        } else if (changed.size === 0 || !changed.has(s.id)) {
          pending.set(s.id, s);
        } else {
          changed.set(s.id, s);
        }
        if (removed.size > 0) removed.delete(s.id);
      }
      for (const r of change.removed) {
        entry.changed.delete(r);
        pending.delete(r);
        seen.delete(r);
        entry.removed.add(r);
      }
      schedulePush();
    },
    ping(id: string, at: number, rttMs: number | null) {
      history.recordPing(id, at, rttMs);
      // The status change that comes with every ping schedules the push.
      dirty.pings.push({ profileId: id, at, rttMs });
      opts.onPing?.(id, rttMs);
      const rt = runtimes.get(id);
      if (!rt) return;
      alerts.evaluate(id, {
        kind: 'ping',
        profile: alertProfile(rt.profile),
        latency1m: rt.latency1m(clock.wallNow()),
      });
    },
    connection(
      id: string,
      state: ProfileStatus['state'],
      problem: ProfileStatus['problem'],
      detail: string | null,
    ) {
      const rt = runtimes.get(id);
      if (!rt) return;
      uptime.record(id, uptimeStateOf({ state, problem, detail }), clock.wallNow());
      alerts.evaluate(id, {
        kind: 'connection',
        profile: alertProfile(rt.profile),
        state,
        problem,
        detail,
      });
    },
    shardsIngested(id: string, change: ShardChange) {
      const rt = runtimes.get(id);
      if (!rt) return;
      for (const t of change.transitions)
        history.recordShardTransition(id, t.shardId, t.from, t.to, t.at);
      for (const r of change.restarts) {
        history.recordRestart(id, r.shardId, r.at);
        history.recordEvent(id, {
          at: r.at,
          kind: 'shard-restart',
          text: `Shard ${r.shardId} restarted`,
          shardId: r.shardId,
        });
      }
      alerts.evaluate(id, {
        kind: 'shards',
        profile: alertProfile(rt.profile),
        shards: rt.shards(),
        summary: rt.shardSummary(clock.wallNow()),
        transitions: change.transitions,
      });
    },
    timeline(id: string, event: TimelineEvent) {
      history.recordEvent(id, event);
    },
  };

  function startRuntime(p: ProfileView): void {
    const rt = createProfileRuntime({
      profile: p,
      secrets: profiles.getSecrets(p.id, p.url),
      clock,
      sink,
      frameLogSize: profiles.getSettings().frameLogSize,
      connectionFactory: opts.connectionFactory,
    });
    runtimes.set(p.id, rt);
    if (p.enabled && !alerts.snoozeState().paused) rt.start();
    else rt.setPaused(true, p.enabled ? 'All monitoring is paused.' : 'This profile is paused.');
    dirty.status.add(p.id);
  }

  function stopRuntime(id: string): void {
    const rt = runtimes.get(id);
    if (!rt) return;
    rt.dispose();
    runtimes.delete(id);
    uptime.record(id, 'off', clock.wallNow());
    statusCache.delete(id);
    shownShards.delete(id);
    counterOnly.delete(id);
    lastCountersPush.delete(id);
  }

  /** Bring runtimes in line with the stored profiles. */
  function reconcile(): void {
    simulators.reconcile();
    const list = currentProfiles();
    const ids = new Set(list.map((p) => p.id));
    for (const id of [...runtimes.keys()]) {
      if (!ids.has(id)) {
        stopRuntime(id);
        alerts.removeProfile(id);
      }
    }
    for (const p of list) {
      const rt = runtimes.get(p.id);
      if (!rt) {
        startRuntime(p);
        continue;
      }
      if (
        rt.connectionKey !== connectionKeyOf(p) ||
        !rt.usesSecrets(profiles.getSecrets(p.id, p.url))
      ) {
        stopRuntime(p.id);
        startRuntime(p);
        continue;
      }
      const wasEnabled = rt.profile.enabled;
      rt.updateProfile(p);
      if (wasEnabled !== p.enabled) {
        if (p.enabled && !alerts.snoozeState().paused) rt.setPaused(false, '');
        else
          rt.setPaused(true, p.enabled ? 'All monitoring is paused.' : 'This profile is paused.');
      }
    }
    if (demo && !list.some((p) => p.demo)) {
      const d = demo;
      demo = null;
      void d.stop();
      markDemoDismissed();
    }
    dirty.profiles = true;
    schedulePush();
  }

  const offProfiles = profiles.on('change', (change) => {
    profileList = null;
    if (change.kind === 'profiles') reconcile();
    else if (change.kind === 'settings') {
      dirty.settings = true;
      schedulePush();
    }
  });
  const offIncident = alerts.on('incident', (incident, change) => {
    dirty.incidents.set(incident.id, incident);
    dirty.status.add(incident.profileId);
    history.recordIncident(incident);
    if (incident.acknowledged)
      uptime.recordAck(incident.id, incident.profileId, incident.updatedAt);
    // Open and clear entries of the timeline come from the incidents table;
    // only growth steps are recorded as events.
    if (change === 'update') {
      history.recordEvent(incident.profileId, {
        at: clock.wallNow(),
        kind: 'incident-update',
        text: incident.title,
        shardId: null,
      });
    }
    schedulePush();
  });
  const offSnooze = alerts.on('snooze', () => {
    dirty.snooze = true;
    schedulePush();
  });

  let tickTimer: TimerHandle | null = null;
  let ticks = 0;
  function tick(): void {
    tickTimer = clock.setTimeout(tick, TICK_MS);
    const now = clock.wallNow();
    // Latency windows age even when nothing arrives (a paused or failed
    // profile): refresh every status now and then, not only on events.
    const refreshAll = ++ticks % STATUS_REFRESH_TICKS === 0;
    for (const rt of runtimes.values()) {
      if (refreshAll) dirty.status.add(rt.profileId);
      rt.tick(now);
      alerts.evaluate(rt.profileId, { kind: 'tick', profile: alertProfile(rt.profile) });
    }
    alerting.tick();
    schedulePush();
  }

  // ---- API ---------------------------------------------------------------
  function notFound(what: string): ApiResult<never> {
    return apiError(
      'not-found',
      `${what} no longer exists. It may have been deleted in another window.`,
    );
  }

  function snapshot(): AppSnapshot {
    return {
      seq,
      profiles: currentProfiles(),
      status: allStatus(true),
      incidents: alerts.incidents({ includeClosed: true, limit: 200 }),
      tray: trayModel ?? computeTray(),
      snooze: alerts.snoozeState(),
      settings: profiles.getSettings(),
      secretStorage: opts.secretStorage ? opts.secretStorage() : opts.cipher.info(),
      notices: notices.slice(),
      readOnly: profiles.readOnly,
      mode: opts.mode,
    };
  }

  // A snapshot reflects the current state; pending dirty marks stay so the
  // next delta (seq + 1) repeats them, which the renderer applies idempotently.

  /** The form (or saved profile) and secrets a test or a detection connects with. */
  function testTarget(input: ProfileInput | undefined, profileId: string | undefined) {
    let fields: ProfileInput | ProfileView | null = input ?? null;
    let publicKey: string | null = null;
    let secret: string | null = null;
    /** Why the stored secrets were not used (saved for another address, unreadable). */
    let storedProblem: string | null = null;
    if (profileId) {
      const p = profiles.get(profileId);
      if (!p) return notFound('That profile');
      fields = fields ?? p;
      // Stored secrets go only to the address they were saved for: a form
      // with another URL must carry its own.
      const s = profiles.getSecrets(profileId, fields.url);
      publicKey = s.publicKey;
      secret = s.secret;
      if (s.problem === 'other-address' || s.problem === 'unreadable') storedProblem = s.error;
    }
    if (!fields)
      return apiError('bad-request', 'Choose a profile or fill in the form before testing.');
    if (input) {
      if (typeof input.publicKey === 'string') publicKey = input.publicKey;
      if (typeof input.secret === 'string') secret = input.secret;
    }
    if (!publicKey || !secret) {
      return apiError(
        'validation',
        storedProblem ?? 'Enter the public key and the shared secret to test the connection.',
        {
          ...(publicKey ? {} : { publicKey: 'Enter the public key.' }),
          ...(secret ? {} : { secret: 'Enter the shared secret.' }),
        },
      );
    }
    return apiOk({ fields, publicKey, secret });
  }

  async function testConnection(input: ProfileInput | undefined, profileId: string | undefined) {
    const target = testTarget(input, profileId);
    if (!target.ok) return target;
    const { fields, publicKey, secret } = target.value;
    const report = await runHandshakeTest({
      clock,
      connectionFactory: opts.connectionFactory,
      connection: {
        url: fields.url,
        dialect: fields.dialect,
        identity: {
          botId: fields.botId,
          publicKey,
          secret,
          shardIn: fields.shardIn,
          shardTotal: fields.shardTotal,
        },
        flags: fields.flags,
        pingIntervalMs: fields.pingIntervalMs,
        pingTimeoutMs: fields.pingTimeoutMs,
        lostPingsToDead: fields.lostPingsToDead,
      },
    });
    return apiOk(report);
  }

  /** Start the demo if it is wanted, then the runtimes, the tick and the first push. */
  async function startUp(): Promise<void> {
    const wantDemo =
      opts.startDemo !== undefined &&
      !profiles.readOnly &&
      !existsSync(join(opts.dataDir, DEMO_DISMISSED_FILE));
    const demoProfile = profiles.list().find((p) => p.demo);
    if (wantDemo && (profiles.list().length === 0 || demoProfile)) {
      try {
        demo = await opts.startDemo!();
        const { publicKey, secret, ...fields } = demo.profileInput();
        // The demo gateway listens on a new port each start: a new address,
        // so its (demo) credentials are given again with it.
        const r = demoProfile
          ? profiles.update(demoProfile.id, {
              ...pickProfileFields({ ...demoProfile }),
              url: demo.url,
              publicKey,
              secret,
            })
          : profiles.createDemo(fields, { publicKey: publicKey ?? '', secret: secret ?? '' });
        if (!r.ok) log(`demo: ${r.error.message}`);
      } catch (err) {
        log(`demo gateway could not start: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await simulators.resume();
    adoptOpenIncidents();
    reconcile();
    tick();
    flush();
  }

  let restoringDemo: Promise<ApiResult<ProfileView>> | null = null;

  /** A name for the Demo profile that no other profile uses ("Demo", "Demo 2"…). */
  function freeDemoName(base: string): string {
    const taken = new Set(currentProfiles().map((p) => p.name.trim().toLowerCase()));
    if (!taken.has(base.trim().toLowerCase())) return base;
    for (let n = 2; ; n++) {
      const name = `${base} ${n}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  async function restoreDemo(): Promise<ApiResult<ProfileView>> {
    const startDemo = opts.startDemo;
    if (!startDemo)
      return apiError(
        'unavailable',
        'This Shardwatch runs without its demo gateway (it was started with --no-demo), so the Demo profile cannot be added. Start Shardwatch without --no-demo to get it back.',
      );
    if (disposed) return apiError('unavailable', 'Shardwatch is shutting down.');
    if (profiles.readOnly)
      return apiError(
        'read-only',
        'The profiles file is open read-only (it was written by a newer Shardwatch), so the Demo profile cannot be added. Update Shardwatch to change profiles.',
      );
    const existing = currentProfiles().find((p) => p.demo);
    if (existing)
      return apiError(
        'conflict',
        `The Demo profile is already in your list (as "${existing.name}"); open the Overview to see it.`,
      );

    let gateway = demo;
    if (!gateway) {
      try {
        gateway = await startDemo();
      } catch (err) {
        log(`demo gateway could not start: ${err instanceof Error ? err.message : String(err)}`);
        return apiError(
          'unavailable',
          'The demo gateway could not start. The details are in the log; try again in a moment.',
        );
      }
    }
    // Anything may have happened while the gateway started.
    const stopUnused = (g: DemoGateway): void => {
      if (g !== demo) void g.stop();
    };
    if (disposed) {
      stopUnused(gateway);
      return apiError('unavailable', 'Shardwatch is shutting down.');
    }
    if (currentProfiles().some((p) => p.demo)) {
      stopUnused(gateway);
      return apiError('conflict', 'The Demo profile is already in your list.');
    }
    const marker = join(opts.dataDir, DEMO_DISMISSED_FILE);
    try {
      rmSync(marker, { force: true });
    } catch (err) {
      stopUnused(gateway);
      const code = (err as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
      return apiError(
        'internal',
        `Could not remove ${marker} (${code}), which keeps the Demo away. Check that your user can write to ${opts.dataDir}, then try again.`,
      );
    }
    const { publicKey, secret, ...fields } = gateway.profileInput();
    // Set before the profile exists: adding it reconciles at once, and a
    // reconcile that sees a demo gateway without a demo profile stops it.
    demo = gateway;
    const r = profiles.createDemo(
      { ...fields, name: freeDemoName(fields.name) },
      { publicKey: publicKey ?? '', secret: secret ?? '' },
    );
    if (!r.ok) {
      demo = null;
      void gateway.stop();
      markDemoDismissed();
      log(`demo: ${r.error.message}`);
    }
    return r;
  }

  const api: AppApi = {
    'query:snapshot': async () => apiOk(snapshot()),
    'query:shards': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return profiles.get(id) ? apiOk({ seq, shards: [] }) : notFound('That profile');
      return apiOk({ seq, shards: rt.shards() });
    },
    'query:history': async (q) => {
      if (!profiles.get(q.profileId)) return notFound('That profile');
      return apiOk(history.query(q, clock.wallNow()));
    },
    'query:timeline': async (q) => {
      if (!profiles.get(q.profileId)) return notFound('That profile');
      return apiOk(history.timeline(q));
    },
    'query:frames': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return profiles.get(id) ? apiOk([]) : notFound('That profile');
      return apiOk(rt.frames());
    },
    'query:incidents': async (profileId, limit) => apiOk(mergedIncidents(profileId, limit)),
    'command:validate-profile': async (input, id) => apiOk(profiles.validate(input, id)),
    'command:create-profile': async (input) => profiles.create(input),
    'command:update-profile': async (id, input) => profiles.update(id, input),
    'command:duplicate-profile': async (id) => profiles.duplicate(id),
    'command:delete-profile': async (id) => {
      const r = profiles.delete(id);
      if (r.ok) {
        history.deleteProfile(id);
        uptime.deleteProfile(id);
        alerting.forgetProfile(id);
      }
      return r;
    },
    'command:set-profile-enabled': async (id, enabled) => profiles.setEnabled(id, enabled),
    'command:reorder-profiles': async (ids) => profiles.reorder(ids),
    'command:connect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('That profile');
      if (alerts.snoozeState().paused)
        return apiError(
          'conflict',
          'All monitoring is paused. Choose "Resume monitoring" at the top to connect again.',
        );
      // A paused profile's runtime ignores its connection's states while
      // paused, so starting it directly would connect under a "Paused"
      // badge. Un-pausing the profile starts it through reconcile().
      if (!rt.profile.enabled) {
        const r = profiles.setEnabled(id, true);
        return r.ok ? apiOk(null) : r;
      }
      rt.start();
      return apiOk(null);
    },
    'command:disconnect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('That profile');
      rt.stop();
      return apiOk(null);
    },
    'command:reconnect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('That profile');
      rt.reconnectNow();
      return apiOk(null);
    },
    'command:test-connection': async (target) => testConnection(target.input, target.profileId),
    'command:detect-dialect': async (target) => {
      const t = testTarget(target.input, target.profileId);
      if (!t.ok) return t;
      const { fields: f, publicKey, secret } = t.value;
      const identity = { botId: f.botId, publicKey, secret, shardIn: 0, shardTotal: f.shardTotal };
      return detectCommand(f.url, identity, clock);
    },
    'command:ack-incident': async (incidentId) => {
      const inc = alerts.acknowledge(incidentId) ?? acknowledgeStored(incidentId);
      return inc ? apiOk(inc) : notFound('That incident');
    },
    'command:snooze': async (choice) => apiOk(alerts.snooze(choice)),
    'command:pause-all': async (paused) => {
      const state = alerts.pause(paused);
      for (const rt of runtimes.values()) {
        if (paused) rt.setPaused(true, 'All monitoring is paused.');
        else if (rt.profile.enabled) rt.setPaused(false, '');
      }
      dirty.snooze = true;
      schedulePush();
      return apiOk(state);
    },
    'command:update-settings': async (patch) => {
      const r = profiles.updateSettings(patch);
      if (r.ok) {
        dirty.settings = true;
        schedulePush();
      }
      return r;
    },
    'command:export-profiles': async (args) => profiles.exportProfiles(args),
    'command:import-profiles': async (args) => profiles.importProfiles(args),
    'command:dismiss-notice': async (id) => {
      const i = notices.findIndex((n) => n.id === id);
      if (i < 0)
        return apiError(
          'not-found',
          'That notice was already dismissed, perhaps in another window.',
        );
      // Remembered first: if that fails the notice stays, with the reason.
      const saved = dismissed.add(id);
      if (!saved.ok) return saved;
      const storeId = storeNoticeIds.get(id);
      if (storeId !== undefined) {
        profiles.dismissNotice(storeId);
        storeNoticeIds.delete(id);
      }
      notices.splice(i, 1);
      dirty.notices = true;
      schedulePush();
      return apiOk(null);
    },
    // Two clicks (two windows) share one restore instead of racing to add two demos.
    'command:restore-demo': () =>
      (restoringDemo ??= restoreDemo().finally(() => {
        restoringDemo = null;
      })),
    'command:add-simulator-profile': () => simulators.add(),
    'command:choose-secret-storage': async () =>
      apiError(
        'unavailable',
        'Choosing how secrets are stored is only offered in the desktop app.',
      ),
    ...alerting.api,
  };

  async function handle(channel: unknown, args: unknown): Promise<ApiResult<unknown>> {
    // Validated before anything touches it: `channel` and `args` may be any
    // value a renderer or a bridge client sends (docs/architecture.md §3.3).
    let name = 'a request';
    try {
      if (!isApiChannel(channel)) return unknownChannel(channel);
      name = channel;
      const checked = checkApiArgs(channel, args);
      if (!checked.ok)
        return apiError('bad-request', `The request was not valid: ${checked.error}.`);
      const fn = api[channel] as (...a: unknown[]) => Promise<ApiResult<unknown>>;
      return await fn(...(checked.value as unknown[]));
    } catch (err) {
      log(`internal error in ${name}: ${err instanceof Error ? err.message : typeof err}`);
      return apiError(
        'internal',
        'Something went wrong inside Shardwatch. The details are in the log; try again.',
      );
    }
  }

  return {
    handle,
    api,
    on(event, listener) {
      if (event === 'event:delta') {
        const l = listener as (d: AppDelta) => void;
        deltaListeners.add(l);
        return () => deltaListeners.delete(l);
      }
      const l = listener as (t: ApiEvents['event:open']) => void;
      openListeners.add(l);
      return () => openListeners.delete(l);
    },
    onTray(listener) {
      trayListeners.add(listener);
      return () => trayListeners.delete(listener);
    },
    tray: () => trayModel ?? computeTray(),
    open(profileId, shardId) {
      for (const l of openListeners) l({ profileId, shardId });
    },
    resumeFromSleep() {
      for (const rt of runtimes.values())
        if (rt.profile.enabled && !alerts.snoozeState().paused) rt.reconnectNow();
    },
    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const rt of runtimes.values()) {
        if (!next)
          rt.setPaused(true, 'This computer is offline; pings resume when the network is back.');
        else if (rt.profile.enabled && !alerts.snoozeState().paused) rt.setPaused(false, '');
      }
    },
    notice: addNotice,
    async start() {
      try {
        await startUp();
      } finally {
        starting = false;
        const err = dismissed.retainOnly(raisedWhileStarting);
        if (err !== null) log(`notices: ${err}`);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      clock.clearTimeout(pushTimer);
      clock.clearTimeout(tickTimer);
      offProfiles();
      offIncident();
      offSnooze();
      for (const id of [...runtimes.keys()]) stopRuntime(id);
      alerts.dispose();
      await simulators.dispose();
      await alerting.dispose();
      uptime.close();
      history.close();
      profiles.dispose();
      if (demo) await demo.stop();
      deltaListeners.clear();
      openListeners.clear();
      trayListeners.clear();
    },
  };
}

export type { ApiChannel };
