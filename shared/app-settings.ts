/**
 * App-wide settings and how secrets are protected on this machine. Their
 * validators are in `settings.ts`.
 */
import type { Wording } from './i18n/translator';

/** How secrets are protected on this machine. */
export interface SecretStorageInfo {
  /** e.g. `electron-safestorage`, `basic_text`, `file-key`, `session-only`. */
  backend: string;
  /** False when the protection is weak (a fixed or co-located key). */
  strong: boolean;
  /**
   * Plain-language explanation shown in Settings: a key of the engine
   * catalogue (`secrets.*`) with its parameters, worded by the renderer in
   * the language on screen.
   */
  description: Wording;
}

/**
 * How the overview lists profiles: `trouble` puts profiles with problems
 * first (the user's order breaks ties); `manual` is the user's order alone,
 * the one "Move up" / "Move down" change.
 */
export const OVERVIEW_SORTS = ['trouble', 'manual'] as const;
/** One of {@link OVERVIEW_SORTS}. */
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

/** Languages the interface can be shown in; `system` follows the system's language. */
export const LANGUAGE_SETTINGS = ['system', 'en', 'pt-BR'] as const;
/** One of {@link LANGUAGE_SETTINGS}. */
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** App-wide settings. */
export interface AppSettings {
  theme: 'system' | 'light' | 'dark';
  /** Interface language. */
  language: LanguageSetting;
  launchAtLogin: boolean;
  startHidden: boolean;
  notificationSound: boolean;
  /** How many raw frames to keep per profile for the debug log. */
  frameLogSize: number;
  /** How the overview orders its rows. */
  overviewSort: OverviewSort;
}
