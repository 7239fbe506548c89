/**
 * The notifier port (docs/architecture.md §3.5): how the alert engine reaches the
 * desktop's notification system. Electron's `Notification` adapter lives in
 * `electron/main`; the core only knows this interface.
 */
import type { Severity } from '../../../shared/incident-model';

/** One desktop notification. Carries no secrets: only names, counts and ids. */
export interface Notification {
  /** e.g. `Shardwatch · Prod bot: 37 of 128 shards down`. */
  title: string;
  /** What happened and what to do. */
  body: string;
  severity: Severity;
  /** Profile to open when the notification is clicked. */
  profileId: string;
  /** Shard to focus when the incident concerns exactly one shard. */
  shardId: number | null;
  incidentId: string;
}

/** Sends notifications. Implementations must not throw for a busy or denied OS. */
export interface Notifier {
  notify(n: Notification): void;
}

/** A notifier that keeps what it was given, for tests and the CLI. */
export interface RecordingNotifier extends Notifier {
  /** Every notification so far, oldest first (the live array). */
  readonly notifications: Notification[];
  /** Forget the recorded notifications. */
  clear(): void;
}

/** Create a {@link RecordingNotifier}. */
export function createRecordingNotifier(): RecordingNotifier {
  const notifications: Notification[] = [];
  return {
    notifications,
    notify(n) {
      notifications.push({ ...n });
    },
    clear() {
      notifications.length = 0;
    },
  };
}
