/**
 * The shard analytics of every profile, wired into the core
 * (docs/analytics.md): the shard history store (sharing the history file),
 * one incident recorder, one {@link ProfileAnalytics} per profile, and the
 * requests that read them (heatmap, restart budget, recurring trouble, the
 * incident report). The core calls it from its runtime sink, its tick and
 * its incident listener; it reaches the rest of the core only through the
 * ports of {@link ShardAnalyticsOptions}.
 */
import type { ApiResult, AppApi, HistoryQuery } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import {
  sayEnglish,
  type Locale,
  type NoticeText,
  type Say,
} from '../../../shared/i18n/translator';
import { notFound } from '../../../shared/i18n/not-found';
import type {
  RecurringTroubleView,
  RestartBudgetView,
  ShardFindings,
} from '../../../shared/analytics';
import type { MaintenanceWindow } from '../../../shared/alerting';
import type { Clock } from '../../../shared/clock';
import type { HistorySeries } from '../../../shared/history-model';
import type { AlertRule, Incident } from '../../../shared/incident-model';
import type { FrameLogEntry, TimelineEvent } from '../../../shared/profile-detail';
import type { ProfileView } from '../../../shared/profile-model';
import { MAX_SLICE_SPAN_MS, encodeHeatmapSlice } from '../../../shared/shard-heatmap';
import type { AnalyticsFacts } from '../alerts/types';
import type { HistoryFaults } from '../history/database';
import type { ShardTransitionStore } from '../history/shard-transitions';
import { createShardTransitionStore } from '../history/shard-transitions';
import type { ShardChange } from '../monitor/shard-tracker';
import { createIncidentRecorder } from './incident-recorder';
import { renderIncidentReport } from './incident-report';
import type { AnalyticsLayout, ProfileAnalytics } from './profile-analytics';
import { createProfileAnalytics } from './profile-analytics';
import { findRecurringTrouble, maintenanceFor } from './recurring-trouble';

const MIN = 60_000;
const DAY = 86_400_000;
/** The report shows this much before the incident opened and after it cleared. */
const REPORT_MARGIN_MS = 10 * MIN;
/** Days of incidents recurring trouble looks at (its own default lookback). */
const RECURRING_LOOKBACK_MS = 14 * DAY;

/**
 * Incidents that are not failures at a time of day: a refused credential
 * is a setting, a budget warning a consequence, waiting for the bot a bot
 * that is not running. None says "something breaks at 03:00".
 */
const NOT_RECURRING = new Set<AlertRule>([
  'credentials-refused',
  'restart-budget',
  'waiting-for-bot',
]);

/** The API requests the analytics answer. */
export type AnalyticsApi = Pick<
  AppApi,
  | 'query:shard-heatmap'
  | 'query:restart-budget'
  | 'query:recurring-trouble'
  | 'command:export-incident-report'
>;

/** Options of {@link createShardAnalytics}: the file and the ports into the core. */
export interface ShardAnalyticsOptions {
  clock: Clock;
  /** The history database file (the shard history shares it), or `':memory:'`. */
  file: string;
  onError(message: NoticeText): void;
  onRecovered(messages: NoticeText[]): void;
  faults?: HistoryFaults;
  /** Incidents of a profile (all when null), live and stored, newest first. */
  incidents(profileId: string | null, limit: number): Incident[];
  profile(profileId: string): ProfileView | undefined;
  /** The zone the user reads a profile's times in. */
  timeZone(profileId: string): string;
  latency(q: HistoryQuery): HistorySeries;
  /** Timeline events of a profile within `[from, to]`. */
  timeline(profileId: string, from: number, to: number): TimelineEvent[];
  maintenance(): readonly MaintenanceWindow[];
  /** An entry the analyses add to a profile's timeline (a finished deploy). */
  recordEvent(profileId: string, event: TimelineEvent): void;
  /**
   * False runs no analysis at all (the requests still answer, from an empty
   * history): the benchmark measures what the analyses cost this way.
   */
  enabled?: boolean;
  /** Words findings, reports and errors (the user's language); English by default. */
  say?: Say;
  /** The language `say` speaks now (the report's `lang`). */
  locale?: () => Locale;
}

