/**
 * What the renderer holds: the snapshot it loads at start and the deltas the
 * engine pushes after it (docs/architecture.md §3.2).
 */
import type { AlertingDelta } from './alerting';
import type { AppSettings, SecretStorageInfo } from './app-settings';
import type { Incident, SnoozeState } from './incident-model';
import type { PingSample, ProfileStatus } from './live-status';
import type { ProfileView } from './profile-model';
import type { ShardPush } from './shard-columns';
import type { TrayModel } from './tray';
import type { Locale } from './i18n/translator';

/** A message for the user that is not tied to a form (e.g. "profiles file was corrupt"). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

/** Everything the renderer needs on load. Shards are loaded per profile (`query:shards`). */
export interface AppSnapshot {
  seq: number;
  profiles: ProfileView[];
  status: Record<string, ProfileStatus>;
  incidents: Incident[];
  tray: TrayModel;
  snooze: SnoozeState;
  settings: AppSettings;
  secretStorage: SecretStorageInfo;
  notices: Notice[];
  /** True when the profiles file is from a newer version and opened read-only. */
  readOnly: boolean;
  /** `electron` or `browser`. */
  mode: 'electron' | 'browser';
  /**
   * The language `system` stands for: the engine's, from the locale of the
   * process that runs it (docs/architecture.md §4 "Two languages"). The page
   * follows it too, so the page, the notices and the engine's sentences agree
   * even when the browser's language is another.
   */
  systemLocale: Locale;
}

/** Changes since the previous `seq`. Absent fields did not change. */
export interface AppDelta {
  seq: number;
  profiles?: ProfileView[];
  status?: ProfileStatus[];
  /** Changed shards per profile, in columns (shared/shard-columns.ts). */
  shards?: ShardPush[];
  incidents?: Incident[];
  tray?: TrayModel;
  snooze?: SnoozeState;
  settings?: AppSettings;
  notices?: Notice[];
  /** Alert delivery: channels, maintenance windows, delivery log news. */
  alerting?: AlertingDelta;
  /** Every ping since the previous delta, oldest first (the live latency chart appends them). */
  pings?: PingSample[];
}
