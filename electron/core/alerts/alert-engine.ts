/**
 * The alert engine: turns the monitor's samples into incidents and desktop
 * notifications (issue 3 §3).
 *
 * Design in one paragraph: every rule keeps two counters per profile — bad
 * samples in a row and good samples in a row. A rule raises after
 * `raiseAfter` bad samples and clears after `clearAfter` good ones, so a
 * single odd sample never raises and never clears. An open incident is
 * *updated* in place as it grows or shrinks (one "37 of 128 shards down"
 * incident, never one per shard). Notifications are a separate decision
 * taken at two moments only — the incident opens, or its severity rises —
 * and that decision is where acknowledge, snooze, pause and quiet hours
 * (with their escalation bypass) apply. Incidents are always recorded, even
 * when nobody is told.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type {
  AlertRule,
  AlertSettings,
  ConnectionProblem,
  ConnectionState,
  Incident,
  LatencyStats,
  Severity,
  ShardState,
  ShardSummary,
  ShardView,
  SnoozeChoice,
  SnoozeState,
} from '../../../shared/model';
import { ALERT_RULES } from '../../../shared/model';
import type { Notification, Notifier } from './notifier';
import {
  formatLocalHm,
  isValidTimeZone,
  isWithinLocalWindow,
  nextLocalTime,
  systemTimeZone,
} from './local-time';
import { connectionLook } from '../../../shared/connection-look';
import { formatRtt } from '../../../shared/format';

/** What the engine needs to know about a profile (no secrets, no URL). */
export interface AlertProfile {
  id: string;
  name: string;
  alerts: AlertSettings;
  /** `shard_total`: the denominator of "N of M shards down". */
  shardTotal: number;
  /** The profile is disabled or paused: it raises nothing and its incidents close. */
  paused?: boolean;
}

/** One shard state change, as reported by the shard health tracker. */
export interface ShardTransition {
  shardId: number;
  from: ShardState;
  to: ShardState;
  /** Wall-clock ms (same clock as `ShardView.lastChangeAt`). */
  at: number;
}

/**
 * One observation handed to {@link AlertEngine.evaluate}. The monitor sends a
 * `connection` sample on every connection state change, a `ping` sample on
 * every ping outcome, a `shards` sample on every shard snapshot and a `tick`
 * once a second per profile.
 *
 * Counting: `connection-lost` and `credentials-refused` count ticks (so
 * `raiseAfter: 5` means about five seconds), plus a connection sample when it
 * flips between good and bad — a burst of state changes within one second
 * (connecting → handshaking → registering) is not several samples. The shard
 * rules count `shards` samples and the latency rules count `ping` samples,
 * so the monitor should send shard snapshots regularly, not only on change.
 */
export type AlertSample =
  | {
      kind: 'connection';
      profile: AlertProfile;
      state: ConnectionState;
      problem: ConnectionProblem | null;
      detail: string | null;
    }
  | { kind: 'ping'; profile: AlertProfile; latency1m: LatencyStats }
  | {
      kind: 'shards';
      profile: AlertProfile;
      shards: ShardView[];
      summary: ShardSummary;
      transitions: ShardTransition[];
    }
  | { kind: 'tick'; profile: AlertProfile };

/** How an incident changed, as reported to `on('incident')` listeners. */
export type IncidentChange = 'open' | 'update' | 'close';

/** Events of the alert engine. */
export interface AlertEngineEvents {
  incident: (incident: Incident, change: IncidentChange) => void;
  snooze: (state: SnoozeState) => void;
}

/** Options of {@link createAlertEngine}. */
export interface AlertEngineOptions {
  clock: Clock;
  notifier: Notifier;
  /** Incident ids; defaults to random UUIDs. */
  idFactory?: () => string;
  /** A shard must toggle up↔down `flapThreshold` times within this window to count as flapping. Default 10 min. */
  flapWindowMs?: number;
  /** Default 4. */
  flapThreshold?: number;
  /** Severity escalations of one incident notify at most once per this interval. Default 5 min. */
  escalationNotifyIntervalMs?: number;
  /** Zone for "snooze until tomorrow 08:00" and times in notification bodies. Default: the system zone. */
  timeZone?: string;
  /** Closed incidents kept in memory. Default 500. */
  maxClosedIncidents?: number;
  /** Where a throwing listener or notifier is reported. Default `console.error`. */
  onError?: (err: unknown) => void;
}

