import type { SurvivorReason } from '../survivor-list';

const V = 'shared/profile-validation.ts';

const STRUCTURAL =
  'the API’s structural check (`profileInputValidator`) hands over a string; with a non-string the mutant would throw instead of naming the field';

/** Profile validation: shared/profile-validation.ts. */
export const PROFILE_VALIDATION: SurvivorReason[] = [
  ...(
    [
      ["'maxFrameMiB'", "'maxFrameMiB', intInRange("],
      ["'validation.field.maxFrame'", "'validation.field.maxFrame'"],
      ["'MiB'", 'PROFILE_LIMITS.maxFrameMiB.max'],
    ] as const
  ).map(([code, context]): SurvivorReason => ({
    file: V,
    mutator: 'StringLiteral',
    code,
    replacement: '""',
    context,
    kind: 'killed since',
    reason:
      'the largest-frame check had no test naming its field, label and unit: "largest frame: 1 to 128 MiB, whole numbers, the field and the unit named" (profile-validation-edges.test.ts)',
  })),
  {
    file: V,
    mutator: ['LogicalOperator', 'StringLiteral', 'ConditionalExpression'],
    context: "if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);",
    kind: 'equivalent',
    reason:
      '`URL.hostname` has both brackets or none, and a host with one bracket is refused either way (the URL parser in the next lines rejects it)',
  },
  {
    file: V,
    mutator: 'BlockStatement',
    code: '{ return false; }',
    context: 'canonical = new URL(',
    kind: 'equivalent',
    reason:
      'without the `return false`, `canonical` stays undefined and matches neither `::1` nor the pattern',
  },
  {
    file: V,
    mutator: [
      'ConditionalExpression',
      'LogicalOperator',
      'MethodExpression',
      'StringLiteral',
      'EqualityOperator',
    ],
    context: "if (typeof zone !== 'string' || zone.trim() === '') return false;",
    kind: 'equivalent',
    reason:
      '`Intl.DateTimeFormat` refuses an empty, blank or non-string zone by itself; the guard only saves an exception',
  },
  {
    file: V,
    mutator: 'ConditionalExpression',
    code: "typeof v === 'number'",
    replacement: 'true',
    context: 'Number.isInteger(v)',
    kind: 'equivalent',
    reason: '`Number.isInteger` is false for every non-number, so the `typeof` test adds nothing',
  },
  {
    file: V,
    mutator: 'ConditionalExpression',
    code: "typeof v !== 'number'",
    replacement: 'false',
    context: 'Number.isFinite(v)',
    kind: 'equivalent',
    reason: '`Number.isFinite` is false for every non-number',
  },
  {
    file: V,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    context: "const name = typeof input.name === 'string' ? input.name.trim() : '';",
    kind: 'harmless',
    reason: STRUCTURAL,
  },
  {
    file: V,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    context: "err('botId', checkBotId(typeof input.botId === 'string' ? input.botId : '', say));",
    kind: 'harmless',
    reason: STRUCTURAL,
  },
  {
    file: V,
    mutator: 'ConditionalExpression',
    code: "typeof input.url !== 'string'",
    replacement: 'false',
    kind: 'harmless',
    reason: STRUCTURAL,
  },
  {
    file: V,
    mutator: 'ConditionalExpression',
    code: [
      "typeof input.color !== 'string'",
      "typeof q.start !== 'string'",
      "typeof q.end !== 'string'",
    ],
    replacement: 'false',
    kind: 'equivalent',
    reason: 'the pattern’s `test` of a non-string tests its string form, which never matches',
  },
  {
    file: V,
    mutator: 'MethodExpression',
    code: 'input.url.trim()',
    kind: 'equivalent',
    reason: 'the URL parser strips leading and trailing blanks itself',
  },
  {
    file: V,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    context: "else if (url.hostname === '') err('url', say('validation.urlNoHost'));",
    kind: 'equivalent',
    reason:
      '`ws:` and `wss:` are special schemes, for which the URL parser refuses an empty host; the line guards against a parser change',
  },
];
