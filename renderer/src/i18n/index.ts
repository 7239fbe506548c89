/**
 * The app's two languages, English and Brazilian Portuguese, through
 * vue-i18n (docs/architecture.md §4). Every user-visible string of the
 * renderer lives in the catalogues `en/` and `pt-BR/`; the Portuguese one is
 * typed against the English one, so a missing or extra key fails the
 * typecheck. The language is the user's setting, or, when the setting is
 * "system", the language the engine resolved "system" to (its process's
 * locale): one rule for the page, the notices and the engine's sentences,
 * in browser mode too where the browser's language may differ. Until the
 * engine has answered, the browser's languages stand in.
 */
import { createI18n } from 'vue-i18n';
import type { LanguageSetting } from '../../../shared/app-settings';
import { localParams, pickLocale, type Locale, type Say } from '../../../shared/i18n/translator';
import en from './en';
import ptBR from './pt-BR';

export { LOCALES, pickLocale, type Locale } from '../../../shared/i18n/translator';

/** The message schema: the English catalogue's shape. */
export type MessageSchema = typeof en;

function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The one i18n instance of the app. */
export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: pickLocale('system', systemLanguages()),
  fallbackLocale: 'en',
  messages: { en, 'pt-BR': ptBR },
  // A missing key is a bug the typecheck catches; do not flood the console.
  missingWarn: false,
  fallbackWarn: false,
});

/** The language "system" stands for: the engine's when known, else the browser's. */
export function systemLocale(engineSystemLocale: Locale | null): Locale {
  return engineSystemLocale ?? pickLocale('system', systemLanguages());
}

/**
 * Apply a language setting (called when the settings or the engine's
 * `systemLocale` arrive or change).
 */
export function applyLanguage(
  setting: LanguageSetting,
  engineSystemLocale: Locale | null = null,
): Locale {
  const locale = setting === 'system' ? systemLocale(engineSystemLocale) : setting;
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return locale;
}

/** Translate outside a component (stores, formatting helpers). */
export const t = i18n.global.t;

/**
 * The engine's sentences worded here, in the current language (the catalogue's
 * `engine` part): for messages the renderer makes from structured data, such
 * as the editor's field checks, so switching the language re-words them.
 */
export const say: Say = (key, params = {}) =>
  t(`engine.${key}`, localParams(params, i18n.global.locale.value));

/** The current language, for `Intl` formatting. */
export function currentLocale(): Locale {
  return i18n.global.locale.value;
}
