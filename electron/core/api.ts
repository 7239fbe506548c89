/**
 * The engine behind every screen, in plain Node (docs/architecture.md §2): profiles,
 * one live runtime per enabled profile, alerts, history and the tray model,
 * exposed through the AppApi contract (shared/api.ts). Electron IPC and the
 * browser-mode bridge both call {@link AppCore.handle}; state reaches them as
 * paced deltas with a monotonic `seq` (docs/architecture.md §3.2).
 *
 * This file only wires; each concern has a module in `app-core/`: the delta
 * pacer (`delta-pacer.ts`, `shard-pushes.ts`), notices (`notices.ts`), the
 * runtimes and what they report (`runtimes.ts`), incidents (`incidents.ts`),
 * the Demo profile (`demo.ts`), the validated entry point (`request.ts`) and
 * the request handlers by domain (`handlers/`); the shard analytics are
 * `analytics/shard-analytics.ts`, fed by the runtimes.
 */
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../../shared/clock';
import { systemClock } from '../../shared/clock';
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ApiChannel, ApiResult, AppApi, ApiEventChannel, ApiEvents } from '../../shared/api';
import type { Notice } from '../../shared/app-state';
import type { ProfileView } from '../../shared/profile-model';
import type { TrayModel } from '../../shared/tray';
import type { Notifier } from './alerts/notifier';
import type { BudgetExceeded } from './gateway/budget';
import { createAlertEngine } from './alerts/alert-engine';
import { systemTimeZone } from './alerts/local-time';
import type { HistoryFaults } from './history/history-store';
import { createHistoryStore } from './history/history-store';
import { createUptimeStore } from './history/uptime-store';
import type { AlertingOptions } from './notify/alerting';
import { createAlerting } from './notify/alerting';
import type { ProfileFileBackendFactory } from './profiles/profile-file';
import { createProfileStore } from './profiles/profile-store';
import type { SecretCipher, SecretStoragePort } from './profiles/secret-cipher';
import { createTrayPacing } from './tray-pacing';
import { createLocalSimulators } from './local-simulators';
import type { ConnectionFactory } from './monitor/profile-runtime';
import { createDeltaPacer } from './app-core/delta-pacer';
import { createDemoKeeper } from './app-core/demo';
import { createIncidentLog } from './app-core/incidents';
import { createNoticeBook, noticeIdOf } from './app-core/notices';
import { assertOneHandlerEach, createRequestHandler } from './app-core/request';
import { createRuntimeFleet } from './app-core/runtimes';
import { connectionHandlers } from './app-core/handlers/connection';
import { incidentHandlers } from './app-core/handlers/incidents';
import { profileHandlers } from './app-core/handlers/profiles';
import { queryHandlers } from './app-core/handlers/queries';
import { settingsHandlers } from './app-core/handlers/settings';
import { createShardAnalytics } from './analytics/shard-analytics';
import { createTranslator, type NoticeText, type Translator } from '../../shared/i18n/translator';

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
  /** Words the engine's sentences in the user's language (docs/architecture.md §4); English unless given. */
  translator?: Translator;
  /** Receives log lines; never given a secret. */
  log?: (line: string) => void;
  /** How the profiles file is written: `conf` unless given (the desktop app passes electron-store). */
  profileFileBackend?: ProfileFileBackendFactory;
  /**
   * Where secrets are kept when the shell decides it (the desktop app passes
   * its safeStorage secrets); otherwise the cipher says, and choosing is
   * desktop-only.
   */
  secretStorage?: SecretStoragePort;
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
  onPing?: (profileId: string, rttMs: number | null, disturbed: boolean) => void;
  /** Every throttle of a connection, by the budget it went over, for the metrics endpoint. */
  onThrottle?: (profileId: string, budget: BudgetExceeded) => void;
  /** Test hooks of the channel delivery queue. */
  deliveryQueue?: AlertingOptions['queue'];
  /** Run the shard analytics (default true); the benchmark compares with and without. */
  shardAnalytics?: boolean;
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
  notice(level: Notice['level'], text: NoticeText): void;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const TICK_MS = 1000;

