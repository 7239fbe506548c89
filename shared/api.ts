/**
 * The one contract between the core and the renderer (docs/architecture.md §3.1).
 *
 * Every request (`query:` reads, `command:` writes) and every pushed event
 * (`event:`) is declared here with its argument and result types and a
 * runtime validator for its arguments. Electron IPC, the preload bridge, the
 * browser-mode WebSocket bridge and the renderer client are all typed from
 * this file; no channel string is written anywhere else.
 */
import type {
  AppDelta,
  AppSettings,
  AppSnapshot,
  DialectDetection,
  FrameLogEntry,
  HandshakeReport,
  HistorySeries,
  HistoryWindow,
  ImportReport,
  Incident,
  ProfileInput,
  ProfileView,
  SecretStorageInfo,
  ShardView,
  SnoozeChoice,
  SnoozeState,
  TimelineEvent,
  AlertSettings,
  QuietHours,
} from './model';
import { ENVIRONMENTS, HISTORY_WINDOWS, SNOOZE_CHOICES, TIMELINE_KINDS } from './model';
import type {
  ChannelExportArgs,
  ChannelImportArgs,
  ChannelInput,
  ChannelList,
  ChannelMuteChoice,
  ChannelView,
  DeliveryLogEntry,
  DesktopAlertSettings,
  MaintenanceFields,
  MaintenanceList,
  MaintenanceWindow,
  OutageEntry,
  PauseChoice,
  TestSendResult,
  UptimeSummary,
} from './alerting';
import {
  channelInputValidator,
  desktopAlertSettingsValidator,
  maintenanceFieldsValidator,
  PAUSE_CHOICES,
} from './alerting';
import type {
  RecurringTroubleView,
  RestartBudgetView,
  ShardHeatmapData,
  ShardHeatmapQuery,
} from './analytics';
import {
  ANALYTICS_DEFAULTS,
  ANALYTICS_LIMITS,
  clusterSpecValidator,
  shardHeatmapQueryValidator,
} from './analytics';
import { migratedMonitorMode } from './dialects';
import { DIALECTS, MONITOR_MODES } from './protocol';
import { settingsPatchValidator } from './settings';
import type { Checked, Validator } from './validate';
import { arrayOf, bool, nullable, num, object, ok, oneOf, optional, str, tuple } from './validate';
import { FRAME_LIMIT_MIB } from './frame-limit';

/** Error codes an API call can fail with. */
export type ApiErrorCode =
  | 'bad-request'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'read-only'
  | 'unauthorized'
  | 'unavailable'
  | 'internal';

/** A failed API call: a sentence for the user, and per-field messages for forms. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
  /**
   * Set by the renderer's transport when the request never reached the
   * engine (`lost`: the connection dropped; `no-answer`: the transport
   * failed), so the renderer can say so in the user's language.
   */
  transport?: 'lost' | 'no-answer';
}

/**
 * Every call resolves to a result instead of throwing, so errors keep their
 * shape across Electron IPC (which flattens thrown errors to strings).
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Query for a latency history chart. */
export interface HistoryQuery {
  profileId: string;
  window: HistoryWindow;
  /** Optional zoomed range in wall ms. */
  from?: number;
  to?: number;
}

/** One page of a profile's timeline: newest first, filtered by kind on the engine. */
export interface TimelineQuery {
  profileId: string;
  /** Kinds to return; absent or empty means every kind. */
  kinds?: Array<TimelineEvent['kind']>;
  /**
   * Cursor from the previous page's `until`: only events at or before this
   * wall ms. A page never splits events that share a time, so nothing is
   * skipped or repeated at a page edge.
   */
  until?: number;
  /** Page size, 1…1,000. */
  limit: number;
}

/** One page of a timeline. */
export interface TimelinePage {
  events: TimelineEvent[];
  /** Cursor for the next (older) page; null when nothing older matches. */
  until: number | null;
}

/** Arguments of "test connection": a saved profile, or an unsaved form. */
export interface TestConnectionArgs {
  profileId?: string;
  input?: ProfileInput;
}

/** Arguments of an export. */
export interface ExportArgs {
  includeSecrets: boolean;
  /** Required when `includeSecrets` (secrets are sealed under it). */
  passphrase?: string;
}

/** An export file; `content` never holds a secret in clear. */
export interface ExportFile {
  fileName: string;
  content: string;
}

