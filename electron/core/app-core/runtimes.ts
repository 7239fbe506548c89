/**
 * One live runtime per stored profile (monitor/profile-runtime.ts), kept in
 * line with the profile list, and what each runtime reports: pings,
 * connection states, shard changes and frames go to history, uptime, the
 * shard analytics, the alert engine and the delta pacer.
 */
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { Clock } from '../../../shared/clock';
import type { ProfileStatus } from '../../../shared/live-status';
import type { FrameLogEntry, TimelineEvent } from '../../../shared/profile-detail';
import type { ProfileView } from '../../../shared/profile-model';
import type { AlertEngine, AlertProfile } from '../alerts/alert-engine';
import type { BudgetExceeded } from '../gateway/budget';
import type { HistoryStore } from '../history/history-store';
import type { UptimeStore } from '../history/uptime-store';
import { createUptimeFeed } from '../history/uptime-feed';
import type { ConnectionFactory, ProfileRuntime, RuntimeSink } from '../monitor/profile-runtime';
import { connectionKeyOf, createProfileRuntime } from '../monitor/profile-runtime';
import type { ShardChange } from '../monitor/shard-tracker';
import type { ProfileStore } from '../profiles/profile-store';
import type { ShardAnalytics } from '../analytics/shard-analytics';
import type { DeltaPacer } from './delta-pacer';

/** Every this many ticks each status is rebuilt even without news. */
const STATUS_REFRESH_TICKS = 5;

/** Options of {@link createRuntimeFleet}. */
export interface RuntimeFleetOptions {
  clock: Clock;
  profiles: Pick<ProfileStore, 'getSecrets' | 'getSettings'>;
  history: Pick<
    HistoryStore,
    'recordPing' | 'recordShardTransition' | 'recordRestart' | 'recordEvent'
  >;
  uptime: Pick<UptimeStore, 'record'>;
  alerts: Pick<AlertEngine, 'evaluate' | 'openCount' | 'snoozeState' | 'removeProfile'>;
  pacer: Pick<DeltaPacer, 'markStatus' | 'markShards' | 'markPing' | 'forgetProfile'>;
  /** The shard analytics (docs/analytics.md "In the core"): fed what the runtimes see. */
  analytics: Pick<
    ShardAnalytics,
    'watch' | 'stopped' | 'ingested' | 'changed' | 'frame' | 'tick' | 'tickAll' | 'shardRules'
  >;
  connectionFactory?: ConnectionFactory;
  /** Words status details in the user's language; English by default (docs/architecture.md §4). */
  say?: Say;
  /** Every ping outcome (`null` = lost), for the metrics endpoint. */
  onPing?: (profileId: string, rttMs: number | null, disturbed: boolean) => void;
  /** Every throttle of a connection, by the budget it went over, for the metrics endpoint. */
  onThrottle?: (profileId: string, budget: BudgetExceeded) => void;
}

/** The runtimes of one core. */
export interface RuntimeFleet {
  get(profileId: string): ProfileRuntime | undefined;
  /** Start, restart (new address, dialect or secrets), update or stop runtimes to match `list`. */
  reconcile(list: readonly ProfileView[]): void;
  /** Once a second: age latency windows and let the alert rules look at time passing. */
  tick(nowWall: number): void;
  /** Pause (or resume) every runtime for "Pause all monitoring". */
  pauseAll(paused: boolean): void;
  /** The machine woke up: sockets may look open but be dead, so reconnect everything. */
  resumeFromSleep(): void;
  /** The network went away or came back: pings pause without raising alerts. */
  setOnline(online: boolean): void;
  /** Stop every runtime. */
  dispose(): void;
}