/** Filter of {@link AlertEngine.incidents}. */
export interface IncidentQuery {
  profileId?: string;
  /** Also return recently closed incidents (after the open ones). Default false. */
  includeClosed?: boolean;
  limit?: number;
}

/** Handle of the alert engine. */
export interface AlertEngine {
  /** Feed one sample of one profile. */
  evaluate(profileId: string, sample: AlertSample): void;
  /** Snooze notifications (incidents are still recorded); `null` ends the snooze. */
  snooze(choice: SnoozeChoice | null): SnoozeState;
  /** Pause all monitoring: no incident is raised and open ones close. */
  pause(paused: boolean): SnoozeState;
  snoozeState(): SnoozeState;
  /** Stop notifying about an open incident until it clears; null for an unknown id. */
  acknowledge(incidentId: string): Incident | null;
  /** Open incidents (newest first), then closed ones (most recently cleared first). */
  incidents(opts?: IncidentQuery): Incident[];
  openCount(profileId?: string): number;
  /** Forget a deleted profile; its open incidents close without notification. */
  removeProfile(profileId: string): void;
  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof AlertEngineEvents>(event: K, listener: AlertEngineEvents[K]): () => void;
  /** Release the snooze timer and every listener. */
  dispose(): void;
}

/** Default flap window: 10 minutes. */
export const DEFAULT_FLAP_WINDOW_MS = 10 * 60_000;
/** Default toggles within the window that make a shard flapping. */
export const DEFAULT_FLAP_THRESHOLD = 4;
/** Default minimum interval between two escalation notifications of one incident. */
export const DEFAULT_ESCALATION_NOTIFY_INTERVAL_MS = 5 * 60_000;
/** Local hour "snooze until tomorrow" ends at. */
export const SNOOZE_TOMORROW_HOUR = 8;
/** At most this many shard ids are kept on an incident (the title keeps the full count). */
export const MAX_INCIDENT_SHARD_IDS = 100;

const SNOOZE_DURATIONS_MS: Record<Exclude<SnoozeChoice, 'tomorrow'>, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '4h': 4 * 60 * 60_000,
};

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** What a rule says about one sample. `off` closes the rule's incident outright. */
type Verdict = 'bad' | 'good' | 'neutral' | 'off';

/** Title, body and shards of an incident as of the latest bad sample. */
interface IncidentContent {
  severity: Severity;
  title: string;
  body: string;
  shardIds: number[];
  /** For the quiet-hours bypass text of shards-down. */
  downFraction?: number;
}

interface IncidentRecord {
  incident: Incident;
  /** Open order: breaks ties between incidents opened in the same millisecond. */
  seq: number;
  /** Monotonic open time: escalation by duration must not follow wall-clock jumps. */
  openedMono: number;
  /** The quiet-hours bypass fired (it fires at most once per incident). */
  bypassed: boolean;
  lastEscalationNotifyMono: number | null;
  downFraction: number;
}

interface RuleState {
  bad: number;
  good: number;
  open: IncidentRecord | null;
}

interface ProfileState {
  profile: AlertProfile;
  conn: { state: ConnectionState; problem: ConnectionProblem | null; detail: string | null } | null;
  /** Wall ms the connection entered its current good/bad classification. */
  connSince: number;
  lastConnVerdict: Record<'connection-lost' | 'credentials-refused', Verdict | null>;
  rules: Record<AlertRule, RuleState>;
  /** Wall times of recent up↔down toggles per shard. */
  toggles: Map<number, number[]>;
  /** Flapping shards → wall time of their latest toggle. */
  flapping: Map<number, number>;
}

/**
 * Create the alert engine. It owns one timer (snooze expiry), released by
 * `dispose()`; everything else is driven by the samples and ticks the
 * monitor sends.
 *
 * Rule notes beyond the shared `AlertSettings` docs:
 * - `credentials-refused` raises on the first refusal (a refusal is certain,
 *   not a blip) and is critical; while it is enabled, `connection-lost`
 *   ignores the refusal so one cause gives one alert.
 * - `connection-lost` is critical. A connection the user closed (state
 *   `idle`, `closed` without a problem, or problem `paused`) is not lost:
 *   it closes the connection incidents.
 * - `shards-down` counts non-dev shards in state `down` (dev shards only with
 *   `includeDevShards`), excluding flapping shards; it is a warning, and
 *   critical once more than `escalateDownFraction` of the shards are down.
 * - `shard-flapping` has no switch of its own: it is part of `shardsDown`.
 *   It raises as soon as a shard toggles `flapThreshold` times within
 *   `flapWindowMs` (that threshold *is* its debounce) and clears once no
 *   shard has toggled for `flapWindowMs`.
 * - Recovery does not notify; the incident closes and the tray updates.
 * - Snooze has no bypass (the user asked for silence); quiet hours do.
 * - Notifications held back by quiet hours or snooze are not replayed when
 *   they end; the incident stays visible with `suppressed: true`.
 */