/** Arguments of an import. */
export interface ImportArgs {
  content: string;
  passphrase?: string;
  /**
   * Import these profiles of the file (indexes) as copies (new identity,
   * "(copy)" name) even though the same profiles are already here: what the
   * report's `skippedIndexes` offers. Absent: same profiles are skipped.
   */
  asCopies?: number[];
}

/** Where a notification click should take the user. */
export interface OpenTarget {
  profileId: string;
  shardId: number | null;
}

/** The user's answer when only weak secret storage exists (Linux `basic_text`). */
export type SecretStorageChoice = 'session-only' | 'store-weak';

/** Every request: channel → argument tuple and result. */
export interface ApiRequests {
  'query:snapshot': { args: []; result: AppSnapshot };
  'query:shards': { args: [profileId: string]; result: { seq: number; shards: ShardView[] } };
  'query:history': { args: [query: HistoryQuery]; result: HistorySeries };
  'query:timeline': { args: [query: TimelineQuery]; result: TimelinePage };
  'query:frames': { args: [profileId: string]; result: FrameLogEntry[] };
  'query:incidents': { args: [profileId: string | null, limit: number]; result: Incident[] };
  'command:create-profile': { args: [input: ProfileInput]; result: ProfileView };
  'command:update-profile': { args: [profileId: string, input: ProfileInput]; result: ProfileView };
  'command:duplicate-profile': { args: [profileId: string]; result: ProfileView };
  'command:delete-profile': { args: [profileId: string]; result: null };
  'command:set-profile-enabled': {
    args: [profileId: string, enabled: boolean];
    result: ProfileView;
  };
  'command:reorder-profiles': { args: [profileIds: string[]]; result: ProfileView[] };
  'command:connect': { args: [profileId: string]; result: null };
  'command:disconnect': { args: [profileId: string]; result: null };
  'command:reconnect': { args: [profileId: string]; result: null };
  'command:test-connection': { args: [target: TestConnectionArgs]; result: HandshakeReport };
  /**
   * The network went away or came back: pings pause without raising alerts
   * until it returns. The desktop preload sends it on the page's
   * `online`/`offline` events (Electron's main process has no network-change
   * event, and polling is not wanted). A page that lies can only pause pings,
   * which `command:pause-all` already allows.
   */
  'command:set-online': { args: [online: boolean]; result: null };
  /**
   * Find out which dialect the gateway of a profile (or an unsaved form)
   * speaks, without registering and without sending anything either dialect
   * could choke on (docs/protocol.md §5).
   */
  'command:detect-dialect': { args: [target: TestConnectionArgs]; result: DialectDetection };
  'command:ack-incident': { args: [incidentId: string]; result: Incident };
  'command:snooze': { args: [choice: SnoozeChoice | null]; result: SnoozeState };
  'command:pause-all': { args: [paused: boolean]; result: SnoozeState };
  'command:update-settings': { args: [patch: Partial<AppSettings>]; result: AppSettings };
  'command:export-profiles': { args: [args: ExportArgs]; result: ExportFile };
  'command:import-profiles': { args: [args: ImportArgs]; result: ImportReport };
  /**
   * Dismiss a notice. The dismissal is remembered across restarts: a notice
   * raised again at start-up for the same standing cause stays hidden; one
   * raised again while running (its cause happened again) shows again.
   */
  'command:dismiss-notice': { args: [noticeId: string]; result: null };
  /**
   * Bring back the built-in Demo profile after the user removed it: forgets
   * the "demo dismissed" mark, starts the demo gateway and adds the profile.
   * Fails with `conflict` when a Demo profile exists and `unavailable` when
   * this Shardwatch runs without a demo gateway (`serve --no-demo`).
   */
  'command:restore-demo': { args: []; result: ProfileView };
  'command:add-simulator-profile': { args: []; result: ProfileView };
  /**
   * Keep secrets for this session only or store them with weak protection,
   * when only a weak backend exists (Linux `basic_text`). Desktop only:
   * browser mode answers `unavailable`.
   */
  'command:choose-secret-storage': {
    args: [choice: SecretStorageChoice];
    result: SecretStorageInfo;
  };
  /** Notification channels (never their URLs or secrets) and the desktop alert settings. */
  'query:channels': { args: []; result: ChannelList };
  /** Create (`channelId` null) or update a channel. */
  'command:save-channel': {
    args: [channelId: string | null, input: ChannelInput];
    result: ChannelView;
  };
  'command:delete-channel': { args: [channelId: string]; result: null };
  /** Send a test message to the channel's saved address now; the receiver's answer comes back. */
  'command:test-channel': { args: [channelId: string]; result: TestSendResult };
  /** Hold a channel's messages back (not replayed) for a while; `null` ends it. */
  'command:mute-channel': {
    args: [channelId: string, choice: ChannelMuteChoice];
    result: ChannelView;
  };
  'command:update-desktop-alerts': {
    args: [settings: DesktopAlertSettings];
    result: DesktopAlertSettings;
  };
  /** Delivery log, newest first (all channels when `channelId` is null). */
  'query:delivery-log': {
    args: [channelId: string | null, limit: number];
    result: DeliveryLogEntry[];
  };
  /** Export every channel; URLs and secrets are always sealed under the passphrase. */
  'command:export-channels': { args: [args: ChannelExportArgs]; result: ExportFile };
  'command:import-channels': { args: [args: ChannelImportArgs]; result: { imported: number } };
  'query:maintenance': { args: []; result: MaintenanceList };
  /** Create (`windowId` null) or replace a maintenance window. */
  'command:save-maintenance': {
    args: [windowId: string | null, fields: MaintenanceFields];
    result: MaintenanceWindow;
  };
  'command:delete-maintenance': { args: [windowId: string]; result: null };
  /** Pause a profile's alerts for 1 h or until tomorrow 08:00; `null` resumes them. */
  'command:pause-profile-alerts': {
    args: [profileId: string, choice: PauseChoice | null];
    result: MaintenanceList;
  };
  /** Uptime figures (24 h, 7 d, 30 d, 1 y) of one profile, or of every profile. */
  'query:uptime': { args: [profileId: string | null]; result: UptimeSummary[] };
  /** Incident history with durations and time to acknowledge, newest first. */
  'query:outages': { args: [profileId: string | null, limit: number]; result: OutageEntry[] };
  /**
   * Every shard's state changes over a window, for the shard × time heatmap
   * (docs/analytics.md "Heatmap data"), as base64 of the binary slice
   * (`decodeHeatmapBase64` decodes and validates it).
   */
  'query:shard-heatmap': { args: [query: ShardHeatmapQuery]; result: ShardHeatmapData };
  /** Session starts of the last 24 h against the daily limit, the forecast and restart loops. */
  'query:restart-budget': { args: [profileId: string]; result: RestartBudgetView };
  /** Times of day at which failures came back on several of the last 14 days, with a maintenance window each. */
  'query:recurring-trouble': { args: [profileId: string]; result: RecurringTroubleView[] };
  /**
   * One incident as a self-contained HTML file for a bug report: what
   * happened, the shards around it, latency, timeline and the frames of a
   * few minutes before and after (secrets replaced).
   */
  'command:export-incident-report': { args: [incidentId: string]; result: ExportFile };
}

