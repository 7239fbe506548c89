/**
 * The one contract between the core and the renderer (docs/architecture.md §3.1).
 *
 * Every request (`query:` reads, `command:` writes) and every pushed event
 * (`event:`) is declared here with its argument and result types and a
 * runtime validator for its arguments. Electron IPC, the preload bridge, the
 * browser-mode WebSocket bridge and the renderer client are all typed from
 * this file; no channel string is written anywhere else.
 */
import type { AppSettings, SecretStorageInfo } from './app-settings';
import type { AppDelta, AppSnapshot } from './app-state';
import type { DialectDetection, HandshakeReport, ImportReport } from './command-results';
import type { HistorySeries, HistoryWindow } from './history-model';
import type { Incident, SnoozeChoice, SnoozeState } from './incident-model';
import type { FrameLogEntry, TimelineEvent } from './profile-detail';
import type { ProfileInput, ProfileView } from './profile-model';
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
import type {
  RecurringTroubleView,
  RestartBudgetView,
  ShardHeatmapData,
  ShardHeatmapQuery,
} from './analytics';
import type { ShardPage } from './shard-columns';

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
  /** One page of a profile's shards, ascending by id, from the first id above `after`. */
  'query:shards': { args: [profileId: string, after?: number]; result: ShardPage };
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

export * from './api-validators';

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
