import type { SurvivorReason } from '../survivor-list';

const SCRUB = 'electron/core/gateway/secret-scrub.ts';

/** A candidate a bit table lets through is checked again; a missing candidate is never one. */
const FIRST_LOOK =
  'speed only: the bit tables are a first look; every candidate they let through is checked again (strings: exactly, by `windows.has`; frames: by the split hash and the 8-byte key), so a different hash, table or pre-check changes how many candidates are checked, and for a frame at most turns a "no" into a "may" (the slow, exact path), never a "may" into a "no" (cost: `npm run bench -- secret-scan`)';

/** The string check's loop bounds: a window that runs past the end is shorter than a form window. */
const PAST_THE_END =
  'a window that starts within 7 characters of the end is a slice shorter than 8 characters, which no form window is (all are 8), so checking it, or the grams past the end that lead to it, finds nothing more';

/** Guards that only skip work whose result is empty. */
const NOTHING_TO_FIND =
  'only skips work that finds nothing: without telling windows `windows.has` never matches, without short forms the loop has nothing to look for, and a string under 8 characters breaks at `p + MIN_FRAGMENT > s.length`';

/** `contains` asks `hits` for the first hit only. */
const FIRST_ONLY =
  '`contains` only asks whether there is a hit; looking for all of them gives the same answer';

/** The neighbours of a candidate gram in the frame check. */
const NEIGHBOUR_GRAMS =
  'the neighbouring gram is read only where the split check uses it (`(k === 0 || i > 0) && i + 1 < n`); out of range it is undefined, folded to blanks, and never used';

/** Which forms make `shortBytes`, which turns on the text check for short forms. */
const SHORT_TEXT_CHECK =
  'the frame check then also searches the text for the short forms (under 8 characters), and `mayAppearInBytes` decodes every frame for it: the same answers, more work; a short form of 8 or more UTF-8 bytes (non-ASCII) has all its 8-byte windows among the byte keys, so the byte check finds it anyway, and the text check only ever adds a "may"';

/** Which 8-byte windows of a form get a key (the `telling` rule on bytes). */
const BYTE_WINDOW_RULE =
  'changes only which 8-byte windows of one or two distinct byte values get a key (non-ASCII runs such as "éééé", or with DEL); every telling 8-character window of a form still has a keyed byte window (one holding a whole non-ASCII character and any other character has three byte values), so the frame check still says "may" wherever `contains` finds a fragment and differs only in saying "may" for such runs, which the exact scrub then leaves alone';

