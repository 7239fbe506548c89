/**
 * The Notifier port (electron/core/alerts/notifier.ts) over Electron's
 * `Notification`. Clicking a notification shows the window at the incident's
 * profile (and shard). Never throws: a denied or busy notification service
 * must not break alerting (the incident is in the UI either way).
 */
import { Notification } from 'electron';
import type { NativeImage } from 'electron';
import type { Notification as AlertNotification, Notifier } from '../core/alerts/notifier';

/** Options of {@link createDesktopNotifier}. */
export interface DesktopNotifierOptions {
  /** Current value of the "notification sound" setting. */
  sound: () => boolean;
  /** A notification was clicked: show the window at this target. */
  onClick: (profileId: string, shardId: number | null) => void;
  /** Show the window (for the hint notification). */
  onHintClick?: () => void;
  icon?: NativeImage;
  log?: (line: string) => void;
}

/** The desktop notifier: the port plus a plain hint for shell messages. */
export interface DesktopNotifier extends Notifier {
  /** A non-alert message (e.g. "still running in the tray"). False when not shown. */
  hint(title: string, body: string): boolean;
  dispose(): void;
}

/**
 * Notifications still on screen, kept referenced: a `Notification` that is
 * garbage-collected loses its click handler on some platforms.
 */
const MAX_LIVE = 50;

/** Create the desktop notifier. */
export function createDesktopNotifier(opts: DesktopNotifierOptions): DesktopNotifier {
  const log = opts.log ?? (() => {});
  const live = new Set<Notification>();
  let warnedUnsupported = false;
  let disposed = false;

  function supported(): boolean {
    let ok = false;
    try {
      ok = Notification.isSupported();
    } catch {
      ok = false;
    }
    if (!ok && !warnedUnsupported) {
      warnedUnsupported = true;
      log(
        'notifications: not supported on this system; alerts are shown in the window and tray only',
      );
    }
    return ok;
  }

  function show(
    options: ConstructorParameters<typeof Notification>[0],
    onClick: () => void,
  ): boolean {
    if (disposed || !supported()) return false;
    try {
      const note = new Notification(options);
      const forget = (): void => {
        live.delete(note);
      };
      note.on('click', () => {
        forget();
        onClick();
      });
      note.on('close', forget);
      note.on('failed', (_e, error) => {
        forget();
        log(`notifications: failed to show (${String(error).slice(0, 200)})`);
      });
      live.add(note);
      if (live.size > MAX_LIVE) {
        const oldest = live.values().next().value;
        if (oldest) live.delete(oldest);
      }
      note.show();
      return true;
    } catch (err) {
      log(`notifications: could not show: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  return {
    notify(n: AlertNotification) {
      show(
        {
          title: n.title,
          body: n.body,
          silent: !opts.sound(),
          // Linux: critical notifications stay until dismissed.
          urgency: n.severity === 'critical' ? 'critical' : 'normal',
          ...(opts.icon ? { icon: opts.icon } : {}),
        },
        () => opts.onClick(n.profileId, n.shardId),
      );
    },
    hint(title, body) {
      return show({ title, body, silent: true, ...(opts.icon ? { icon: opts.icon } : {}) }, () =>
        opts.onHintClick?.(),
      );
    },
    dispose() {
      // Shown notifications stay in the system's list after quit; only stop new ones.
      disposed = true;
      live.clear();
    },
  };
}
