import type { SurvivorReason } from '../survivor-list';

const STATS = 'electron/core/monitor/latency-stats.ts';
const PERCENTILE = 'shared/percentile.ts';
const SCHEDULER = 'electron/core/gateway/ping-scheduler.ts';
const TOKEN = 'electron/core/metrics/metrics-token.ts';
const METRICS = 'electron/core/metrics/metrics.ts';

const GROWTH =
  'memory and speed only: the buffers grow earlier than needed (at most to the capacity), or are copied at the same size on every ping once full; the figures are the same (the size limit itself is tested), the cost shows only in `npm run bench -- ping`';

/** Figures (latency statistics, percentiles) and metrics authentication. */
export const FIGURES: SurvivorReason[] = [
  {
    file: SCHEDULER,
    mutator: ['ConditionalExpression', 'EqualityOperator', 'CallExpression'],
    context: 'if (sentAt !== null) probe.end();',
    kind: 'killed since',
    reason:
      'stopping ended the shared timing probe whether or not a ping was in flight, untested: "ends the probe once for a ping in flight when stopped, and not again for one already answered" (ping-scheduler-timing.test.ts)',
  },
  {
    file: STATS,
    mutator: 'EqualityOperator',
    code: 'v < 0',
    replacement: 'v <= 0',
    context: '-v - 1',
    kind: 'killed since',
    reason:
      'a 0 ms answer (within the clock resolution) would read as a disturbed −1 ms: "an answer within the clock resolution reads 0 ms, undisturbed, beside a disturbed 0 ms one" (latency-disturbed.test.ts)',
  },
  {
    file: STATS,
    mutator: 'ConditionalExpression',
    code: 'answered === 0',
    replacement: 'false',
    context: 'figures = EMPTY_FIGURES;',
    kind: 'equivalent',
    reason:
      'with no answer the window is computed anyway: every sample in it is a lost ping, none is kept, and `computeFigures` returns the same empty figures',
  },
  {
    file: STATS,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: ['scratch.length < n', 'len < n'],
    replacement: ['true', 'scratch.length <= n', 'len <= n'],
    kind: 'harmless',
    reason:
      'memory only: the shared sort buffer is reallocated more often, at an exact fit, or doubles once more than needed; every figure is the same',
  },
  {
    file: STATS,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'count > 0',
    replacement: ['true', 'count >= 0'],
    context: 'const lastAt = ats[slot(count - 1)] ?? at;',
    kind: 'equivalent',
    reason:
      'with no sample held the lookup reads a slot not yet written, gets `undefined`, and falls back to the new time itself',
  },
  {
    file: STATS,
    mutator: 'EqualityOperator',
    code: 'at < lastAt',
    replacement: 'at <= lastAt',
    kind: 'equivalent',
    reason: 'an equal time is replaced by itself',
  },
  {
    file: STATS,
    mutator: ['ConditionalExpression', 'LogicalOperator', 'EqualityOperator'],
    context: 'if (count === alloc && alloc < capacity) grow();',
    replacement: [
      'true',
      'count === alloc || alloc < capacity',
      'count !== alloc',
      'alloc <= capacity',
    ],
    kind: 'harmless',
    reason: GROWTH,
  },
  {
    file: STATS,
    mutator: 'ArrayDeclaration',
    code: 'new Array<number | null>(k)',
    kind: 'equivalent',
    reason: 'the array is filled index by index either way',
  },
  {
    file: PERCENTILE,
    mutator: 'ConditionalExpression',
    code: 'n < 1',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'with n = 0 the rank is clamped to 0 and `sorted[-1]` is undefined, which gives NaN too',
  },
  {
    file: TOKEN,
    mutator: 'ConditionalExpression',
    code: "(e as NodeJS.ErrnoException).code === 'EEXIST'",
    replacement: 'true',
    kind: 'harmless',
    reason:
      'on a write error other than EEXIST the mutant reads the file instead of rethrowing; the file was not written, so that read fails too and startup still stops with an error (another errno)',
  },
  {
    file: TOKEN,
    mutator: 'Regex',
    code: '/^Bearer\\s+(.+)$/i',
    replacement: '/^Bearer\\s(.+)$/i',
    kind: 'equivalent',
    reason:
      '`\\s+`→`\\s` leaves the extra blanks in the token, which the `.trim()` on the next line removes',
  },
  {
    file: TOKEN,
    mutator: 'StringLiteral',
    code: "''",
    context: "header?.trim() ?? ''",
    kind: 'equivalent',
    reason: 'a missing header matches the pattern neither as empty text nor as other text',
  },
  {
    file: TOKEN,
    mutator: 'ConditionalExpression',
    code: 'm[1] === undefined',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'when the pattern matches, its group `(.+)` is always set; the check is for the type checker',
  },
  {
    file: TOKEN,
    mutator: 'MethodExpression',
    code: 'm[1].trim()',
    kind: 'equivalent',
    reason:
      'the header is trimmed and `\\s+` takes every blank after `Bearer`, so the token has none left to trim',
  },
  {
    file: METRICS,
    mutator: 'StringLiteral',
    code: "'/'",
    context: "const url = new URL(req.url ?? '/', 'http://metrics.invalid');",
    kind: 'equivalent',
    reason: 'Node’s HTTP server always sets `req.url` on a request it hands over',
  },
];
