import { baseCompile } from '@intlify/message-compiler';

/** Every message of a catalogue as `[dotted key, text]`: the catalogue tests' one walker. */
export function catalogueLeaves(o: unknown, path = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[path, o]];
  if (o && typeof o === 'object')
    return Object.entries(o).flatMap(([k, v]) => catalogueLeaves(v, path ? `${path}.${k}` : k));
  return [];
}

/** What is wrong between an English catalogue and its translation, as lists of keys. */
export interface CatalogueProblems {
  /** Keys in one catalogue and not the other. */
  unmatchedKeys: string[];
  /** Messages that do not compile (`key: error`). */
  compileErrors: string[];
  /** Messages whose `{placeholders}` differ from the English ones. */
  placeholderMismatches: string[];
  /** Messages with words left as in English, except those listed as the same in both. */
  untranslated: string[];
}

/** Check a translation against the English catalogue (vue-i18n message syntax). */
export function catalogueProblems(
  english: unknown,
  translated: unknown,
  sameInBoth: ReadonlySet<string>,
): CatalogueProblems {
  const en = new Map(catalogueLeaves(english));
  const tr = new Map(catalogueLeaves(translated));
  const unmatchedKeys = [
    ...[...en.keys()].filter((k) => !tr.has(k)),
    ...[...tr.keys()].filter((k) => !en.has(k)),
  ];
  const compileErrors: string[] = [];
  for (const [key, text] of [...en, ...tr])
    baseCompile(text, { onError: (e) => compileErrors.push(`${key}: ${e.message}`) });
  const names = (s: string) =>
    [...s.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
  const placeholderMismatches = [...en]
    .filter(([key, text]) => tr.has(key) && names(tr.get(key) ?? '') !== names(text))
    .map(([key]) => key);
  const untranslated = [...en]
    .filter(([key, text]) => /[a-z]{3}/i.test(text) && tr.get(key) === text)
    .map(([key]) => key)
    .filter((key) => !sameInBoth.has(key));
  return { unmatchedKeys, compileErrors, placeholderMismatches, untranslated };
}

/**
 * Engine messages (shared/i18n) that are the same in both languages: loanwords
 * (shard and frame are the words Brazilian developers use) and pure templates.
 * The renderer's catalogue test holds the engine catalogue too and uses this list under `engine.`.
 */
export const ENGINE_SAME_IN_BOTH: ReadonlySet<string> = new Set([
  'incident.shardOne',
  'incident.shardsMany',
  'tray.line',
  'tray.paused',
  'tray.offline',
  'timelineKind.shard-state',
  'analytics.shardOne',
  'analytics.shardsMany',
  'analytics.single.title',
  'analytics.range.title',
  'analytics.scattered.title',
  'report.frames',
  'report.column.frame',
  // Wire names only.
  'test.helloShards',
  'payload.shards',
  'cli.flagProblem',
  'cliOut.hello',
  'cliOut.pingAnswered',
  'notice.profilesProblems',
  // Pure templates: a worded label before a program's path, a list of problems.
  'profilesFile.path',
  'profilesFile.listed',
]);
