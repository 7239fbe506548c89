/**
 * Validation of the app settings, in one place: the request validator of
 * `command:update-settings` (shared/api.ts) and the reader of the profiles
 * file (electron/core/profiles/stored-file.ts) both use these, so a value
 * the file may hold is exactly a value a request may set.
 */
import type { AppSettings } from './app-settings';
import { LANGUAGE_SETTINGS, OVERVIEW_SORTS } from './app-settings';
import type { Validator } from './validate';
import { bool, num, object, oneOf, optional } from './validate';

/** Colour themes a user can choose. */
export const THEMES = ['system', 'light', 'dark'] as const satisfies ReadonlyArray<
  AppSettings['theme']
>;

/** The validator of each setting. */
export const APP_SETTINGS_FIELDS: { [K in keyof AppSettings]-?: Validator<AppSettings[K]> } = {
  theme: oneOf(THEMES),
  language: oneOf(LANGUAGE_SETTINGS),
  launchAtLogin: bool,
  startHidden: bool,
  notificationSound: bool,
  frameLogSize: num({ int: true, min: 10, max: 10_000 }),
  overviewSort: oneOf(OVERVIEW_SORTS),
};

/** Validator of a settings patch: every field optional, unknown fields refused. */
export const settingsPatchValidator = object<Partial<AppSettings>>({
  theme: optional(APP_SETTINGS_FIELDS.theme),
  language: optional(APP_SETTINGS_FIELDS.language),
  launchAtLogin: optional(APP_SETTINGS_FIELDS.launchAtLogin),
  startHidden: optional(APP_SETTINGS_FIELDS.startHidden),
  notificationSound: optional(APP_SETTINGS_FIELDS.notificationSound),
  frameLogSize: optional(APP_SETTINGS_FIELDS.frameLogSize),
  overviewSort: optional(APP_SETTINGS_FIELDS.overviewSort),
});
