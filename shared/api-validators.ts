/**
 * Runtime validators of the requests' arguments (docs/architecture.md §3.3),
 * one per channel of the contract in api.ts (which re-exports this file).
 */
import type { ProfileInput, AlertSettings, QuietHours } from './profile-model';
import { HISTORY_WINDOWS } from './history-model';
import { SNOOZE_CHOICES } from './incident-model';
import { TIMELINE_KINDS } from './profile-detail';
import { ENVIRONMENTS } from './profile-model';
import type { ChannelExportArgs, ChannelImportArgs } from './alerting';
import {
  channelInputValidator,
  desktopAlertSettingsValidator,
  maintenanceFieldsValidator,
  PAUSE_CHOICES,
} from './alerting';
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
import type {
  ApiArgs,
  ApiChannel,
  ApiEventChannel,
  ExportArgs,
  HistoryQuery,
  ImportArgs,
  TestConnectionArgs,
  TimelineQuery,
} from './api';
import { FRAME_LIMIT_MIB } from './frame-limit';

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
  'query:shards': tuple(id, optional(num({ int: true, min: -1 }))),
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
