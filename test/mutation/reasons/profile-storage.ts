import type { SurvivorReason } from '../survivor-list';

const STORE = 'electron/core/profiles/profile-store.ts';
const SECRETS = 'electron/core/profiles/profile-secrets.ts';
const FILE = 'electron/core/profiles/profile-file.ts';
const STORED = 'electron/core/profiles/stored-file.ts';

const ANSWERS = 'test/unit/core/profiles/profile-store-answers.test.ts';
const FILES = 'test/unit/core/profiles/profile-store-files.test.ts';
const SECRETS_TEST = 'test/unit/core/profiles/profile-store-secrets.test.ts';

/** Killed by a test of profile-store-answers.test.ts, named by its title. */
function answers(test: string): string {
  return `killed by “${test}” (${ANSWERS})`;
}

const GONE = answers('a profile that is gone, for every operation that names one');
const ANNOUNCED = answers('duplicate, enable, delete and import announce a change of profiles');
const INCOMPLETE = answers(
  'an incomplete profile: "needs attention" on save, "complete it" on enabling, and it may be disabled',
);
const REFUSALS = answers(
  'an order that is not every profile once, a second demo, a notice already gone',
);
const CLOSED = answers('a closed store refuses writes and exports, saying it is closed');
const CIPHER_NOTICES = answers(
  'shows the problems of the cipher as notices, and none when it has none',
);
const FOUND_LATER = answers(
  'a key that changes while running: the first use finds it out and announces it, once',
);
const EXPORT_FINDS = answers('an export that finds secrets it cannot open announces it, once');

/**
 * `load()` returns early for a missing file (no text, nothing unreadable);
 * past that, `parsed` is null only with an unreadable path, which goes to
 * the set-aside branch, and an invalid parse goes there too.
 */
const LOAD_GUARDS =
  'no input reaches it: a missing file returns earlier, an unreadable path or an invalid file is set aside before; the checks only narrow the type for the compiler';

/** `entered`/`copy` may leave an empty set in the map instead of none. */
const EMPTY_MARKS =
  'an empty set of unreadable fields is kept instead of none: `needsReentry` (size > 0) and `unreadable` (an empty set) answer the same';

/** The field's name is taken off twice: from the path before wording, and from the worded text. */
const FIELD_NAME_TWICE =
  'the field’s name (`theme.theme` → `theme`) is taken off twice, from the path before wording and from the worded text; either alone gives the same message (tried on every setting, with wrong values of each type, in English and Portuguese)';

