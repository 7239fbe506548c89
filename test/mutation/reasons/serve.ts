import type { SurvivorReason } from '../survivor-list';

const BRIDGE = 'electron/serve/bridge-request.ts';
const SESSION = 'electron/serve/session.ts';
const SERVER = 'electron/serve/server.ts';

/** Browser-mode authentication: session.ts, the gates in server.ts, bridge-request.ts. */
export const SERVE: SurvivorReason[] = [
  {
    file: BRIDGE,
    mutator: 'ConditionalExpression',
    code: "typeof msg !== 'object'",
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'a number, string or boolean has no own `id`, so the `hasOwnProperty` check that follows gives `null` too',
  },
  {
    file: BRIDGE,
    mutator: 'ConditionalExpression',
    code: "typeof id === 'number'",
    replacement: 'true',
    kind: 'equivalent',
    reason: '`Number.isSafeInteger` is false for anything that is not a number',
  },
  {
    file: SESSION,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'eq < 0',
    replacement: ['false', 'eq <= 0'],
    kind: 'equivalent',
    reason:
      'a cookie part without `=` (or starting with it) never has the cookie’s name before an `=`, so the name check skips it anyway',
  },
  {
    file: SESSION,
    mutator: 'MethodExpression',
    code: 'part.slice(eq + 1).trim()',
    kind: 'harmless',
    reason:
      'browsers send `name=value` with no blanks around the value; only a hand-made header differs, and it is refused, not accepted',
  },
  {
    file: SESSION,
    mutator: 'ConditionalExpression',
    code: 'existsSync(file)',
    replacement: 'true',
    kind: 'equivalent',
    reason: 'reading a missing file throws, and the `catch` makes a new key, as the `else` does',
  },
  {
    file: SESSION,
    mutator: 'MethodExpression',
    code: "readFileSync(file, 'utf8').trim()",
    kind: 'equivalent',
    reason: 'base64url decoding skips the trailing line break',
  },
  {
    file: SESSION,
    mutator: ['ObjectLiteral', 'CallExpression'],
    code: ['{ mode: 0o600 }', 'chmodSync(tmp, 0o600);'],
    kind: 'equivalent',
    reason:
      'either one alone leaves the key file owner-only, which is asserted; both are kept so no moment passes with the key readable',
  },
  {
    file: SERVER,
    mutator: 'StringLiteral',
    code: [
      "'page-token'",
      "'serve: refused a page request without the right token'",
      "'ws-token'",
      "'serve: refused a bridge connection without the right token'",
    ],
    kind: 'harmless',
    reason:
      'a log line and its once-only key; the refusal itself (401, no page, no cookie, no bridge) is asserted',
  },
  {
    file: SERVER,
    mutator: 'StringLiteral',
    code: "'Unauthorized'",
    kind: 'harmless',
    reason: 'the reason phrase after `401`; clients act on the status code, which is asserted',
  },
];
