/**
 * The engine's translator (docs/architecture.md §4 "Two languages"): the
 * core words its sentences through one {@link Translator}, made in the
 * composition roots, in the language of the user's `language` setting.
 * Built on `@intlify/core-base`, the message engine under vue-i18n, so the
 * engine catalogues use the renderer's message syntax and the renderer can
 * hold them under `engine` and word the same keys itself.
 */
import {
  compile,
  createCoreContext,
  fallbackWithLocaleChain,
  registerLocaleFallbacker,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate,
} from '@intlify/core-base';
import type { LanguageSetting } from '../app-settings';
import { formatNumber } from '../format';
import engineEn, { type EngineCatalogue } from './engine-en';
import enginePtBR from './engine-pt-BR';

/** Languages the app speaks. */
export const LOCALES = ['en', 'pt-BR'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends object
      ? Leaves<T[K], `${P}${K}.`>
      : never;
}[keyof T & string];

/** A message key of the engine catalogue, e.g. `incident.down.title`. */
export type EngineKey = Leaves<EngineCatalogue>;
/**
 * Values for a message's `{placeholders}`. A number named `seconds` is
 * written in the message's language (`2.5` / `2,5`, one decimal at most);
 * other numbers (close codes, ports, versions) are written as they are.
 */
export type MessageParams = Readonly<Record<string, string | number>>;
/**
 * A message not yet worded: kept this way by what outlives a language switch
 * (the notices), and worded by whoever shows it.
 */
export interface Wording {
  key: EngineKey;
  /** Placeholders' values; a {@link Wording} among them is worded first, in the same language. */
  params?: Readonly<Record<string, string | number | Wording>>;
}
/**
 * What a notice says: a {@link Wording}, worded in the user's language
 * whenever it is shown, or a sentence already worded by a part that has no
 * key for it yet.
 */
export type NoticeText = Wording | string;
/** Word one message. */
export type Say = (key: EngineKey, params?: MessageParams) => string;

/**
 * The language a {@link Say} words in (its catalogue's `meta.locale`), so a
 * part that was handed only `say` writes numbers in the same language as its
 * words (`formatNumber(n, localeOf(say))`).
 */
export function localeOf(say: Say): Locale {
  return say('meta.locale') === 'pt-BR' ? 'pt-BR' : 'en';
}

/** A message's parameters with the numbers {@link MessageParams} says to write in `locale`. */
export function localParams(
  params: MessageParams,
  locale: string,
): Record<string, string | number> {
  const values: Record<string, string | number> = { ...params };
  if (typeof values['seconds'] === 'number')
    values['seconds'] = formatNumber(values['seconds'], locale, { min: 0, max: 1 });
  return values;
}

/** The words of a {@link NoticeText} (a sentence already worded is kept as it is). */
export function wordNotice(text: NoticeText, say: Say): string {
  if (typeof text === 'string') return text;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {}))
    params[name] = typeof value === 'object' ? wordNotice(value, say) : value;
  return say(text.key, params);
}

/** The language for a setting: the chosen one, or the first system language we speak. */
export function pickLocale(setting: LanguageSetting, systemLanguages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase().replace(/_/g, '-');
    // Any Portuguese gets the Brazilian catalogue: it is the only one we have.
    if (lower === 'pt' || lower.startsWith('pt-')) return 'pt-BR';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

/**
 * The system's languages as a process sees them: the POSIX variables in
 * their order of precedence (`pt_BR.UTF-8` → `pt-BR`; `C`/`POSIX` say
 * nothing), or, when none of them names a language, `Intl`'s default locale
 * (a system that has no such variables). So `LANG=de_DE.UTF-8` is a German
 * machine, answered in English, whatever `Intl` was started with.
 */
export function processLanguages(
  env: Readonly<Record<string, string | undefined>>,
  intlLocale: string = new Intl.DateTimeFormat().resolvedOptions().locale,
): string[] {
  const tags: string[] = [];
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) {
    for (const part of (env[name] ?? '').split(':')) {
      const tag = part.split('.')[0]?.split('@')[0] ?? '';
      if (tag !== '' && tag !== 'C' && tag !== 'POSIX') tags.push(tag.replace(/_/g, '-'));
    }
  }
  if (tags.length === 0) tags.push(intlLocale);
  return tags;
}