/** Profile storage: profile-store.ts, profile-secrets.ts, profile-file.ts, stored-file.ts. */
export const PROFILE_STORAGE: SurvivorReason[] = [
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'profile'",
    context: 'const v = viewOf(id);',
    kind: 'harmless',
    reason:
      'the not-found answer of `mustView`, which runs only right after that very profile was saved: it is gone only if a change listener deletes it in between, and none does',
  }, // profile-store.ts: what the store answers and announces.
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'profile'",
    context: "notFound('profile', say)",
    kind: 'killed since',
    reason: GONE,
  },
  {
    file: STORE,
    mutator: 'ConditionalExpression',
    code: '!p',
    context: 'const p = find(id);',
    kind: 'killed since',
    reason: GONE,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: ["'This profile no longer exists.'", "'no-profile'"],
    kind: 'killed since',
    reason: GONE,
  },
  {
    file: STORE,
    mutator: 'ObjectLiteral',
    codeStart: '{ publicKey: null, secret: null,',
    kind: 'killed since',
    reason: GONE,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'profiles'",
    context: 'keeper.needsReentry(id) !== before',
    kind: 'killed since',
    reason: FOUND_LATER,
  },
  {
    file: STORE,
    mutator: 'ConditionalExpression',
    code: 'keeper.needsReentry(id) !== before',
    kind: 'killed since',
    reason: FOUND_LATER,
  },
  {
    file: STORE,
    mutator: ['StringLiteral', 'ConditionalExpression'],
    code: ["'profiles'", 'unreadableChanged'],
    context: 'if (unreadableChanged)',
    kind: 'killed since',
    reason: EXPORT_FINDS,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'profiles'",
    kind: 'killed since',
    reason: ANNOUNCED,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: ["'request.storeClosed'", "'unavailable'"],
    kind: 'killed since',
    reason: CLOSED,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: ["'request.orderIncomplete'", "'request.orderChanged'", "'request.demoExists'"],
    kind: 'killed since',
    reason: REFUSALS,
  },
  {
    file: STORE,
    mutator: 'ObjectLiteral',
    context: "order: say('request.orderChanged')",
    kind: 'killed since',
    reason: REFUSALS,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'request.noticeGone'",
    kind: 'killed since',
    reason: REFUSALS,
  },
  {
    file: STORE,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'Object.keys(keeper.addressChangeErrors(current, input)).length > 0',
    kind: 'killed since',
    reason: INCOMPLETE,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'store.fieldsNeedAttention'",
    context: "say(moved ? 'store.addressChanged'",
    kind: 'killed since',
    reason: INCOMPLETE,
  },
  {
    file: STORE,
    mutator: 'ConditionalExpression',
    code: 'enabled',
    context: 'if (enabled) {',
    kind: 'killed since',
    reason: INCOMPLETE,
  },
  {
    file: STORE,
    mutator: 'StringLiteral',
    code: "'store.completeBeforeEnabling'",
    kind: 'killed since',
    reason: INCOMPLETE,
  },
  {
    file: STORE,
    mutator: 'ArrayDeclaration',
    code: '[...state.profiles]',
    context: 'profiles[i] = { ...current, enabled',
    kind: 'killed since',
    reason: answers('enabling one profile keeps the others, in their places'),
  },
  {
    file: STORE,
    mutator: 'ObjectLiteral',
    code: '{ say: opts.say }',
    kind: 'killed since',
    reason: answers('a form is checked in the user language'),
  },
  {
    file: STORE,
    mutator: ['CallExpression', 'ArrayDeclaration'],
    code: ['addNotice(n.level, n.text);', '[]'],
    context: 'cipher.problems?.()',
    kind: 'killed since',
    reason: CIPHER_NOTICES,
  },
  {
    file: STORE,
    mutator: 'ConditionalExpression',
    code: 'noCipher',
    context: 'const noCipher = keeper.refuseWithoutCipher(input.publicKey, input.secret);',
    kind: 'killed since',
    reason: answers('a value to store without secret storage is refused on update'),
  },
  {
    file: STORE,
    mutator: 'ConditionalExpression',
    code: 'input.publicKey !== undefined',
    kind: 'killed since',
    reason: answers('entering only a public key names the cipher of the secrets anew'),
  },
  {
    file: STORE,
    mutator: 'MethodExpression',
    code: 'p.name.trim()',
    kind: 'killed since',
    reason: answers('a copy is not named like a profile whose stored name differs only by blanks'),
  },
  {
    file: STORE,
    mutator: 'ArrowFunction',
    code: '(p) => p.id',
    context: 'id: freshId(new Set(state.profiles.map((p) => p.id)))',
    kind: 'killed since',
    reason: answers('a copy never takes an id already in use'),
  },
  {
    file: STORE,
    mutator: 'CallExpression',
    code: 'keeper.copy(src.id, copy.id);',
    kind: 'killed since',
    reason: answers(
      'a copy of a profile whose secrets must be entered again must have them entered too',
    ),
  },
  {
    file: STORE,
    mutator: 'CallExpression',
    code: 'keeper.forget(id);',
    kind: 'killed since',
    reason: answers(
      'a deleted profile takes its "enter again" with it: imported back, it asks for nothing',
    ),
  },
  {
    file: STORE,
    mutator: 'ArrowFunction',
    code: '() => cipher.info()',
    kind: 'killed since',
    reason: answers('says how secrets are stored, as the cipher does'),
  },
  {
    file: STORE,
    mutator: 'CallExpression',
    code: 'listeners.clear();',
    kind: 'killed since',
    reason: answers('after dispose() a dismissed notice is not announced'),
  },

  {
    file: STORE,
    mutator: 'ObjectLiteral',
    code: "{ name: '' }",
    kind: 'equivalent',
    reason:
      'the translator words a missing parameter as empty text, which is what `name: ""` gives: the suffix is “ (copy)” either way',
  },

  // profile-secrets.ts
  {
    file: SECRETS,
    mutator: 'ConditionalExpression',
    code: '!cipher.isAvailable()',
    context: 'Without a working cipher nothing can be told',
    kind: 'killed since',
    reason: answers(
      'without secret storage at start nothing is marked to enter again: the storage may come back',
    ),
  },
  {
    file: SECRETS,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: ['current.publicKeyCipher === null', 'sealed === null'],
    replacement: ['true', 'current.publicKeyCipher !== null', 'false'],
    kind: 'killed since',
    reason: `killed by “only a secret that is stored needs entering again” (${SECRETS_TEST})`,
  },
  {
    file: SECRETS,
    mutator: 'ConditionalExpression',
    code: 'current.publicKeyCipher === null && current.secretCipher === null',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'with no secret stored, the loop below skips both fields (each is `null`) and returns the same empty errors',
  },
  {
    file: SECRETS,
    mutator: ['CallExpression', 'ConditionalExpression'],
    code: ['bad.delete(id);', 'set.size === 0', 'set'],
    context: 'bad.',
    kind: 'equivalent',
    reason: EMPTY_MARKS,
  },
  {
    file: SECRETS,
    mutator: 'MethodExpression',
    code: '[...failed].sort()',
    kind: 'equivalent',
    reason:
      '`failed` is always listed in the fixed order `publicKey`, `secret`, which is already sorted',
  },
  {
    file: SECRETS,
    mutator: 'StringLiteral',
    code: "'both'",
    context: "failed[0] ?? 'both'",
    kind: 'equivalent',
    reason: 'a stand-in never used: this branch runs only when `failed` holds a field',
  },

  // profile-file.ts
  {
    file: FILE,
    mutator: 'CallExpression',
    code: 'fs.chmodSync(target, 0o600);',
    context: 'fs.copyFileSync(filePath, target);',
    kind: 'killed since',
    reason: `killed by “is private even when the damaged file was not” (${FILES})`,
  },
  {
    file: FILE,
    mutator: 'StringLiteral',
    code: "'warning'",
    context: "notices.push({ level: 'warning', text: readOnlyReason });",
    kind: 'killed since',
    reason: `killed by “opens read-only, refuses every write, and never touches the file” (${FILES})`,
  },
  {
    file: FILE,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    code: ['first === undefined', "''"],
    context: 'if (first === undefined)',
    kind: 'equivalent',
    reason:
      'no caller gives an empty list: the problems are listed only when there is at least one, and the recursion only with a non-empty rest',
  },
  {
    file: FILE,
    mutator: 'StringLiteral',
    code: "''",
    context: "err.ok ? '' : err.error.message",
    kind: 'equivalent',
    reason: '`save` returns either null or an error, never a success, so this branch is dead',
  },
  {
    file: FILE,
    mutator: [
      'ConditionalExpression',
      'OptionalChaining',
      'LogicalOperator',
      'StringLiteral',
      'ObjectLiteral',
    ],
    code: [
      'text === null',
      'parsed?.kind',
      "parsed === null || parsed.kind === 'invalid'",
      'parsed === null',
      "parsed.kind === 'invalid'",
      "'invalid'",
      '{ file: null, notices, readOnlyReason: null }',
    ],
    context: 'null',
    kind: 'equivalent',
    reason: LOAD_GUARDS,
  },

  // stored-file.ts
  {
    file: STORED,
    mutator: 'MethodExpression',
    code: 'path.startsWith(where)',
    kind: 'killed since',
    reason: `killed by “names the damaged profile and what is wrong in the user language” (${FILES})`,
  },
  {
    file: STORED,
    mutator: 'LogicalOperator',
    code: 'renamed.why ?? renamed.error',
    kind: 'killed since',
    reason: `killed by “names the damaged profile and what is wrong in the user language” (${FILES})`,
  },
  {
    file: STORED,
    mutator: 'StringLiteral',
    code: ['`${key}.`', "''"],
    context: '`${key}.`',
    kind: 'equivalent',
    reason: FIELD_NAME_TWICE,
  },
  {
    file: STORED,
    mutator: 'StringLiteral',
    code: ["'settings'", "'bad-request'"],
    context: "settingsPatchValidator(patch, 'settings')",
    kind: 'equivalent',
    reason:
      'every field of the patch was checked alone just before and the patch is an object, so the whole check cannot fail here; its path and error code are never shown',
  },
  {
    file: STORED,
    mutator: 'ConditionalExpression',
    code: "typeof version !== 'number'",
    replacement: 'false',
    kind: 'equivalent',
    reason: '`Number.isInteger`, checked next, is false for anything that is not a number',
  },
  {
    file: STORED,
    mutator: 'ObjectLiteral',
    code: '{ max: 64 * 1024 }',
    kind: 'equivalent',
    reason: '`str()` without a maximum allows `MAX_STRING`, which is the same 64 KiB',
  },
];
