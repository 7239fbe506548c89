/**
 * The locale of an English machine. The command line and `serve` speak the
 * locale's language, so a test that reads their words sets the language
 * itself rather than take the one of the machine running the suite
 * (`LANG=pt_BR.UTF-8 npx vitest run` passes too); a test of Portuguese sets
 * `LANG` itself.
 */
export const ENGLISH_LOCALE: Readonly<Record<string, string>> = {
  LANG: 'en_US.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
  LANGUAGE: '',
};