/** What one profile's tick gives the core. */
export interface ProfileTickResult {
  facts: AnalyticsFacts;
  /** The profile's status should be pushed again (its findings changed). */
  findingsChanged: boolean;
}

/** Handle returned by {@link createShardAnalytics}. */
export interface ShardAnalytics {
  /** A profile exists (or was edited): its analyses run with its layout. */
  watch(profile: ProfileView): void;
  /** Its runtime stopped: the heatmap shows no data from now on. */
  stopped(profileId: string): void;
  /** The profile was deleted: its analyses, shard history and captures go. */
  forget(profileId: string): void;
  ingested(profileId: string, change: ShardChange): void;
  changed(profileId: string, change: ShardChange): void;
  frame(profileId: string, entry: FrameLogEntry): void;
  incidentOpened(incident: Incident): void;
  /** Once a second per profile; null for a profile not watched. */
  tick(profileId: string, atWall: number): ProfileTickResult | null;
  /** Once a second for everything (the recorder's captures close). */
  tickAll(atWall: number): void;
  /** What the shards-down rule asks of the analytics (held deploy shards, the diagnosis). */
  shardRules(
    profileId: string,
  ): (Pick<ProfileAnalytics, 'describeDown'> & { held: (shardId: number) => boolean }) | undefined;
  findings(profileId: string): ShardFindings | undefined;
  readonly store: ShardTransitionStore;
  readonly api: AnalyticsApi;
  dispose(): void;
}

function layoutOf(p: ProfileView): AnalyticsLayout {
  return {
    shardTotal: p.shardTotal,
    maxConcurrency: p.maxConcurrency,
    clusters: p.clusters,
    dailySessionLimit: p.dailySessionLimit,
  };
}

/** `prod-bot` from "Prod bot!" for a file name. */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'profile';
}

