import type { SurvivorReason } from '../survivor-list';

const CODEC = 'electron/core/gateway/codec.ts';

const MAYBE_MORE =
  'speed only: the pre-scan says "a forbidden key may be here" more often, so the parsed value is walked more often; the walk deletes exactly `__proto__`, `constructor` and `prototype`, so the message is the same (every "says no" mutant is killed)';

/** The codec: codec.ts. */
export const CODEC_REASONS: SurvivorReason[] = [
  {
    file: CODEC,
    mutator: 'EqualityOperator',
    code: 'k < word.length',
    replacement: 'k >= word.length',
    context: 'function spells(',
    kind: 'harmless',
    reason: `${MAYBE_MORE}; here \`spells\` compares no byte, so any 9- or 11-byte string counts`,
  },
  {
    file: CODEC,
    mutator: 'LogicalOperator',
    codeStart: '(len === 9 || len === 11) && !forbidden && (',
    replacement:
      "(len === 9 || len === 11) && !forbidden || spells(bytes, start, i, '__proto__') || spells(bytes, start, i, 'prototype') || spells(bytes, start, i, 'constructor')",
    kind: 'harmless',
    reason: `${MAYBE_MORE}; here every 9- or 11-byte string counts`,
  },
  {
    file: CODEC,
    mutator: 'ConditionalExpression',
    code: 'forbidden',
    replacement: 'true',
    context: 'if (forbidden) dropForbiddenKeys(',
    kind: 'harmless',
    reason: `${MAYBE_MORE}; here every frame is walked`,
  },
  {
    file: CODEC,
    mutator: 'ConditionalExpression',
    code: 'Array.isArray(value)',
    replacement: 'false',
    context: 'for (const item of value as unknown[])',
    kind: 'equivalent',
    reason:
      'an array is then walked as an object: `for…in` gives its indices, own properties, none of them a forbidden name, and pushes the same items; the same keys are deleted',
  },
  {
    file: CODEC,
    mutator: 'ConditionalExpression',
    code: 'data instanceof ArrayBuffer',
    replacement: 'true',
    context: 'return Buffer.from(data);',
    kind: 'harmless',
    reason:
      'a single Buffer then goes through `Buffer.from`, which copies it: the same bytes, one copy more (speed and memory only); fragments are joined before this line',
  },
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