/** Create the core. Call `start()` to load profiles and connect. */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => {});
  const translator = opts.translator ?? createTranslator();
  const say = translator.say;
  let disposed = false;

  // The tray's lines (round-trip times) are worded again at most once a second; its state at once.
  const trayPacing = createTrayPacing({ clock, due: () => pacer.schedule() });
  // Created first: the stores below may raise a notice while they are being
  // created (the history store reports a damaged file at once), and the
  // pacer only reads its sources when it builds a delta, after all of this.
  const pacer = createDeltaPacer({
    clock,
    intervalMs: opts.pushIntervalMs ?? 100,
    source: {
      profiles: () => currentProfiles(),
      status: (id) => {
        const st = runtimes.get(id)?.status(alerts.openCount(id));
        return st ? { ...st, findings: analytics.findings(id) } : undefined;
      },
      snooze: () => alerts.snoozeState(),
      settings: () => profiles.getSettings(),
      notices: () => notices.list(),
      tray: (status) =>
        trayPacing.model({
          profiles: currentProfiles(),
          status,
          incidents: alerts.incidents({ includeClosed: false }),
          snooze: alerts.snoozeState(),
          nowWall: clock.wallNow(),
          say,
        }),
    },
  });

  const profiles = createProfileStore({
    dir: opts.dataDir,
    cipher: opts.cipher,
    clock,
    say,
    ...(opts.profileFileBackend ? { backend: opts.profileFileBackend } : {}),
  });
  translator.use(profiles.getSettings().language);
  const simulators = createLocalSimulators({
    dataDir: opts.dataDir,
    start: opts.startSimulator,
    profiles,
    log,
    say,
  });
  const notices = createNoticeBook({
    dataDir: opts.dataDir,
    clock,
    log,
    onChange: () => pacer.markNotices(),
    foreign: { notices: profiles.notices(), dismiss: (id) => void profiles.dismissNotice(id) },
    say,
  });

  // profiles.list() returns fresh copies; every push needs the list, so keep
  // one until the store says something changed.
  let profileList: ProfileView[] | null = null;
  function currentProfiles(): ProfileView[] {
    profileList ??= profiles.list();
    return profileList;
  }

  const historyFile =
    opts.historyFile === undefined
      ? join(opts.dataDir, 'history.sqlite')
      : (opts.historyFile ?? ':memory:');
  const history = createHistoryStore({
    file: historyFile,
    clock,
    onError: (message) => notices.add('warning', message),
    // "History could not be saved: the disk is full…" goes once writes succeed again
    // (the id is the message's key and parameters: the same in every language).
    onRecovered: (messages) => {
      for (const message of messages) notices.withdraw(noticeIdOf('warning', message));
    },
    faults: opts.historyFaults,
    say,
  });
  const uptime = createUptimeStore({
    file: historyFile,
    clock,
    onError: (message) => notices.add('warning', message),
  });
  const alerting = createAlerting({
    dataDir: opts.dataDir,
    cipher: opts.cipher,
    clock,
    uptime,
    say,
    notice: (level, message) => notices.add(level, message),
    onChange: (d) => pacer.markAlerting(d),
    profileIds: () => currentProfiles().map((p) => p.id),
    profileTimeZone,
    incidents: (profileId, limit) => incidents.merged(profileId, limit),
    ...(opts.deliveryQueue ? { queue: opts.deliveryQueue } : {}),
  });
  const alerts = createAlertEngine({
    clock,
    say,
    notifier: opts.notifier,
    desktop: alerting.desktop,
    destinations: alerting.destinations,
    inMaintenance: alerting.inMaintenance,
  });
  const incidents = createIncidentLog({ clock, alerts, history, uptime, pacer });
  const analytics = createShardAnalytics({
    clock,
    file: historyFile,
    onError: (message) => notices.add('warning', message),
    onRecovered: (messages) => {
      for (const message of messages) notices.withdraw(noticeIdOf('warning', message));
    },
    faults: opts.historyFaults,
    incidents: (profileId, limit) => incidents.merged(profileId, limit),
    profile: (id) => profiles.get(id) ?? undefined,
    timeZone: profileTimeZone,
    latency: (q) => history.query(q, clock.wallNow()),
    timeline: (id, from, to) =>
      history
        .timeline({ profileId: id, until: to, limit: 1000 })
        .events.filter((e) => e.at >= from),
    maintenance: () => alerting.maintenance.list().windows,
    recordEvent: (id, event) => history.recordEvent(id, event),
    enabled: opts.shardAnalytics,
    say,
    locale: () => translator.locale(),
  });
  // The recorder keeps the frames around each incident from the moment it opens.
  const offIncidents = alerts.on('incident', (incident, change) => {
    if (change === 'open') analytics.incidentOpened(incident);
  });
  const runtimes = createRuntimeFleet({
    clock,
    analytics,
    profiles,
    history,
    uptime,
    alerts,
    pacer,
    say,
    ...(opts.connectionFactory ? { connectionFactory: opts.connectionFactory } : {}),
    ...(opts.onPing ? { onPing: opts.onPing } : {}),
    ...(opts.onThrottle ? { onThrottle: opts.onThrottle } : {}),
  });
  const demo = createDemoKeeper({
    dataDir: opts.dataDir,
    say,
    profiles,
    ...(opts.startDemo ? { startDemo: opts.startDemo } : {}),
    disposed: () => disposed,
    log,
  });
  function profileTimeZone(id: string): string {
    const q = profiles.get(id)?.alerts.quietHours;
    return q?.timeZone || systemTimeZone();
  }
  const openListeners = new Set<(t: ApiEvents['event:open']) => void>();

  /** Bring runtimes and the demo gateway in line with the stored profiles. */
  function reconcile(): void {
    simulators.reconcile();
    const list = currentProfiles();
    runtimes.reconcile(list);
    demo.reconcile(list);
    pacer.markProfiles();
  }

  const offProfiles = profiles.on('change', (change) => {
    profileList = null;
    if (change.kind === 'profiles') reconcile();
    else if (change.kind === 'settings') {
      translator.use(profiles.getSettings().language);
      pacer.markSettings();
      // Notices are worded when listed: a new language re-words them.
      pacer.markNotices();
    }
  });
  const offSnooze = alerts.on('snooze', () => pacer.markSnooze());

  let tickTimer: TimerHandle | null = null;
  function tick(): void {
    tickTimer = clock.setTimeout(tick, TICK_MS);
    runtimes.tick(clock.wallNow());
    alerting.tick();
    pacer.schedule();
  }

  const handlerGroups = [
    queryHandlers({
      clock,
      mode: opts.mode,
      profileList: currentProfiles,
      profiles,
      runtimes,
      history,
      alerts,
      pacer,
      notices,
      secretStorage: () => (opts.secretStorage ?? opts.cipher).info(),
      systemLocale: () => translator.systemLocale(),
      say,
    }),
    incidentHandlers({ incidents, alerts, runtimes, pacer, say }),
    profileHandlers({ profiles, history, uptime, alerting, analytics }),
    connectionHandlers({
      clock,
      profiles,
      runtimes,
      alerts,
      log,
      say,
      ...(opts.connectionFactory ? { connectionFactory: opts.connectionFactory } : {}),
    }),
    settingsHandlers({
      profiles,
      notices,
      demo,
      simulators,
      pacer,
      say,
      ...(opts.secretStorage ? { secretStorage: opts.secretStorage } : {}),
    }),
    alerting.api,
    analytics.api,
  ] as const;
  assertOneHandlerEach(handlerGroups);
  const [
    queries,
    incidentReqs,
    profileReqs,
    connectionReqs,
    settingsReqs,
    alertingReqs,
    analyticsReqs,
  ] = handlerGroups;
  const api: AppApi = {
    ...queries,
    ...incidentReqs,
    ...profileReqs,
    ...connectionReqs,
    ...settingsReqs,
    ...alertingReqs,
    ...analyticsReqs,
  };

  return {
    handle: createRequestHandler(api, log, say),
    api,
    on(event, listener) {
      if (event === 'event:delta')
        return pacer.onDelta(listener as (d: ApiEvents['event:delta']) => void);
      const l = listener as (t: ApiEvents['event:open']) => void;
      openListeners.add(l);
      return () => openListeners.delete(l);
    },
    onTray: (listener) => pacer.onTray(listener),
    tray: () => pacer.tray(),
    open(profileId, shardId) {
      for (const l of openListeners) l({ profileId, shardId });
    },
    resumeFromSleep: () => runtimes.resumeFromSleep(),
    setOnline: (online) => runtimes.setOnline(online),
    notice: (level, message) => notices.add(level, message),
    async start() {
      try {
        // Start the demo if it is wanted, then the runtimes, the tick and the first push.
        await demo.startUp();
        await simulators.resume();
        incidents.adoptOpen(new Set(currentProfiles().map((p) => p.id)));
        reconcile();
        tick();
        pacer.flush();
      } finally {
        notices.startFinished();
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      pacer.dispose();
      trayPacing.dispose();
      clock.clearTimeout(tickTimer);
      offProfiles();
      incidents.dispose();
      offIncidents();
      offSnooze();
      runtimes.dispose();
      alerts.dispose();
      await simulators.dispose();
      await alerting.dispose();
      analytics.dispose();
      uptime.close();
      history.close();
      profiles.dispose();
      await demo.dispose();
      openListeners.clear();
    },
  };
}

export type { ApiChannel };
