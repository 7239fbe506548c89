import type { SurvivorReason } from '../survivor-list';

const SCRUB = 'electron/core/gateway/secret-scrub.ts';

/** Every candidate a bit table lets through is confirmed by the exact window check. */
const FIRST_LOOK =
  'speed only: the bit tables are a first look; every candidate is confirmed by the exact window check, so a different hash, table or pre-check changes how many candidates are checked, never the answer (cost: `npm run bench -- secret-scan`)';

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
    mutator: 'ArithmeticOperator',
    code: '32 - TABLE_BITS',
    kind: 'harmless',
    reason: FIRST_LOOK,
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
    replacement: ['true', 'k < 3 || k < bytes.length', 'k <= 3'],
    kind: 'equivalent',
    reason:
      'base64 of a slice from every start: a slice past the end is empty and its empty forms are deleted, and the slice from byte 3 encodes to the same characters as the whole secret from character 4',
  },
  {
    file: SCRUB,
    mutator: 'StringLiteral',
    code: "''",
    context: "let percent = '';",
    kind: 'harmless',
    reason: 'only the literal text "Stryker was here!" would be redacted too',
  },
  {
    file: SCRUB,
    mutator: 'ArrayDeclaration',
    code: '[]',
    context: 'const shortForms: string[] = [];',
    kind: 'harmless',
    reason: 'only the literal text "Stryker was here" would be redacted too',
  },
];