/** Secret scrubbing: secret-scrub.ts. */
export const SECRET_SCRUB: SurvivorReason[] = [
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'new Uint8Array(new Uint32Array([1]).buffer)[0] === 1',
    replacement: 'true',
    kind: 'equivalent',
    reason:
      'on the little-endian machines Shardwatch runs on (x64, arm64) the check is true anyway; the big-endian path is not testable here',
  },
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: '32 - GRAM_BITS',
    kind: 'equivalent',
    reason: 'JavaScript shifts by the count modulo 32, and 32 + 16 = 48 shifts as 16 = 32 − 16',
  },
  {
    file: SCRUB,
    mutator: 'BlockStatement',
    codeStart: '{ let h = Math.imul(c0, 0x9e3779b1) ^ c1;',
    kind: 'harmless',
    reason: FIRST_LOOK,
  },
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'LogicalOperator', 'EqualityOperator'],
    context: 'for (let k = 0; k < 3 && k < bytes.length; k++) {',
    replacement: ['true', 'k < 3 || k < bytes.length', 'k <= 3', 'k <= bytes.length'],
    kind: 'equivalent',
    reason:
      'base64 of a slice from every start: a slice past the end is empty and its empty forms are deleted, and the slice from byte 3 encodes to the same characters as the whole secret from character 4',
  },
  {
    file: SCRUB,
    mutator: 'ArrayDeclaration',
    code: '[]',
    context: 'const shortForms: string[] = [];',
    kind: 'harmless',
    reason: 'only the literal text "Stryker was here" would be redacted too',
  },
  {
    file: SCRUB,
    mutator: 'Regex',
    code: '/[A-Z]+/g',
    replacement: '/[A-Z]/g',
    kind: 'equivalent',
    reason: 'lower-casing capital letters one at a time or a run at a time gives the same string',
  },

  // The tables and how they are filled.
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: ['TABLE_BITS - 3', 'GRAM_BITS - 3'],
    replacement: ['TABLE_BITS + 3', 'GRAM_BITS + 3'],
    context: 'new Uint8Array(1 << (',
    kind: 'harmless',
    reason:
      'memory only: a table 64 times larger, of which the hashes (under 2^TABLE_BITS or 2^GRAM_BITS bits) reach only the first part',
  },
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: 'i + 4',
    replacement: 'i - 4',
    context: 'i + 4 <= folded.length',
    kind: 'harmless',
    reason: `${FIRST_LOOK}; here grams past a form's end (of NaN character codes) are set too`,
  },
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: 'i + 4',
    replacement: 'i - 4',
    context: 'i + 4 <= bytes.length',
    kind: 'harmless',
    reason: `${FIRST_LOOK}; here grams past a form's end (read as blanks) are set too`,
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'i + 4 <= bytes.length',
    replacement: 'i + 4 < bytes.length',
    kind: 'equivalent',
    reason:
      "the gram table then lacks each form's last 4 bytes, which are a whole gram only of its last 8-byte window; where they are an aligned gram of the frame, that window starts at an aligned gram too, its first 4 bytes, which is in the table and leads to the same window",
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'k < 4',
    replacement: 'k <= 4',
    context: 'const q = i + k;',
    kind: 'harmless',
    reason: `${FIRST_LOOK}; here each window also sets a split-table bit for a fifth place no frame check asks for`,
  },
  {
    file: SCRUB,
    mutator: ['MethodExpression', 'ArrowFunction', 'ConditionalExpression', 'EqualityOperator'],
    code: ['w.some((b) => b > 0x7f)', '(b) => b > 0x7f', 'b > 0x7f'],
    context: 'telling(foldAscii(w.toString(',
    kind: 'harmless',
    reason: BYTE_WINDOW_RULE,
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'folded.length < MIN_FRAGMENT',
    replacement: 'folded.length <= MIN_FRAGMENT',
    kind: 'gap',
    reason:
      'a real difference, but the mutant is the safer one: a form of exactly 8 characters made of one or two distinct characters (the secret "11111111", or "31313131", the hex of "1111") becomes a short form and is redacted where it occurs whole, while the code leaves it in clear by the `telling` rule; a test killing it would assert that a form of a secret stays in clear. The code is what should change (a form with no telling window matched whole; reported with issue #17, scrubsurv)',
  },
  {
    file: SCRUB,
    mutator: ['BooleanLiteral', 'ConditionalExpression', 'EqualityOperator'],
    code: ['false', 'bytes.length < MIN_FRAGMENT'],
    replacement: ['true', 'bytes.length <= MIN_FRAGMENT'],
    context: 'shortBytes',
    kind: 'harmless',
    reason: SHORT_TEXT_CHECK,
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: ['forms.length === 0', 'nothing'],
    replacement: 'false',
    context: 'nothing',
    kind: 'equivalent',
    reason:
      'without forms every table is empty, so the byte check finds no candidate and says no, and there are no short forms to look for',
  },

  // The string check (`hits`) and the scrub.
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'LogicalOperator', 'EqualityOperator'],
    code: [
      'windows.size > 0 && s.length >= MIN_FRAGMENT',
      'windows.size > 0',
      's.length >= MIN_FRAGMENT',
      'shortForms.length > 0',
    ],
    context: 'function hits(',
    kind: 'equivalent',
    reason: NOTHING_TO_FIND,
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'shortForms.length > 0',
    replacement: 'shortForms.length >= 0',
    context: 'const folded = foldAscii(s);',
    kind: 'equivalent',
    reason: NOTHING_TO_FIND,
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'shortForms.length > 0',
    replacement: 'true',
    context: 'const folded = foldAscii(s);',
    kind: 'equivalent',
    reason: NOTHING_TO_FIND,
  },
  {
    file: SCRUB,
    mutator: ['ArithmeticOperator', 'EqualityOperator', 'ConditionalExpression'],
    code: ['s.length - 3', 'q < end', 'p + MIN_FRAGMENT > s.length', 'p + MIN_FRAGMENT'],
    replacement: ['s.length + 3', 'q <= end', 'false', 'p - MIN_FRAGMENT'],
    context: 'MIN_FRAGMENT',
    kind: 'equivalent',
    reason: PAST_THE_END,
  },
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: ['s.length - 3', 'q < end'],
    replacement: ['s.length + 3', 'q <= end'],
    context: 'for (let q = 0; q < end; q += 5) {',
    kind: 'equivalent',
    reason: PAST_THE_END,
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    codeStart: '!hasBit( charTable, hashChars(',
    replacement: 'false',
    kind: 'harmless',
    reason: FIRST_LOOK,
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: '(table[h >>> 3]! & (1 << (h & 7))) !== 0',
    replacement: 'true',
    kind: 'harmless',
    reason: FIRST_LOOK,
  },
  {
    file: SCRUB,
    mutator: ['MethodExpression', 'ArithmeticOperator'],
    code: ['Math.max(q - 4, lastChecked + 1)', 'lastChecked + 1'],
    replacement: ['Math.min(q - 4, lastChecked + 1)', 'lastChecked - 1'],
    kind: 'equivalent',
    reason:
      'windows are then checked again or from further back, each exactly; a window found twice is one run after merging, and a start below 0 slices to an empty string (the text has 8 characters or more here)',
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'firstOnly',
    replacement: 'false',
    kind: 'equivalent',
    reason: FIRST_ONLY,
  },
  {
    file: SCRUB,
    mutator: 'BooleanLiteral',
    code: 'true',
    replacement: 'false',
    context: 'return hits(s, true).length > 0;',
    kind: 'equivalent',
    reason: FIRST_ONLY,
  },
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'weakWindows.size > 0',
    replacement: ['true', 'weakWindows.size >= 0'],
    kind: 'equivalent',
    reason:
      'without weak windows a hit can only grow through telling windows, each of which is a hit itself and is merged with it anyway (a window slice reaching before the start is under 8 characters and in no form)',
  },
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'start < at',
    replacement: ['false', 'start <= at'],
    kind: 'equivalent',
    reason:
      'hits are sorted and every overlapping or touching one merged, so each run starts after the previous one ended: the guard never fires',
  },

  // The frame check (`bytesMayHold`, `mayAppearIn*`).
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'i < grams.length',
    replacement: 'i <= grams.length',
    kind: 'equivalent',
    reason:
      'the gram one past the end reads as undefined; a candidate there has no 8-byte window inside the frame (every `p + win > len`), and the next search starts past the end',
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'bytes.length < a0 + 4',
    replacement: 'bytes.length <= a0 + 4',
    kind: 'equivalent',
    reason: 'a frame of exactly `a0 + 4` bytes (7 at most) holds no 8-byte window',
  },
  {
    file: SCRUB,
    mutator: ['ConditionalExpression', 'EqualityOperator', 'ArithmeticOperator'],
    code: ['i > 0', 'i + 1 < n', 'i + 1'],
    replacement: ['true', 'i >= 0', 'i + 1 <= n', 'i - 1'],
    context: 'const prev = i > 0 ?',
    kind: 'equivalent',
    reason: NEIGHBOUR_GRAMS,
  },
  {
    file: SCRUB,
    mutator: 'EqualityOperator',
    code: 'k < 4',
    replacement: 'k <= 4',
    context: 'Every 8-byte window holding this gram starts at q - k',
    kind: 'harmless',
    reason:
      'a fifth window, the aligned window of the previous gram, is also looked at: its split hash (k = 4) is in no table entry, so it is skipped, or else the 8-byte key decides, which at most says "may" (speed only)',
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'k === 0',
    replacement: 'false',
    context: 'if (little && (k === 0 || i > 0) && i + 1 < n) {',
    kind: 'harmless',
    reason:
      'only the aligned window at the frame\'s first gram loses the split check; the 8-byte key then decides alone, and it leaves out the window\'s fifth byte (`byteKey`: under the rounding of `lo * 2^32 + hi`), so a frame that starts with a near miss of a fragment may say "may" and take the slow, exact path: speed only',
  },
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: 'at + 4',
    replacement: 'at - 4',
    context: 'const hi = gramOf(',
    kind: 'equivalent',
    reason:
      'the first byte of the second gram is below the rounding of `lo * 2^32 + hi` (lo ≥ 0x20202020, so the sum keeps no bit under 2^9, and a folded byte is never 0, so it never decides a tie): the key is the same whatever that byte is (checked on 2,000,000 random windows)',
  },
  {
    file: SCRUB,
    mutator: 'ArithmeticOperator',
    code: 'lo * 0x100000000 + hi',
    replacement: 'lo * 0x100000000 - hi',
    kind: 'harmless',
    reason:
      'the same window always makes the same key on both sides, so no fragment is missed; at most other different windows share a key, which only says "may" (the slow, exact path)',
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'shortBytes',
    replacement: 'true',
    context: 'if (shortBytes) {',
    kind: 'equivalent',
    reason:
      'the text check looks only for the short forms (under 8 characters); without `shortBytes` each of them has 8 or more UTF-8 bytes (non-ASCII), all of whose 8-byte windows are byte keys, so the byte check says "may" for such a text anyway',
  },
  {
    file: SCRUB,
    mutator: 'StringLiteral',
    code: "''",
    context: '.toString()',
    kind: 'equivalent',
    reason:
      'the text is read only for the short forms, when `shortBytes`; otherwise `mayAppearIn` looks at the bytes alone',
  },
  {
    file: SCRUB,
    mutator: 'ConditionalExpression',
    code: 'folded.length < MIN_FRAGMENT',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'a form under 8 characters then takes the long branch: it has no window, so none is telling, and it is matched whole as a short form all the same',
  },
  {
    file: SCRUB,
    mutator: ['BooleanLiteral', 'ConditionalExpression'],
    code: ['true', '!anyTelling'],
    replacement: ['false', 'true'],
    context: 'anyTelling',
    kind: 'harmless',
    reason:
      'every long form is then also matched whole, beside its windows: a whole form is covered by its windows anyway, so the same text is redacted; `shortBytes` makes `mayAppearInBytes` read the frame as text too (speed only)',
  },
];
