/**
 * Model types and request validators of alert delivery: notification
 * channels, the delivery log, maintenance windows and uptime figures. Like
 * the other model files, everything here is what the renderer may see: a channel's
 * webhook URL and signing secret never appear, only `host` and `hasX` flags
 * (docs/architecture.md §3.7).
 */
import type { Severity, SnoozeChoice } from './incident-model';
import type { QuietHours, SecretEdit } from './profile-model';
import type { Validator } from './validate';
import { arrayOf, bool, nullable, num, object, oneOf, optional, str } from './validate';

/** Kinds of notification channel. */
export const CHANNEL_KINDS = ['discord', 'slack', 'webhook', 'ntfy'] as const;
/** One kind of notification channel. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Incident severities, least severe first. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const satisfies readonly Severity[];

/** Which alerts a channel receives. */
export interface ChannelRouting {
  /** Profiles whose alerts go to this channel; `null` means every profile. */
  profileIds: string[] | null;
  /** Incidents below this severity are not sent. */
  minSeverity: Severity;
}

/** The editable, non-secret fields of a channel. */
export interface ChannelFields {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  routing: ChannelRouting;
  /** This channel's own quiet hours (profile quiet hours apply to desktop notifications). */
  quietHours: QuietHours;
  /** "Still down" reminders for an unacknowledged open incident, every this many minutes; 0 = never. */
  remindEveryMin: number;
  /** Send a message when an incident this channel was told about recovers. */
  sendRecoveries: boolean;
}

/**
 * What the renderer sends to create or update a channel. `url` is the
 * webhook URL (Discord, Slack-compatible, generic webhook) or the ntfy topic
 * URL; `signingSecret` is the generic webhook's HMAC key or the ntfy access
 * token. Both are secrets: `undefined` keeps the stored value, a string sets
 * it, `null` clears it.
 */
export interface ChannelInput extends ChannelFields {
  url?: SecretEdit;
  signingSecret?: SecretEdit;
}

/** The outcome of the latest delivery attempt of a channel. */
export interface DeliverySummary {
  at: number;
  ok: boolean;
  /** HTTP status, or null when no answer came. */
  status: number | null;
}

/** A channel as the renderer sees it. */
export interface ChannelView extends ChannelFields {
  id: string;
  /** Host of the saved URL (e.g. `discord.com`), never its path or query. */
  host: string | null;
  hasUrl: boolean;
  hasSigningSecret: boolean;
  /** A stored secret could not be decrypted and must be entered again. */
  secretNeedsReentry: boolean;
  /** Messages to this channel are held back (and not replayed) until then. */
  mutedUntil: number | null;
  /** Messages waiting in the delivery queue. */
  queued: number;
  lastDelivery: DeliverySummary | null;
  createdAt: number;
  updatedAt: number;
}

/** Settings of desktop notifications beyond each profile's alert rules. */
export interface DesktopAlertSettings {
  /** "Still down" reminders as desktop notifications, every this many minutes; 0 = never. */
  remindEveryMin: number;
  sendRecoveries: boolean;
}

/** `query:channels`: every channel and the desktop settings. */
export interface ChannelList {
  channels: ChannelView[];
  desktop: DesktopAlertSettings;
}

/** What a message to people is about. */
export const MESSAGE_KINDS = [
  'open',
  'escalate',
  'reminder',
  'recovery',
  'quiet-summary',
  'test',
] as const;
/** One kind of message. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Outcomes recorded in the delivery log. */
export const DELIVERY_OUTCOMES = ['delivered', 'retrying', 'failed', 'dropped'] as const;
/** One delivery outcome. */
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** One line of the delivery log. The answer is shortened and has secrets removed. */
export interface DeliveryLogEntry {
  id: string;
  at: number;
  channelId: string;
  channelName: string;
  messageKind: MessageKind;
  /** The message title, e.g. `Prod bot: gateway connection lost`. */
  title: string;
  outcome: DeliveryOutcome;
  status: number | null;
  /** The receiver's answer or the network error, shortened, secrets redacted. */
  answer: string;
  attempt: number;
  /** When the next attempt is due (outcome `retrying`). */
  nextAttemptAt: number | null;
}

/** Result of "Send test". */
export interface TestSendResult {
  ok: boolean;
  status: number | null;
  /** The receiver's answer or the network error, shortened, secrets redacted. */
  answer: string;
}

/** Kinds of maintenance window. */
export const MAINTENANCE_KINDS = ['once', 'weekly'] as const;
/** One kind of maintenance window. */
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/**
 * A maintenance window: incidents are recorded but nobody is notified.
 * `once` uses `startsAt`/`endsAt`; `weekly` uses `days`, `start`,
 * `durationMin` and `timeZone` (local times, DST-correct).
 */
