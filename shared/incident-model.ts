/**
 * Incidents (a raised alert, from open to cleared), the alert rules that
 * raise them, and snoozing.
 */
/** Alert rule ids. */
export const ALERT_RULES = [
  'connection-lost',
  'credentials-refused',
  'shards-down',
  'shard-flapping',
  'latency-p95',
  'loss',
  'silent-stall',
  'missing-shards',
  'waiting-for-bot',
  'restart-budget',
  'restart-loop',
  'one-way',
  'silent',
] as const;
/** One alert rule. */
export type AlertRule = (typeof ALERT_RULES)[number];

/** Incident severity. */
export type Severity = 'info' | 'warning' | 'critical';

/** One incident: a raised alert, updated as it grows, closed on recovery. */
export interface Incident {
  id: string;
  profileId: string;
  rule: AlertRule;
  severity: Severity;
  title: string;
  body: string;
  /** Shards involved (capped list). */
  shardIds: number[];
  openedAt: number;
  updatedAt: number;
  clearedAt: number | null;
  acknowledged: boolean;
  /** A notification was held back by quiet hours or snooze. */
  suppressed: boolean;
}

/** Snooze state. `until` null = not snoozed. */
export interface SnoozeState {
  until: number | null;
  /** All monitoring paused by the user (pings stop, no alerts). */
  paused: boolean;
}

/** Snooze choices offered in the tray and the UI. */
export const SNOOZE_CHOICES = ['15m', '1h', '4h', 'tomorrow'] as const;
/** A snooze choice. */
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];
