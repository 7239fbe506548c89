/**
 * What the tray shows, as a pure description built by the engine
 * (electron/core/tray-model.ts) and applied by the desktop shell; the
 * renderer sees it in snapshots and deltas.
 */

/** Overall tray state. */
export const TRAY_STATES = ['ok', 'degraded', 'down', 'offline', 'snoozed', 'no-profiles'] as const;
/** One tray state. */
export type TrayState = (typeof TRAY_STATES)[number];

/** A tray menu item (a pure description; the adapter applies it). */
export interface TrayMenuItem {
  id: string;
  label: string;
  enabled?: boolean;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  checked?: boolean;
  submenu?: TrayMenuItem[];
}

/** What the tray shows. */
export interface TrayModel {
  state: TrayState;
  /** Icon key, e.g. `down` — the adapter draws `downCount` into it. */
  icon: TrayState;
  downCount: number;
  tooltip: string;
  menu: TrayMenuItem[];
}