/** Create the analytics of the core. */
export function createShardAnalytics(opts: ShardAnalyticsOptions): ShardAnalytics {
  const { clock } = opts;
  const store = createShardTransitionStore({
    file: opts.file,
    clock,
    onError: opts.onError,
    onRecovered: opts.onRecovered,
    faults: opts.faults,
  });
  const recorder = createIncidentRecorder({ clock });
  const say = opts.say ?? sayEnglish;
  const profiles = new Map<string, ProfileAnalytics>();

  function watch(p: ProfileView): void {
    if (opts.enabled === false) return;
    const known = profiles.get(p.id);
    if (known) {
      known.setLayout(layoutOf(p));
      return;
    }
    const pa = createProfileAnalytics({
      clock,
      layout: layoutOf(p),
      record: (at, ids, codes, count) => store.observe(p.id, at, ids, codes, count),
      say,
    });
    profiles.set(p.id, pa);
    // Restarts of the last 24 h from the shard history: the budget survives an app restart.
    const now = clock.wallNow();
    try {
      pa.seed(store.slice(p.id, now - DAY, now, 0, Math.max(1, p.shardTotal)));
    } catch {
      // A layout the store cannot slice (checked by validation): count from now.
    }
  }

  const profileGone = (): ApiResult<never> => notFound('profile', say);

  function budgetView(profileId: string): ApiResult<RestartBudgetView> {
    const pa = profiles.get(profileId);
    if (!pa || !opts.profile(profileId)) return profileGone();
    const now = clock.wallNow();
    return apiOk({
      ...pa.budget(now),
      loops: pa.loops(now),
      since: Math.max(pa.countingSince(), now - DAY),
    });
  }

  function recurring(profileId: string): ApiResult<RecurringTroubleView[]> {
    if (!opts.profile(profileId)) return profileGone();
    const now = clock.wallNow();
    const times = opts
      .incidents(profileId, 5000)
      .filter((i) => !NOT_RECURRING.has(i.rule) && i.openedAt >= now - RECURRING_LOOKBACK_MS)
      .map((i) => i.openedAt);
    const windows = opts.maintenance();
    const found = findRecurringTrouble(times, {
      timeZone: opts.timeZone(profileId),
      nowWall: now,
      say,
    });
    return apiOk(
      found.map((f) => {
        const maintenance = maintenanceFor(f, profileId, say);
        const covered = windows.some(
          (w) =>
            w.kind === 'weekly' &&
            w.days.length === 7 &&
            w.start === maintenance.start &&
            w.durationMin === maintenance.durationMin &&
            w.timeZone === maintenance.timeZone &&
            (w.profileId === null || w.profileId === profileId),
        );
        const { atMinute: _minute, ...finding } = f;
        return { ...finding, maintenance, covered };
      }),
    );
  }

  function report(incidentId: string): ApiResult<{ fileName: string; content: string }> {
    const incident = opts.incidents(null, 10_000).find((i) => i.id === incidentId);
    if (!incident) return apiError('not-found', say('request.reportIncidentGone'));
    const profile = opts.profile(incident.profileId);
    if (!profile) return apiError('not-found', say('request.reportProfileGone'));
    const now = clock.wallNow();
    const tz = opts.timeZone(profile.id);
    const to = Math.min(now, (incident.clearedAt ?? now) + REPORT_MARGIN_MS);
    const from = Math.max(incident.openedAt - REPORT_MARGIN_MS, to - MAX_SLICE_SPAN_MS);
    let heatmap = null;
    try {
      heatmap = store.slice(
        profile.id,
        from,
        Math.max(to, from + 1),
        0,
        Math.max(1, profile.shardTotal),
      );
    } catch {
      heatmap = null;
    }
    const pa = profiles.get(profile.id);
    const d = pa && incident.shardIds.length > 1 ? pa.diagnose(incident.shardIds) : null;
    const series = opts.latency({ profileId: profile.id, window: '1h', from, to });
    const content = renderIncidentReport({
      incident,
      profileName: profile.name,
      timeZone: tz,
      generatedAt: now,
      diagnosis: d && d.kind !== 'scattered' ? d.body : null,
      capture: recorder.capture(incident.id),
      heatmap,
      latency: { points: series.points, from, to },
      timeline: opts.timeline(profile.id, from, to),
      say,
      locale: opts.locale?.() ?? 'en',
    });
    const day = new Date(incident.openedAt).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    return apiOk({ fileName: `shardwatch-incident-${slug(profile.name)}-${day}.html`, content });
  }

  const api: AnalyticsApi = {
    'query:shard-heatmap': async (q) => {
      if (!opts.profile(q.profileId)) return profileGone();
      try {
        const bytes = encodeHeatmapSlice(
          store.slice(q.profileId, q.from, q.to, q.shardLo, q.shardCount),
        );
        return apiOk({
          base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        });
      } catch (err) {
        if (err instanceof RangeError) return apiError('bad-request', err.message);
        throw err;
      }
    },
    'query:restart-budget': async (profileId) => budgetView(profileId),
    'query:recurring-trouble': async (profileId) => recurring(profileId),
    'command:export-incident-report': async (incidentId) => report(incidentId),
  };

  return {
    watch,
    stopped(profileId) {
      store.markStopped(profileId, clock.wallNow());
      profiles.get(profileId)?.stopped();
    },
    forget(profileId) {
      profiles.get(profileId)?.dispose();
      profiles.delete(profileId);
      store.deleteProfile(profileId);
      recorder.removeProfile(profileId);
    },
    ingested(profileId, change) {
      profiles.get(profileId)?.ingested(change, clock.wallNow());
    },
    changed(profileId, change) {
      profiles.get(profileId)?.changed(change, clock.wallNow());
    },
    frame: (profileId, entry) => recorder.frame(profileId, entry),
    incidentOpened: (incident) => recorder.incidentOpened(incident),
    tick(profileId, atWall) {
      const pa = profiles.get(profileId);
      if (!pa) return null;
      const t = pa.tick(atWall);
      if (t.deploy)
        opts.recordEvent(profileId, {
          at: t.deploy.lastAt,
          kind: 'deploy',
          text: t.deploy.text,
          shardId: null,
        });
      return { facts: t.facts, findingsChanged: t.findingsChanged };
    },
    tickAll: (atWall) => recorder.tick(atWall),
    shardRules(profileId) {
      const pa = profiles.get(profileId);
      if (!pa) return undefined;
      return { held: (id) => pa.isHeld(id), describeDown: (ids) => pa.describeDown(ids) };
    },
    findings: (profileId) => profiles.get(profileId)?.findings(),
    store,
    api,
    dispose() {
      for (const pa of profiles.values()) pa.dispose();
      profiles.clear();
      recorder.dispose();
      store.close();
    },
  };
}