export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { clock, notifier } = opts;
  const idFactory = opts.idFactory ?? (() => randomUUID());
  const flapWindowMs = opts.flapWindowMs ?? DEFAULT_FLAP_WINDOW_MS;
  const flapThreshold = Math.max(2, opts.flapThreshold ?? DEFAULT_FLAP_THRESHOLD);
  const escalationIntervalMs =
    opts.escalationNotifyIntervalMs ?? DEFAULT_ESCALATION_NOTIFY_INTERVAL_MS;
  const timeZone =
    opts.timeZone && isValidTimeZone(opts.timeZone) ? opts.timeZone : systemTimeZone();
  const maxClosed = opts.maxClosedIncidents ?? 500;
  const onError = opts.onError ?? ((err: unknown) => console.error('[alerts]', err));

  const profiles = new Map<string, ProfileState>();
  const openById = new Map<string, IncidentRecord>();
  /** Most recently closed last. */
  const closed: Incident[] = [];
  const incidentListeners = new Set<AlertEngineEvents['incident']>();
  const snoozeListeners = new Set<AlertEngineEvents['snooze']>();
  let snoozeUntil: number | null = null;
  let snoozeTimer: TimerHandle | null = null;
  let paused = false;
  let disposed = false;
  let openSeq = 0;

  // ----- events -------------------------------------------------------------

  function copy(i: Incident): Incident {
    return { ...i, shardIds: [...i.shardIds] };
  }

  function emitIncident(rec: IncidentRecord, change: IncidentChange): void {
    const snapshot = copy(rec.incident);
    for (const l of [...incidentListeners]) {
      try {
        l(copy(snapshot), change);
      } catch (err) {
        onError(err);
      }
    }
  }

  function currentSnooze(): SnoozeState {
    return { until: snoozeUntil, paused };
  }

  function emitSnooze(): void {
    const s = currentSnooze();
    for (const l of [...snoozeListeners]) {
      try {
        l({ ...s });
      } catch (err) {
        onError(err);
      }
    }
  }

  // ----- notification decision ---------------------------------------------

  function isSnoozed(): boolean {
    return snoozeUntil !== null && snoozeUntil > clock.wallNow();
  }

  function inQuietHours(profile: AlertProfile): boolean {
    const q = profile.alerts.quietHours;
    return q.enabled && isWithinLocalWindow(clock.wallNow(), q.start, q.end, q.timeZone);
  }

  /** Why quiet hours may be broken for this incident right now, or null. */
  function bypassReason(rec: IncidentRecord, profile: AlertProfile): string | null {
    const a = profile.alerts;
    if (rec.incident.rule === 'shards-down' && rec.downFraction > a.escalateDownFraction) {
      return `more than ${formatPct(a.escalateDownFraction * 100)} of the shards are down`;
    }
    if (a.escalateAfterMs > 0 && clock.now() - rec.openedMono > a.escalateAfterMs) {
      return `it has been open for more than ${formatDuration(a.escalateAfterMs)}`;
    }
    return null;
  }

  function send(rec: IncidentRecord, profile: AlertProfile, severity: Severity, body: string) {
    const i = rec.incident;
    const n: Notification = {
      title: `Shardwatch · ${profile.name || 'unnamed profile'}: ${i.title}`,
      body,
      severity,
      profileId: i.profileId,
      shardId: i.shardIds.length === 1 ? (i.shardIds[0] ?? null) : null,
      incidentId: i.id,
    };
    try {
      notifier.notify(n);
    } catch (err) {
      onError(err);
    }
  }

  /**
   * Decide whether to tell the user about `rec` now. Returns true when the
   * incident's `suppressed` flag changed (the caller emits an update).
   */
  function consider(rec: IncidentRecord, profile: AlertProfile, reason: 'open' | 'escalate') {
    const i = rec.incident;
    if (i.acknowledged || paused || profile.paused) return false;
    if (reason === 'escalate') {
      const last = rec.lastEscalationNotifyMono;
      if (last !== null && clock.now() - last < escalationIntervalMs) return false;
    }
    const before = i.suppressed;
    if (isSnoozed()) {
      i.suppressed = true;
    } else if (inQuietHours(profile)) {
      if (!tryBypass(rec, profile)) i.suppressed = true;
    } else {
      send(rec, profile, i.severity, i.body);
      i.suppressed = false;
      if (reason === 'escalate') rec.lastEscalationNotifyMono = clock.now();
    }
    return before !== i.suppressed;
  }

  /** The quiet-hours escalation bypass: once per incident, always critical. */
  function tryBypass(rec: IncidentRecord, profile: AlertProfile): boolean {
    if (rec.bypassed) return false;
    const why = bypassReason(rec, profile);
    if (why === null) return false;
    rec.bypassed = true;
    rec.incident.suppressed = false;
    send(
      rec,
      profile,
      'critical',
      `${rec.incident.body}\nThis alert bypassed quiet hours because ${why}.`,
    );
    return true;
  }

  // ----- incident life cycle ------------------------------------------------

  function openIncident(ps: ProfileState, rule: AlertRule, c: IncidentContent): void {
    const now = clock.wallNow();
    const rec: IncidentRecord = {
      incident: {
        id: idFactory(),
        profileId: ps.profile.id,
        rule,
        severity: c.severity,
        title: c.title,
        body: c.body,
        shardIds: c.shardIds.slice(0, MAX_INCIDENT_SHARD_IDS),
        openedAt: now,
        updatedAt: now,
        clearedAt: null,
        acknowledged: false,
        suppressed: false,
      },
      seq: ++openSeq,
      openedMono: clock.now(),
      bypassed: false,
      lastEscalationNotifyMono: null,
      downFraction: c.downFraction ?? 0,
    };
    ps.rules[rule].open = rec;
    openById.set(rec.incident.id, rec);
    consider(rec, ps.profile, 'open');
    emitIncident(rec, 'open');
  }

  function updateIncident(ps: ProfileState, rec: IncidentRecord, c: IncidentContent): void {
    const i = rec.incident;
    const shardIds = c.shardIds.slice(0, MAX_INCIDENT_SHARD_IDS);
    rec.downFraction = c.downFraction ?? 0;
    const escalated = SEVERITY_RANK[c.severity] > SEVERITY_RANK[i.severity];
    const changed =
      c.severity !== i.severity ||
      c.title !== i.title ||
      c.body !== i.body ||
      shardIds.length !== i.shardIds.length ||
      shardIds.some((id, k) => id !== i.shardIds[k]);
    if (!changed) return;
    i.severity = c.severity;
    i.title = c.title;
    i.body = c.body;
    i.shardIds = shardIds;
    i.updatedAt = clock.wallNow();
    if (escalated) consider(rec, ps.profile, 'escalate');
    emitIncident(rec, 'update');
  }

  function closeIncident(ps: ProfileState, rule: AlertRule): void {
    const rs = ps.rules[rule];
    const rec = rs.open;
    rs.open = null;
    if (!rec) return;
    openById.delete(rec.incident.id);
    const now = clock.wallNow();
    rec.incident.clearedAt = now;
    rec.incident.updatedAt = now;
    closed.push(rec.incident);
    if (closed.length > maxClosed) closed.splice(0, closed.length - maxClosed);
    emitIncident(rec, 'close');
  }

  function resetRule(ps: ProfileState, rule: AlertRule): void {
    closeIncident(ps, rule);
    ps.rules[rule].bad = 0;
    ps.rules[rule].good = 0;
  }

  /**
   * Apply one verdict to one rule. `count: false` updates an open incident's
   * content without advancing the streaks (see the counting note on
   * {@link AlertSample}). `immediate` raises on the first bad sample.
   */
  function step(
    ps: ProfileState,
    rule: AlertRule,
    verdict: Verdict,
    content: () => IncidentContent,
    flags: { count?: boolean; immediate?: boolean } = {},
  ): void {
    const rs = ps.rules[rule];
    const a = ps.profile.alerts;
    if (verdict === 'off') return resetRule(ps, rule);
    if (verdict === 'neutral') return;
    const count = flags.count ?? true;
    if (verdict === 'bad') {
      if (count) {
        rs.bad++;
        rs.good = 0;
      }
      if (rs.open) updateIncident(ps, rs.open, content());
      else if (rs.bad >= Math.max(1, a.raiseAfter) || (flags.immediate && rs.bad > 0)) {
        openIncident(ps, rule, content());
      }
    } else if (count) {
      rs.good++;
      rs.bad = 0;
      if (rs.open && rs.good >= Math.max(1, a.clearAfter)) closeIncident(ps, rule);
    }
  }

  // ----- rules --------------------------------------------------------------

  function profileState(profileId: string, profile: AlertProfile): ProfileState {
    let ps = profiles.get(profileId);
    if (!ps) {
      const rules = {} as Record<AlertRule, RuleState>;
      for (const r of ALERT_RULES) rules[r] = { bad: 0, good: 0, open: null };
      ps = {
        profile,
        conn: null,
        connSince: clock.wallNow(),
        lastConnVerdict: { 'connection-lost': null, 'credentials-refused': null },
        rules,
        toggles: new Map(),
        flapping: new Map(),
      };
      profiles.set(profileId, ps);
    }
    ps.profile = { ...profile, id: profileId };
    return ps;
  }

  /** Rules switched off in the settings close their incidents and forget their streaks. */
  function applySettings(ps: ProfileState): void {
    const a = ps.profile.alerts;
    const enabled: Record<AlertRule, boolean> = {
      'connection-lost': a.connectionLost,
      'credentials-refused': a.credentialsRefused,
      'shards-down': a.shardsDown,
      'shard-flapping': a.shardsDown,
      'latency-p95': a.latencyP95Ms > 0,
      loss: a.lossPct > 0,
      'silent-stall': a.silentStall,
      'missing-shards': a.missingShards,
    };
    for (const r of ALERT_RULES) if (!enabled[r]) resetRule(ps, r);
    if (!a.shardsDown) {
      ps.toggles.clear();
      ps.flapping.clear();
    }
  }

  function isRefused(c: NonNullable<ProfileState['conn']>): boolean {
    return c.state === 'auth-refused' || c.problem === 'auth-refused';
  }

  function isUserClosed(c: NonNullable<ProfileState['conn']>): boolean {
    return (
      c.problem === 'paused' || c.state === 'idle' || (c.state === 'closed' && c.problem === null)
    );
  }

  function connectionVerdicts(
    ps: ProfileState,
  ): Record<'connection-lost' | 'credentials-refused', Verdict> {
    const c = ps.conn;
    const a = ps.profile.alerts;
    if (!c) return { 'connection-lost': 'neutral', 'credentials-refused': 'neutral' };
    if (isUserClosed(c)) return { 'connection-lost': 'off', 'credentials-refused': 'off' };
    if (c.state === 'ready') return { 'connection-lost': 'good', 'credentials-refused': 'good' };
    if (isRefused(c)) {
      return {
        'connection-lost': a.credentialsRefused || !a.connectionLost ? 'neutral' : 'bad',
        'credentials-refused': a.credentialsRefused ? 'bad' : 'neutral',
      };
    }
    return {
      'connection-lost': a.connectionLost ? 'bad' : 'neutral',
      'credentials-refused': 'neutral',
    };
  }

  function connectionContent(ps: ProfileState, rule: AlertRule): IncidentContent {
    const c = ps.conn;
    const since = formatLocalHm(ps.connSince, timeZone);
    const detail = c?.detail ? `: ${truncate(c.detail, 200)}` : '';
    if (rule === 'credentials-refused') {
      return {
        severity: 'critical',
        title: 'credentials refused',
        body:
          `The gateway refused this bot's credentials (application id, public key or secret) at ${since}${detail}. ` +
          'Edit the profile to correct them; Shardwatch does not retry refused credentials in a loop.',
        shardIds: [],
      };
    }
    return {
      severity: 'critical',
      title: 'gateway connection lost',
      body:
        `The gateway connection is down since ${since} (${c ? connectionLook(c.state, c.problem).label.toLowerCase() : 'no connection'})${detail}. ` +
        'Shardwatch keeps retrying; check that the gateway is running and reachable.',
      shardIds: [],
    };
  }

  function evaluateConnection(ps: ProfileState, fromTick: boolean): void {
    const verdicts = connectionVerdicts(ps);
    for (const rule of ['credentials-refused', 'connection-lost'] as const) {
      const v = verdicts[rule];
      const flipped = ps.lastConnVerdict[rule] !== v;
      ps.lastConnVerdict[rule] = v;
      step(ps, rule, v, () => connectionContent(ps, rule), {
        count: fromTick || flipped,
        immediate: rule === 'credentials-refused',
      });
    }
  }

  function countsForShardRules(ps: ProfileState, shard: ShardView): boolean {
    return ps.profile.alerts.includeDevShards || !shard.development;
  }

  function isShardDown(shard: ShardView): boolean {
    // A dev shard's state is `dev` whatever its connection; `disconnected`
    // tells whether it is down (only consulted with includeDevShards).
    return shard.state === 'down' || (shard.state === 'dev' && shard.disconnected);
  }

  function isToggle(from: ShardState, to: ShardState): boolean {
    const upish = (s: ShardState) => s === 'up' || s === 'degraded';
    return (upish(from) && to === 'down') || (from === 'down' && upish(to));
  }

  function recordTransitions(
    ps: ProfileState,
    shards: ShardView[],
    transitions: ShardTransition[],
  ) {
    const toggles = transitions.filter((t) => isToggle(t.from, t.to));
    if (toggles.length === 0) return;
    // Index only the shards that toggled: a map of every shard, rebuilt on
    // every snapshot, cost ~5 ms per 10 000-shard snapshot with nothing to do.
    const wanted = new Set(toggles.map((t) => t.shardId));
    const byId = new Map<number, ShardView>();
    for (const s of shards) if (wanted.has(s.id)) byId.set(s.id, s);
    const now = clock.wallNow();
    for (const t of toggles) {
      const shard = byId.get(t.shardId);
      if (shard && !countsForShardRules(ps, shard)) continue;
      const list = (ps.toggles.get(t.shardId) ?? []).filter((at) => now - at < flapWindowMs);
      list.push(t.at);
      ps.toggles.set(t.shardId, list);
      if (list.length >= flapThreshold || ps.flapping.has(t.shardId)) {
        ps.flapping.set(t.shardId, Math.max(t.at, ps.flapping.get(t.shardId) ?? 0));
      }
    }
  }

  /** Forget toggles and flapping marks older than the window. */
  function pruneFlapping(ps: ProfileState): void {
    const now = clock.wallNow();
    for (const [id, last] of ps.flapping) if (now - last >= flapWindowMs) ps.flapping.delete(id);
    for (const [id, list] of ps.toggles) {
      const kept = list.filter((at) => now - at < flapWindowMs);
      if (kept.length === 0) ps.toggles.delete(id);
      else ps.toggles.set(id, kept);
    }
  }

  function evaluateFlapping(ps: ProfileState): void {
    if (!ps.profile.alerts.shardsDown) return;
    pruneFlapping(ps);
    const ids = [...ps.flapping.keys()].sort((x, y) => x - y);
    if (ids.length === 0) {
      closeIncident(ps, 'shard-flapping');
      return;
    }
    const windowText = formatDuration(flapWindowMs);
    const content: IncidentContent = {
      severity: 'warning',
      title: ids.length === 1 ? `shard ${ids[0]} flapping` : `${ids.length} shards flapping`,
      body:
        `${shardList(ids, 'Shard', 'Shards')} ${ids.length === 1 ? 'keeps' : 'keep'} disconnecting and reconnecting ` +
        `(${flapThreshold}+ times within ${windowText}). Their individual down alerts are held back until they ` +
        `settle; check the bot process and its host for restarts.`,
      shardIds: ids,
    };
    // The flap threshold is this rule's debounce: raise on detection.
    step(ps, 'shard-flapping', 'bad', () => content, { immediate: true });
  }

  function evaluateShards(
    ps: ProfileState,
    sample: Extract<AlertSample, { kind: 'shards' }>,
  ): void {
    const a = ps.profile.alerts;
    const counted = sample.shards.filter((s) => countsForShardRules(ps, s));
    const devCount = sample.shards.length - counted.length;

    if (a.shardsDown) {
      recordTransitions(ps, sample.shards, sample.transitions);
      evaluateFlapping(ps);
      const down = counted
        .filter((s) => isShardDown(s) && !ps.flapping.has(s.id))
        .sort((x, y) => x.id - y.id);
      const total = Math.max(ps.profile.shardTotal - devCount, counted.length, down.length, 1);
      step(ps, 'shards-down', down.length > 0 ? 'bad' : 'good', () => {
        const fraction = down.length / total;
        const ids = down.map((s) => s.id);
        const since = Math.min(
          ...down.map((s) => (s.lastChangeAt > 0 ? s.lastChangeAt : clock.wallNow())),
        );
        const verb = ids.length === 1 ? 'is' : 'are';
        return {
          severity: fraction > a.escalateDownFraction ? 'critical' : 'warning',
          title: `${down.length} of ${total} shards down`,
          body:
            `${shardList(ids, 'Shard', 'Shards')} ${verb} disconnected since ${formatLocalHm(since, timeZone)}. ` +
            'Open the profile to see which.',
          shardIds: ids,
          downFraction: fraction,
        };
      });
    }

    if (a.silentStall) {
      const stalled = counted.filter((s) => s.stalled).map((s) => s.id);
      stalled.sort((x, y) => x - y);
      step(ps, 'silent-stall', stalled.length > 0 ? 'bad' : 'good', () => ({
        severity: 'warning',
        title:
          stalled.length === 1 ? `shard ${stalled[0]} stalled` : `${stalled.length} shards stalled`,
        body:
          `${shardList(stalled, 'Shard', 'Shards')} ${stalled.length === 1 ? 'is' : 'are'} connected but ` +
          'their message counters stopped moving. The shard process may be hung; consider restarting it.',
        shardIds: stalled,
      }));
    }

    if (a.missingShards) {
      const s = sample.summary;
      const missing = s.reportsStats && s.missingCount > 0;
      step(ps, 'missing-shards', missing ? 'bad' : 'good', () => ({
        severity: 'warning',
        title: `${s.missingCount} of ${s.expected} shards not reporting`,
        body:
          `${shardList(s.missing, 'Shard', 'Shards', s.missingCount)} ${s.missingCount === 1 ? 'has' : 'have'} ` +
          'never reported to the gateway. Check that every shard process is running and that shard_total matches.',
        shardIds: [...s.missing],
      }));
    }
  }

  function evaluatePing(ps: ProfileState, l: LatencyStats): void {
    const a = ps.profile.alerts;
    if (a.latencyP95Ms > 0) {
      // No answered ping in the window is "no data", not slowness: loss covers it.
      const v: Verdict = l.p95 === null ? 'neutral' : l.p95 > a.latencyP95Ms ? 'bad' : 'good';
      step(ps, 'latency-p95', v, () => ({
        severity: 'warning',
        title: `ping p95 ${formatRtt(l.p95 ?? 0)} (limit ${formatRtt(a.latencyP95Ms)})`,
        body:
          `Gateway pings are slow: p95 ${formatRtt(l.p95 ?? 0)} over the last minute, above the ` +
          `${formatRtt(a.latencyP95Ms)} limit. Check the gateway host's load and the network path.`,
        shardIds: [],
      }));
    }
    if (a.lossPct > 0) {
      const v: Verdict = l.lossPct === null ? 'neutral' : l.lossPct > a.lossPct ? 'bad' : 'good';
      step(ps, 'loss', v, () => ({
        severity: 'warning',
        title: `${formatPct(l.lossPct ?? 0)} ping loss (limit ${formatPct(a.lossPct)})`,
        body:
          `${l.lost} of ${l.count + l.lost} gateway pings in the last minute got no answer, above the ` +
          `${formatPct(a.lossPct)} limit. The gateway or the network is dropping traffic.`,
        shardIds: [],
      }));
    }
  }

  /** Once a second: duration-based quiet-hours bypass for suppressed incidents. */
  function checkEscalations(ps: ProfileState): void {
    if (isSnoozed() || !inQuietHours(ps.profile)) return;
    for (const r of ALERT_RULES) {
      const rec = ps.rules[r].open;
      if (!rec || rec.bypassed || rec.incident.acknowledged || !rec.incident.suppressed) continue;
      if (tryBypass(rec, ps.profile)) emitIncident(rec, 'update');
    }
  }

  function closeAll(ps: ProfileState): void {
    for (const r of ALERT_RULES) resetRule(ps, r);
    ps.toggles.clear();
    ps.flapping.clear();
    ps.lastConnVerdict = { 'connection-lost': null, 'credentials-refused': null };
  }

  // ----- snooze -------------------------------------------------------------

  function setSnooze(until: number | null): void {
    clock.clearTimeout(snoozeTimer);
    snoozeTimer = null;
    snoozeUntil = until;
    if (until !== null) {
      snoozeTimer = clock.setTimeout(
        () => {
          snoozeTimer = null;
          snoozeUntil = null;
          emitSnooze();
        },
        Math.max(0, until - clock.wallNow()),
      );
    }
    emitSnooze();
  }

  // ----- handle -------------------------------------------------------------

  return {
    evaluate(profileId, sample) {
      if (disposed) return;
      const ps = profileState(profileId, sample.profile);
      if (paused || ps.profile.paused) {
        closeAll(ps);
        if (sample.kind === 'connection') ps.conn = { ...sample };
        return;
      }
      applySettings(ps);
      switch (sample.kind) {
        case 'connection': {
          const prev = ps.conn;
          ps.conn = { state: sample.state, problem: sample.problem, detail: sample.detail };
          const wasReady = prev?.state === 'ready';
          if (!prev || wasReady !== (sample.state === 'ready')) ps.connSince = clock.wallNow();
          evaluateConnection(ps, false);
          break;
        }
        case 'tick':
          evaluateConnection(ps, true);
          evaluateFlapping(ps);
          checkEscalations(ps);
          break;
        case 'ping':
          evaluatePing(ps, sample.latency1m);
          break;
        case 'shards':
          evaluateShards(ps, sample);
          break;
      }
    },

    snooze(choice) {
      if (disposed) return currentSnooze();
      if (choice === null) setSnooze(null);
      else if (choice === 'tomorrow') {
        setSnooze(nextLocalTime(clock.wallNow(), SNOOZE_TOMORROW_HOUR, 0, timeZone));
      } else setSnooze(clock.wallNow() + SNOOZE_DURATIONS_MS[choice]);
      return currentSnooze();
    },

    pause(p) {
      if (disposed) return currentSnooze();
      if (p !== paused) {
        paused = p;
        // Paused monitoring knows nothing: stale incidents would keep the
        // tray red and could escalate; they reopen if still true on resume.
        if (paused) for (const ps of profiles.values()) closeAll(ps);
        emitSnooze();
      }
      return currentSnooze();
    },

    snoozeState() {
      return { until: isSnoozed() ? snoozeUntil : null, paused };
    },

    acknowledge(incidentId) {
      const rec = openById.get(incidentId);
      if (rec) {
        if (!rec.incident.acknowledged) {
          rec.incident.acknowledged = true;
          rec.incident.updatedAt = clock.wallNow();
          emitIncident(rec, 'update');
        }
        return copy(rec.incident);
      }
      const old = closed.find((i) => i.id === incidentId);
      return old ? copy(old) : null;
    },

    incidents(q = {}) {
      const open = [...openById.values()]
        .filter((r) => q.profileId === undefined || r.incident.profileId === q.profileId)
        .sort((x, y) => y.incident.openedAt - x.incident.openedAt || y.seq - x.seq)
        .map((r) => r.incident);
      let out = open;
      if (q.includeClosed) {
        const done = closed
          .filter((i) => q.profileId === undefined || i.profileId === q.profileId)
          .reverse();
        out = [...open, ...done];
      }
      if (q.limit !== undefined) out = out.slice(0, Math.max(0, q.limit));
      return out.map(copy);
    },

    openCount(profileId) {
      let n = 0;
      for (const r of openById.values())
        if (profileId === undefined || r.incident.profileId === profileId) n++;
      return n;
    },

    removeProfile(profileId) {
      const ps = profiles.get(profileId);
      if (!ps) return;
      closeAll(ps);
      profiles.delete(profileId);
    },

    on(event, listener) {
      const set = (event === 'incident' ? incidentListeners : snoozeListeners) as Set<
        AlertEngineEvents[typeof event]
      >;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    dispose() {
      disposed = true;
      clock.clearTimeout(snoozeTimer);
      snoozeTimer = null;
      incidentListeners.clear();
      snoozeListeners.clear();
    },
  };
}

// ----- text helpers ----------------------------------------------------------

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "Shard 3" / "Shards 3, 7, 12, 15, 20 and 32 more". */
function shardList(ids: number[], one: string, many: string, total = ids.length): string {
  const shown = ids.slice(0, 5);
  const rest = total - shown.length;
  if (total === 1 && shown.length === 1) return `${one} ${shown[0]}`;
  return `${many} ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

function formatPct(pct: number): string {
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${Math.round(ms / 1000)} s`;
  if (min < 120) return `${min} min`;
  const h = ms / 3_600_000;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}
