import type { SurvivorReason } from '../survivor-list';

const CODEC = 'electron/core/gateway/codec.ts';

const MAYBE_MORE =
  'speed only: the pre-scan says "a forbidden key may be here" more often, so the parsed value is walked more often; the walk deletes exactly `__proto__`, `constructor` and `prototype`, so the message is the same (every "says no" mutant is killed)';

/** The codec: codec.ts. */
export const CODEC_REASONS: SurvivorReason[] = [
  {
    file: CODEC,
    mutator: ['ConditionalExpression', 'BooleanLiteral'],
    code: [
      'bytes[start + k] !== word.charCodeAt(k)',
      'end - start !== word.length',
      'k < word.length',
      'false',
    ],
    replacement: ['false', 'true'],
    context: 'function spells(',
    kind: 'harmless',
    reason: MAYBE_MORE,
  },
  {
    file: CODEC,
    mutator: ['ConditionalExpression', 'LogicalOperator'],
    context: '(len === 9 || len === 11) &&',
    replacement: ['true', 'len === 9 || len === 11 || !forbidden'],
    kind: 'harmless',
    reason: MAYBE_MORE,
  },
  {
    file: CODEC,
    mutator: 'BooleanLiteral',
    code: 'false',
    context: 'let forbidden = false;',
    kind: 'harmless',
    reason: MAYBE_MORE,
  },
  {
    file: CODEC,
    mutator: 'ConditionalExpression',
    code: 'forbidden || escaped',
    replacement: 'true',
    kind: 'harmless',
    reason: MAYBE_MORE,
  },
  {
    file: CODEC,
    mutator: 'EqualityOperator',
    code: 'i < n',
    replacement: 'i <= n',
    kind: 'equivalent',
    reason:
      'the scan loop runs one step further and reads past the end (`NaN`, `undefined`), which is neither a quote, a bracket nor a backslash',
  },
  {
    file: CODEC,
    mutator: 'ConditionalExpression',
    code: 'item instanceof Object',
    replacement: 'true',
    kind: 'harmless',
    reason:
      'speed only: array items are pushed on the walk’s stack whatever they are; a primitive has no own forbidden key, so nothing more is deleted',
  },
  {
    file: CODEC,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    code: ["typeof data !== 'string'", "'string'"],
    context: 'compressionOf(toBuffer(data, 2)) !== null',
    kind: 'equivalent',
    reason:
      'a string’s characters never equal the bytes `0x78` or `0x1f`, so the sniff says "not compressed" for a string either way',
  },
];