export interface MaintenanceFields {
  name: string;
  /** The profile it silences; `null` silences every profile. */
  profileId: string | null;
  kind: MaintenanceKind;
  /** Wall ms (once). */
  startsAt: number;
  /** Wall ms (once). */
  endsAt: number;
  /** Days of the week, 0 = Sunday (weekly). */
  days: number[];
  /** `HH:MM` local start (weekly). */
  start: string;
  /** Length in minutes (weekly). */
  durationMin: number;
  /** IANA zone of `start` (weekly). */
  timeZone: string;
}

/** A saved maintenance window. */
export interface MaintenanceWindow extends MaintenanceFields {
  id: string;
  createdAt: number;
}

/** A window in force right now. */
export interface ActiveMaintenance {
  windowId: string;
  name: string;
  profileId: string | null;
  /** When this occurrence ends (wall ms). */
  endsAt: number;
}

/** `query:maintenance`: every window, and those in force now. */
export interface MaintenanceList {
  windows: MaintenanceWindow[];
  active: ActiveMaintenance[];
}

/** "Pause alerts" choices on a profile. */
export const PAUSE_CHOICES = ['1h', 'tomorrow'] as const;
/** One pause choice. */
export type PauseChoice = (typeof PAUSE_CHOICES)[number];

/** Uptime windows. */
export const UPTIME_WINDOWS = ['24h', '7d', '30d', '1y'] as const;
/** One uptime window. */
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];

/** Uptime of one profile over one window. */
export interface UptimeFigure {
  window: UptimeWindow;
  /** Connected time ÷ monitored time × 100; null when nothing was monitored. */
  pct: number | null;
  monitoredMs: number;
  downMs: number;
  /**
   * Wall ms of the first monitored moment in the window when that is after
   * the window's start (a profile, or a history, younger than the window):
   * the figure covers only the time since then, and says so. Null when the
   * figure spans the whole window or nothing was monitored.
   */
  since: number | null;
}

/** Uptime figures of one profile. */
export interface UptimeSummary {
  profileId: string;
  figures: UptimeFigure[];
}

/** One incident in the outage history. */
export interface OutageEntry {
  incidentId: string;
  profileId: string;
  title: string;
  severity: Severity;
  openedAt: number;
  clearedAt: number | null;
  /** Open time so far for an open incident. */
  durationMs: number;
  acknowledgedAt: number | null;
  timeToAckMs: number | null;
}

/** What changed in alert delivery since the previous delta (pushed as `AppDelta.alerting`). */
export interface AlertingDelta {
  channels?: ChannelList;
  maintenance?: MaintenanceList;
  /** The delivery log has new lines. */
  deliveryLogChanged?: boolean;
}

/** Arguments of a channel export: the URLs and secrets are always sealed under the passphrase. */
export interface ChannelExportArgs {
  passphrase: string;
}

/** Arguments of a channel import. */
export interface ChannelImportArgs {
  content: string;
  passphrase: string;
}

// ---------------------------------------------------------------------------
// Validators (docs/architecture.md §3.3): structure and bounds; meaning (URL scheme,
// zone names, window order) is checked by the services with per-field messages.

const id = str({ min: 1, max: 200 });
const secretEdit: Validator<SecretEdit> = optional(nullable(str({ max: 4096 })));
const severity = oneOf(SEVERITIES);

const quietHours = object<QuietHours>({
  enabled: bool,
  start: str({ max: 5 }),
  end: str({ max: 5 }),
  timeZone: str({ min: 1, max: 100 }),
});

/** Structural check of a channel form. */
export const channelInputValidator = object<ChannelInput>({
  name: str({ max: 200 }),
  kind: oneOf(CHANNEL_KINDS),
  enabled: bool,
  routing: object<ChannelRouting>({
    profileIds: nullable(arrayOf(id, 10_000)),
    minSeverity: severity,
  }),
  quietHours,
  remindEveryMin: num({ int: true, min: 0, max: 7 * 24 * 60 }),
  sendRecoveries: bool,
  url: secretEdit,
  signingSecret: secretEdit,
});

/** Structural check of the desktop alert settings. */
export const desktopAlertSettingsValidator = object<DesktopAlertSettings>({
  remindEveryMin: num({ int: true, min: 0, max: 7 * 24 * 60 }),
  sendRecoveries: bool,
});

/** Structural check of a maintenance window form. */
export const maintenanceFieldsValidator = object<MaintenanceFields>({
  name: str({ max: 200 }),
  profileId: nullable(id),
  kind: oneOf(MAINTENANCE_KINDS),
  startsAt: num({ min: 0 }),
  endsAt: num({ min: 0 }),
  days: arrayOf(num({ int: true, min: 0, max: 6 }), 7),
  start: str({ max: 5 }),
  durationMin: num({ int: true, min: 0, max: 7 * 24 * 60 }),
  timeZone: str({ max: 100 }),
});

/** A channel mute: a snooze choice, or null to end it. */
export type ChannelMuteChoice = SnoozeChoice | null;
