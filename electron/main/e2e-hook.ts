/**
 * The test hook the Playwright `_electron` suite reads from the main process
 * (test/e2e-electron). Installed only with SHARDWATCH_E2E=1 in a development
 * run or an e2e build (electron-builder.e2e.yml); see shell.ts. Kept free of
 * `electron` imports so the suite can import it in plain Node.
 */
import type { Notification as AlertNotification } from '../core/alerts/notifier';
import type { TrayModel } from '../../shared/tray';

/** Name of the hook on `globalThis` in the main process. */
export const E2E_HOOK = '__shardwatchE2E';

/** What the hook offers. */
export interface E2eHook {
  /** The tray model as last built by the core. */
  tray(): TrayModel;
  /** Every alert notification handed to the desktop notifier, oldest first. */
  notifications(): AlertNotification[];
  windowVisible(): boolean;
}