/** Create the fleet (no runtime until the first `reconcile`). */
export function createRuntimeFleet(opts: RuntimeFleetOptions): RuntimeFleet {
  const { clock, profiles, history, uptime, alerts, pacer, analytics } = opts;
  // A handshake no failure caused counts neither way until it ends (uptime-feed.ts).
  const uptimeFeed = createUptimeFeed(uptime);
  const say = opts.say ?? sayEnglish;
  const runtimes = new Map<string, ProfileRuntime>();
  let online = true;
  let ticks = 0;

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

  const sink: RuntimeSink = {
    statusChanged(id: string) {
      pacer.markStatus(id);
    },
    shardsChanged(id: string, change: ShardChange, replace: boolean) {
      analytics.changed(id, change);
      pacer.markShards(id, change, replace);
    },
    throttled(id: string, budget: BudgetExceeded) {
      opts.onThrottle?.(id, budget);
    },
    ping(id: string, at: number, rttMs: number | null, disturbed = false) {
      // A disturbed sample is stored and pushed marked, counted apart by the
      // metrics and never alerted on (docs/architecture.md §3.11).
      history.recordPing(id, at, rttMs, disturbed);
      pacer.markPing(
        disturbed ? { profileId: id, at, rttMs, disturbed } : { profileId: id, at, rttMs },
      );
      opts.onPing?.(id, rttMs, disturbed);
      if (disturbed) return;
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
      uptimeFeed.connection(id, { state, problem, detail }, clock.wallNow());
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
      // One timeline entry and chart marker per restart (recordRestart writes both).
      for (const r of change.restarts) history.recordRestart(id, r.shardId, r.at);
      analytics.ingested(id, change);
      alerts.evaluate(id, {
        kind: 'shards',
        profile: alertProfile(rt.profile),
        // What changed, not every shard: the rules keep the rest (alerts/shard-index.ts).
        shards: {
          source: rt.shardSource,
          changed: change.changed,
          removed: change.removed,
          all: () => rt.shards(),
        },
        summary: rt.shardSummary(clock.wallNow()),
        transitions: change.transitions,
        ...analytics.shardRules(id),
      });
    },
    timeline(id: string, event: TimelineEvent) {
      history.recordEvent(id, event);
    },
    frame: (id: string, entry: FrameLogEntry) => analytics.frame(id, entry),
  };

  function start(p: ProfileView): void {
    const rt = createProfileRuntime({
      profile: p,
      secrets: profiles.getSecrets(p.id, p.url),
      clock,
      sink,
      frameLogSize: profiles.getSettings().frameLogSize,
      connectionFactory: opts.connectionFactory,
      say,
    });
    runtimes.set(p.id, rt);
    if (p.enabled && !alerts.snoozeState().paused) rt.start();
    else rt.setPaused(true, say(p.enabled ? 'connection.pausedAll' : 'connection.pausedProfile'));
    pacer.markStatus(p.id);
  }

  function stop(id: string): void {
    const rt = runtimes.get(id);
    if (!rt) return;
    rt.dispose();
    runtimes.delete(id);
    analytics.stopped(id);
    uptimeFeed.stopped(id, clock.wallNow());
    pacer.forgetProfile(id);
  }

  return {
    get: (id) => runtimes.get(id),

    reconcile(list) {
      const ids = new Set(list.map((p) => p.id));
      for (const id of [...runtimes.keys()]) {
        if (!ids.has(id)) {
          stop(id);
          alerts.removeProfile(id);
        }
      }
      for (const p of list) {
        analytics.watch(p);
        const rt = runtimes.get(p.id);
        if (!rt) {
          start(p);
          continue;
        }
        if (
          rt.connectionKey !== connectionKeyOf(p) ||
          !rt.usesSecrets(profiles.getSecrets(p.id, p.url))
        ) {
          stop(p.id);
          start(p);
          continue;
        }
        const wasEnabled = rt.profile.enabled;
        rt.updateProfile(p);
        if (wasEnabled !== p.enabled) {
          if (p.enabled && !alerts.snoozeState().paused) rt.setPaused(false, '');
          else
            rt.setPaused(
              true,
              say(p.enabled ? 'connection.pausedAll' : 'connection.pausedProfile'),
            );
        }
      }
    },

    tick(now) {
      // Latency windows age even when nothing arrives (a paused or failed
      // profile): refresh every status now and then, not only on events.
      const refreshAll = ++ticks % STATUS_REFRESH_TICKS === 0;
      for (const rt of runtimes.values()) {
        if (refreshAll) pacer.markStatus(rt.profileId);
        rt.tick(now);
        const found = analytics.tick(rt.profileId, now);
        if (found) {
          alerts.evaluate(rt.profileId, {
            kind: 'analytics',
            profile: alertProfile(rt.profile),
            facts: found.facts,
          });
          if (found.findingsChanged) pacer.markStatus(rt.profileId);
        }
        alerts.evaluate(rt.profileId, { kind: 'tick', profile: alertProfile(rt.profile) });
      }
      analytics.tickAll(now);
    },

    pauseAll(paused) {
      for (const rt of runtimes.values()) {
        if (paused) rt.setPaused(true, say('connection.pausedAll'));
        else if (rt.profile.enabled) rt.setPaused(false, '');
      }
    },

    resumeFromSleep() {
      for (const rt of runtimes.values())
        if (rt.profile.enabled && !alerts.snoozeState().paused) rt.reconnectNow();
    },

    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const rt of runtimes.values()) {
        if (!next) rt.setPaused(true, say('connection.offline'));
        else if (rt.profile.enabled && !alerts.snoozeState().paused) rt.setPaused(false, '');
      }
    },

    dispose() {
      for (const id of [...runtimes.keys()]) stop(id);
    },
  };
}
