import type { SurvivorReason } from '../survivor-list';

const QUEUE = 'electron/core/notify/delivery-queue.ts';
const POST = 'electron/core/notify/http-post.ts';
const RULES = 'electron/core/notify/channel-rules.ts';

const PATH_PARTS =
  'the path and query are parts of the address, whose every 8-character run is already scrubbed; a shorter path or query is not a secret';
const ANSWER_BOUND =
  'they bound how much of an answer is read (memory), not what is shown, which is cut to 300 characters';
const DATE_ANCHORS =
  'a real `Retry-After` date starts with the day’s name and ends with the year, so the date patterns without `^` or `$` match the same headers';

/** Webhook delivery: electron/core/notify/{delivery-queue,http-post,channel-rules}.ts. */
export const NOTIFY: SurvivorReason[] = [
  // delivery-queue.ts
  {
    file: QUEUE,
    mutator: 'OptionalChaining',
    codeStart: "opts.onProblem?.({ key: 'notice.queueNotSaved'",
    kind: 'harmless',
    reason:
      'the app always passes `onProblem` (alerting.ts); only a caller without one would get a TypeError from a failed save',
  },
  {
    file: QUEUE,
    mutator: 'ArrayDeclaration',
    code: '[]',
    context: 'const values: string[] = [];',
    kind: 'harmless',
    reason:
      'the scrubber also hides the text "Stryker was here" in answers; no receiver answers with it',
  },
  {
    file: QUEUE,
    mutator: 'ConditionalExpression',
    code: 's.url',
    context: 'if (s.url)',
    kind: 'equivalent',
    reason: 'a channel without an address never reaches the scrubber (`attempt` returns first)',
  },
  {
    file: QUEUE,
    mutator: ['Regex', 'StringLiteral'],
    context: "s.url.replace(/^https?:\\/\\//, '')",
    kind: 'equivalent',
    reason:
      'the address without its scheme is part of the address, whose every 8-character run is already scrubbed; the emptied-or-not replacement only changes that redundant entry',
  },
  {
    file: QUEUE,
    mutator: ['BlockStatement', 'CallExpression'],
    codeStart: '{ const u = new URL(s.url);',
    kind: 'equivalent',
    reason: PATH_PARTS,
  },
  {
    file: QUEUE,
    mutator: 'CallExpression',
    code: 'values.push(u.pathname, u.search);',
    kind: 'equivalent',
    reason: PATH_PARTS,
  },
  {
    file: QUEUE,
    mutator: 'EqualityOperator',
    code: 'v.length >= 4',
    replacement: 'v.length > 4',
    kind: 'harmless',
    reason:
      'a 4-character path or query is not kept whole as a secret; it is no secret (the address itself is scrubbed)',
  },
  {
    file: QUEUE,
    mutator: 'StringLiteral',
    code: "'the channel has no address saved; edit it and enter the webhook address'",
    kind: 'gap',
    reason:
      'a stored channel without an address (`urlCipher: null` in a hand-edited channels file) is never built by a test; the store refuses to create one',
  },
  {
    file: QUEUE,
    mutator: 'ConditionalExpression',
    code: 'disposed',
    context: 'if (disposed) return;',
    kind: 'equivalent',
    reason:
      '`dispose` clears the timer and aborts what is in flight; a late `schedule` or `run` finds nothing to do (`run` and `schedule` each check it, so one check is enough)',
  },
  {
    file: QUEUE,
    mutator: 'CallExpression',
    code: 'clock.clearTimeout(timer);',
    kind: 'harmless',
    reason:
      'an extra wake-up: `run` skips channels in flight and messages not yet due, and returns after `dispose`',
  },

  {
    file: QUEUE,
    mutator: 'CallExpression',
    code: 'schedule();',
    context: '    schedule();\n  }\n',
    kind: 'harmless',
    reason:
      'the timer for a channel not yet due is set again when the deliveries just started finish (their `finally`); it waits at most one request longer',
  },

  {
    file: QUEUE,
    mutator: 'ArithmeticOperator',
    code: 'state.log.length - 1',
    kind: 'equivalent',
    reason: 'the loop starts past the end, where it reads `undefined` twice and skips it',
  },
  {
    file: QUEUE,
    mutator: 'ConditionalExpression',
    code: 'state.items.length !== before',
    kind: 'harmless',
    reason: 'one more write of an unchanged queue file',
  },

  {
    file: QUEUE,
    mutator: 'ArrayDeclaration',
    code: '[...inFlight.values()]',
    context: 'Promise.allSettled',
    kind: 'harmless',
    reason:
      '`dispose` returns before the aborted requests settle; they then do nothing (`aborted` check, `schedule` after dispose)',
  },
  {
    file: QUEUE,
    mutator: 'ConditionalExpression',
    code: '!old',
    kind: 'equivalent',
    reason: 'the loop runs only while the queue holds more than `maxItems` (at least 1) items',
  },
  {
    file: QUEUE,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'state.items.length > 0',
    kind: 'equivalent',
    reason: '`schedule` on an empty queue finds no head and sets no timer',
  },
  {
    file: QUEUE,
    mutator: 'MethodExpression',
    code: '`${message.id}.${channelId}`.slice(0, 200)',
    kind: 'equivalent',
    reason: 'message ids and channel ids are UUIDs: the delivery id is 73 characters, never 200',
  },
  {
    file: QUEUE,
    mutator: 'ConditionalExpression',
    code: '!inFlight.has(channelId)',
    kind: 'equivalent',
    reason: '`schedule` skips channels in flight itself',
  },

  // http-post.ts
  {
    file: POST,
    mutator: ['ConditionalExpression', 'LogicalOperator'],
    code: ["typeof doc === 'object' && doc !== null", "typeof doc === 'object'", 'doc !== null'],
    kind: 'equivalent',
    reason:
      'reading `retry_after` of `null` throws into the `catch`, of a number or string gives `undefined`: no delay either way',
  },
  {
    file: POST,
    mutator: 'ConditionalExpression',
    code: "typeof v === 'number'",
    kind: 'equivalent',
    reason: '`Number.isFinite` is false for anything that is not a number',
  },
  {
    file: POST,
    mutator: 'ConditionalExpression',
    code: '!res.body',
    kind: 'equivalent',
    reason: 'reading a missing body throws, and the caller turns that into an empty answer',
  },
  {
    file: POST,
    mutator: 'EqualityOperator',
    code: 'size < MAX_ANSWER_BYTES',
    kind: 'harmless',
    reason: ANSWER_BOUND,
  },
  {
    file: POST,
    mutator: ['AssignmentOperator', 'MethodExpression'],
    code: [
      'size += value.byteLength',
      "Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES)",
    ],
    kind: 'harmless',
    reason: ANSWER_BOUND,
  },
  {
    file: POST,
    mutator: 'BlockStatement',
    code: '{ await reader.cancel().catch(() => {}); }',
    kind: 'harmless',
    reason:
      'an answer left unread past 4 KiB is dropped with its connection; nothing shown changes',
  },
  {
    file: POST,
    mutator: 'ArrowFunction',
    code: "() => ''",
    kind: 'equivalent',
    reason: '`undefined` and the empty text both add nothing to the answer',
  },
  {
    file: POST,
    mutator: 'ConditionalExpression',
    code: 'status >= 200',
    kind: 'equivalent',
    reason: '`fetch` never ends on a 1xx status, so every status is at least 200',
  },
  {
    file: POST,
    mutator: 'Regex',
    code: '/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /',
    kind: 'equivalent',
    reason: DATE_ANCHORS,
  },
  {
    file: POST,
    mutator: 'Regex',
    code: '/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}$/',
    replacement: [
      '/[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}$/',
      '/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}/',
    ],
    kind: 'equivalent',
    reason: DATE_ANCHORS,
  },

  // channel-rules.ts
  {
    file: RULES,
    mutator: 'StringLiteral',
    code: "'127.0.0.1'",
    kind: 'equivalent',
    reason: 'the `127.x.x.x` pattern accepts that host too',
  },
  {
    file: RULES,
    mutator: 'MethodExpression',
    code: 'url.trim()',
    kind: 'equivalent',
    reason: '`new URL` trims blanks around the text itself',
  },
];