/** The engine's translator: the current language and the one way to word a message. */
export interface Translator {
  readonly say: Say;
  /** The language messages are worded in now. */
  locale(): Locale;
  /** The language the setting `system` stands for (from the languages given at creation). */
  systemLocale(): Locale;
  /** Follow a `language` setting (`system` resolves from the languages given at creation). */
  use(setting: LanguageSetting): Locale;
}

/** Most sentences a translator keeps worded (see `createTranslator`). */
const SAID_MAX = 4096;

/**
 * A key no two different (language, key, parameters) share: names and string
 * values carry their length (a gateway's text may hold any character), a
 * number its exact text (`-0` apart from `0`).
 */
function sentenceKey(locale: string, key: string, params: MessageParams): string {
  let memo = `${locale}|${key}`;
  for (const [name, v] of Object.entries(params)) {
    const value =
      typeof v === 'number' ? `n${Object.is(v, -0) ? '-0' : String(v)};` : `s${v.length}:${v}`;
    memo += `|${name.length}:${name}${value}`;
  }
  return memo;
}

let registered = false;
function registerEngine(): void {
  if (registered) return;
  // vue-i18n does the same registration for the renderer; it is the same
  // compiler (no `eval`), resolver and fallback chain.
  registerMessageCompiler(compile);
  registerMessageResolver(resolveValue);
  registerLocaleFallbacker(fallbackWithLocaleChain);
  registered = true;
}

/**
 * Create a translator. `systemLanguages` is what `system` resolves from (see
 * {@link processLanguages}); the language starts as `setting`.
 */
export function createTranslator(
  setting: LanguageSetting = 'en',
  systemLanguages: readonly string[] = [],
): Translator {
  registerEngine();
  const ctx = createCoreContext({
    locale: pickLocale(setting, systemLanguages),
    fallbackLocale: 'en',
    messages: { en: engineEn, 'pt-BR': enginePtBR },
    missingWarn: false,
    fallbackWarn: false,
    // The engine's words go to terminals, logs and notifications, never into
    // HTML; the CLI help names arguments as `<url>`.
    warnHtmlMessage: false,
  });
  // Sentences already worded, by language, key and parameters. A message's
  // words depend on nothing else, and vue-i18n's `translate` costs about 10 µs
  // a call: with 100 profiles pinging every second the core worded the same
  // sentences thousands of times a second, a third of the main thread's busy
  // time. Emptied when full (a varying parameter, such as a latency, makes
  // new sentences for ever).
  const said = new Map<string, string>();
  return {
    say: (key, params = {}) => {
      const memo = sentenceKey(ctx.locale, key, params);
      const known = said.get(memo);
      if (known !== undefined) return known;
      const text = translate(ctx, key, localParams(params, ctx.locale));
      const worded = typeof text === 'string' ? text : key;
      if (said.size >= SAID_MAX) said.clear();
      said.set(memo, worded);
      return worded;
    },
    locale: () => ctx.locale as Locale,
    systemLocale: () => pickLocale('system', systemLanguages),
    use(next) {
      ctx.locale = pickLocale(next, systemLanguages);
      return ctx.locale as Locale;
    },
  };
}

let englishTranslator: Translator | null = null;
/** The English translator: the default wherever no translator is given (tests, tools). */
export function english(): Translator {
  englishTranslator ??= createTranslator('en');
  return englishTranslator;
}

/** {@link english}'s `say`, for default parameters. */
export const sayEnglish: Say = (key, params) => english().say(key, params);