/** A request channel name. */
export type ApiChannel = keyof ApiRequests;
/** Argument tuple of a channel. */
export type ApiArgs<C extends ApiChannel> = ApiRequests[C]['args'];
/** Result of a channel. */
export type ApiResultOf<C extends ApiChannel> = ApiRequests[C]['result'];

/** Every pushed event: channel → payload. */
export interface ApiEvents {
  /** State changes since the previous `seq`, paced by the core (at most one per 100 ms). */
  'event:delta': AppDelta;
  /** A notification was clicked: open this profile (and shard). */
  'event:open': OpenTarget;
}

/** An event channel name. */
export type ApiEventChannel = keyof ApiEvents;

/** The typed API as both processes see it. */
export type AppApi = {
  [C in ApiChannel]: (...args: ApiArgs<C>) => Promise<ApiResult<ApiResultOf<C>>>;
};

/** How a transport exposes the API to the renderer: invoke plus subscribe. */
export interface ApiTransport {
  invoke<C extends ApiChannel>(channel: C, ...args: ApiArgs<C>): Promise<ApiResult<ApiResultOf<C>>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends ApiEventChannel>(channel: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

// ---------------------------------------------------------------------------
// Runtime validators of request arguments (docs/architecture.md §3.3).

const id = str({ min: 1, max: 200 });
const secretEdit: Validator<string | null | undefined> = optional(nullable(str({ max: 4096 })));

const quietHours = object<QuietHours>({
  enabled: bool,
  start: str({ max: 5 }),
  end: str({ max: 5 }),
  timeZone: str({ min: 1, max: 100 }),
});

/**
 * A field added after profiles were first stored: absent means `fallback`,
 * so older files and exports keep loading (and keep their behaviour).
 */
function added<T>(inner: Validator<T>, fallback: T): Validator<T> {
  return (v, path) => (v === undefined ? ok(fallback) : inner(v, path));
}

const alertSettings = object<AlertSettings>({
  connectionLost: bool,
  credentialsRefused: bool,
  shardsDown: bool,
  latencyP95Ms: num({ min: 0, max: 600_000 }),
  lossPct: num({ min: 0, max: 100 }),
  silentStall: bool,
  missingShards: bool,
  waitingForBot: added(bool, false),
  waitingForBotAfterMs: added(num({ min: 0, max: 7 * 86_400_000 }), 600_000),
  raiseAfter: num({ int: true, min: 1, max: 1000 }),
  clearAfter: num({ int: true, min: 1, max: 1000 }),
  includeDevShards: bool,
  quietHours,
  escalateDownFraction: num({ min: 0, max: 1 }),
  escalateAfterMs: num({ min: 0, max: 7 * 86_400_000 }),
  restartBudget: added(bool, true),
  restartLoops: added(bool, true),
  oneWayShards: added(bool, true),
  silentShards: added(bool, true),
});

type StoredProfileInput = Omit<ProfileInput, 'monitorMode'> & {
  monitorMode?: ProfileInput['monitorMode'];
};

const profileInputShape = object<StoredProfileInput>({
  name: str({ max: 200 }),
  color: str({ max: 20 }),
  environment: oneOf(ENVIRONMENTS),
  url: str({ max: 2048 }),
  dialect: oneOf(DIALECTS),
  monitorMode: optional(oneOf(MONITOR_MODES)),
  botId: str({ max: 40 }),
  shardIn: num(),
  shardTotal: num(),
  flags: num(),
  pingIntervalMs: num(),
  pingTimeoutMs: num(),
  lostPingsToDead: num(),
  maxFrameMiB: added(num(), FRAME_LIMIT_MIB.default),
  alerts: alertSettings,
  enabled: bool,
  allowInsecure: bool,
  maxConcurrency: added(
    num({ int: true, ...ANALYTICS_LIMITS.maxConcurrency }),
    ANALYTICS_DEFAULTS.maxConcurrency,
  ),
  clusters: added(nullable(clusterSpecValidator), null),
  dailySessionLimit: added(
    num({ int: true, ...ANALYTICS_LIMITS.dailySessionLimit }),
    ANALYTICS_DEFAULTS.dailySessionLimit,
  ),
  publicKey: secretEdit,
  secret: secretEdit,
});

/**
 * Structural check of a profile form: right types and bounded sizes. The
 * meaning of each field (URL scheme, shard ranges…) is checked by the profile
 * service, which answers with per-field messages. A profile stored before
 * monitor modes existed gets the mode it always had ({@link migratedMonitorMode}).
 */
export const profileInputValidator: Validator<ProfileInput> = (v, path) => {
  const r = profileInputShape(v, path);
  if (!r.ok) return r;
  const { monitorMode, ...rest } = r.value;
  return ok({ ...rest, monitorMode: monitorMode ?? migratedMonitorMode(rest.dialect) });
};

const testTarget = object<TestConnectionArgs>({
  profileId: optional(id),
  input: optional(profileInputValidator),
});

/** Argument validators for every request channel. */
export const API_ARG_VALIDATORS: { [C in ApiChannel]: Validator<ApiArgs<C>> } = {
  'query:snapshot': tuple<[]>(),
  'query:shards': tuple(id),
  'query:history': tuple(
    object<HistoryQuery>({
      profileId: id,
      window: oneOf(HISTORY_WINDOWS),
      from: optional(num()),
      to: optional(num()),
    }),
  ),
  'query:timeline': tuple(
    object<TimelineQuery>({
      profileId: id,
      kinds: optional(arrayOf(oneOf(TIMELINE_KINDS), TIMELINE_KINDS.length)),
      until: optional(num()),
      limit: num({ int: true, min: 1, max: 1_000 }),
    }),
  ),
  'query:frames': tuple(id),
  'query:incidents': tuple(nullable(id), num({ int: true, min: 1, max: 10_000 })),
  'command:create-profile': tuple(profileInputValidator),
  'command:update-profile': tuple(id, profileInputValidator),
  'command:duplicate-profile': tuple(id),
  'command:delete-profile': tuple(id),
  'command:set-profile-enabled': tuple(id, bool),
  'command:reorder-profiles': tuple(arrayOf(id, 10_000)),
  'command:connect': tuple(id),
  'command:disconnect': tuple(id),
  'command:reconnect': tuple(id),
  'command:test-connection': tuple(testTarget),
  'command:set-online': tuple(bool),
  'command:detect-dialect': tuple(testTarget),
  'command:ack-incident': tuple(id),
  'command:snooze': tuple(nullable(oneOf(SNOOZE_CHOICES))),
  'command:pause-all': tuple(bool),
  'command:update-settings': tuple(settingsPatchValidator),
  'command:export-profiles': tuple(
    object<ExportArgs>({ includeSecrets: bool, passphrase: optional(str({ max: 1024 })) }),
  ),
  'command:import-profiles': tuple(
    object<ImportArgs>({
      content: str({ max: 10 * 1024 * 1024 }),
      passphrase: optional(str({ max: 1024 })),
      asCopies: optional(arrayOf(num({ int: true, min: 0, max: 10_000 }), 10_000)),
    }),
  ),
  'command:dismiss-notice': tuple(id),
  'command:restore-demo': tuple<[]>(),
  'command:add-simulator-profile': tuple<[]>(),
  'command:choose-secret-storage': tuple(oneOf(['session-only', 'store-weak'] as const)),
  'query:channels': tuple<[]>(),
  'command:save-channel': tuple(nullable(id), channelInputValidator),
  'command:delete-channel': tuple(id),
  'command:test-channel': tuple(id),
  'command:mute-channel': tuple(id, nullable(oneOf(SNOOZE_CHOICES))),
  'command:update-desktop-alerts': tuple(desktopAlertSettingsValidator),
  'query:delivery-log': tuple(nullable(id), num({ int: true, min: 1, max: 10_000 })),
  'command:export-channels': tuple(
    object<ChannelExportArgs>({ passphrase: str({ min: 1, max: 1024 }) }),
  ),
  'command:import-channels': tuple(
    object<ChannelImportArgs>({
      content: str({ max: 10 * 1024 * 1024 }),
      passphrase: str({ max: 1024 }),
    }),
  ),
  'query:maintenance': tuple<[]>(),
  'command:save-maintenance': tuple(nullable(id), maintenanceFieldsValidator),
  'command:delete-maintenance': tuple(id),
  'command:pause-profile-alerts': tuple(id, nullable(oneOf(PAUSE_CHOICES))),
  'query:uptime': tuple(nullable(id)),
  'query:outages': tuple(nullable(id), num({ int: true, min: 1, max: 10_000 })),
  'query:shard-heatmap': tuple(shardHeatmapQueryValidator),
  'query:restart-budget': tuple(id),
  'query:recurring-trouble': tuple(id),
  'command:export-incident-report': tuple(id),
};

/** Every request channel, in declaration order. */
export const API_CHANNELS = Object.keys(API_ARG_VALIDATORS) as ApiChannel[];

/** Every event channel. */
export const API_EVENT_CHANNELS: readonly ApiEventChannel[] = ['event:delta', 'event:open'];

/** Type guard for a request channel name. */
export function isApiChannel(value: unknown): value is ApiChannel {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(API_ARG_VALIDATORS, value)
  );
}

/** Validate the arguments of a request arriving over a trust boundary. */
export function checkApiArgs<C extends ApiChannel>(channel: C, args: unknown): Checked<ApiArgs<C>> {
  const validator = API_ARG_VALIDATORS[channel] as Validator<ApiArgs<C>>;
  return validator(args, channel);
}

/** Build a failed result. */
export function apiError<T = never>(
  code: ApiErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
): ApiResult<T> {
  return { ok: false, error: fieldErrors ? { code, message, fieldErrors } : { code, message } };
}

/** The answer about something that no longer exists ("That profile", "That channel"…). */
export function apiNotFound<T = never>(what: string): ApiResult<T> {
  return apiError(
    'not-found',
    `${what} no longer exists. It may have been deleted in another window.`,
  );
}

/** Build a successful result. */
export function apiOk<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}
