/**
 * IPC the shell uses for itself, outside the AppApi contract (`shared/api.ts`).
 * Nothing here is exposed to the page: the preload sends these on its own.
 * Shared because the preload and electron/main both name them and the preload
 * may not import electron/main.
 */

/**
 * The preload reports `navigator.onLine` on start and on every
 * `online`/`offline` event; main passes it to `core.setOnline`. Electron's
 * main process has no network-change event (`net.isOnline()` can only be
 * polled), while Chromium's renderer gets one from the OS, so the window is
 * the event source. Main also reads `net.isOnline()` once at start and after
 * a resume from sleep. A lying renderer could only pause pings, which it can
 * already do through `command:pause-all`.
 */
export const SHELL_ONLINE_CHANNEL = 'shell:online';
