import type { SurvivorReason } from '../survivor-list';

const LOCK = 'electron/core/data-folder/lock.ts';

/** The data-folder lock: lock.ts. */
export const LOCK_REASONS: SurvivorReason[] = [
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'StringLiteral', 'EqualityOperator', 'LogicalOperator'],
    code: ["fields[0] === 'X'", "'X'", "fields[0] === 'Z' || fields[0] === 'X'"],
    replacement: ['false', '""', "fields[0] === 'Z' && fields[0] === 'X'"],
    kind: 'harmless',
    reason:
      'the `X` (dead) process state is not treated as gone: Linux shows `X` only for an instant while a process is reaped; the zombie `Z` case is tested',
  },
  {
    file: LOCK,
    mutator: 'OptionalChaining',
    code: "readText('/proc/sys/kernel/random/boot_id')?.trim",
    kind: 'equivalent',
    reason:
      'on Linux the boot id file always exists; elsewhere the mutant throws at start instead of reading `null` (not testable here)',
  },
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'BlockStatement'],
    code: ['text === null', '{ return null; }', "typeof pid !== 'number'"],
    replacement: ['false', '{}'],
    kind: 'equivalent',
    reason:
      'early `null` returns for missing text, unparsable JSON or a non-number pid: the checks after them (`isRecord`, `Number.isSafeInteger`) refuse the same values',
  },
  {
    file: LOCK,
    mutator: ['BlockStatement', 'CallExpression'],
    codeStart: ['{ Atomics.wait', 'Atomics.wait('],
    kind: 'harmless',
    reason:
      'speed only: how hard a contended lock is retried; the outcome of a takeover is the same',
  },
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: 'attempt < 5',
    kind: 'harmless',
    reason:
      'speed only: the pause between attempts (1 ms for the first five, then 20 ms); the outcome of a takeover is the same',
  },
  {
    file: LOCK,
    mutator: ['OptionalChaining', 'StringLiteral', 'LogicalOperator'],
    context: "return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';",
    kind: 'equivalent',
    reason: 'file-system errors always carry a code',
  },
  {
    file: LOCK,
    mutator: 'EqualityOperator',
    code: 'attempt < ATTEMPTS',
    replacement: 'attempt <= ATTEMPTS',
    kind: 'harmless',
    reason: 'one more retry before the refusal',
  },
  {
    file: LOCK,
    mutator: 'StringLiteral',
    code: "'wx'",
    kind: 'equivalent',
    reason: 'the temporary name holds a fresh random token, so it never exists already',
  },
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'EqualityOperator', 'StringLiteral', 'BlockStatement'],
    context: "if (errnoCode(e) !== 'EEXIST') throw e;",
    kind: 'gap',
    reason:
      'a failing `link` (a file system without hard links) cannot be made in a unit test on this machine',
  },
  {
    file: LOCK,
    mutator: 'ConditionalExpression',
    code: 'e instanceof DataFolderBusyError',
    kind: 'equivalent',
    reason: 'no busy error is thrown inside that `try`',
  },
  {
    file: LOCK,
    mutator: 'ObjectLiteral',
    code: '{ mode: 0o700 }',
    context: 'fs.mkdirSync(guard',
    kind: 'harmless',
    reason: 'the takeover guard folder is empty and removed at once; its mode protects nothing',
  },
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'EqualityOperator', 'StringLiteral'],
    context: "if (errnoCode(e) !== 'EEXIST') return;",
    kind: 'harmless',
    reason:
      'a guard that cannot be made for another reason: the mutant waits for a takeover that will not come; the next attempt reports the same error',
  },
  {
    file: LOCK,
    mutator: 'EqualityOperator',
    code: 'Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS',
    replacement: 'Date.now() - fs.statSync(guard).mtimeMs >= GUARD_STALE_MS',
    kind: 'equivalent',
    reason: 'the guard’s age check differs only at exactly 10 s',
  },
  {
    file: LOCK,
    mutator: [
      'ConditionalExpression',
      'EqualityOperator',
      'LogicalOperator',
      'ObjectLiteral',
      'OptionalChaining',
      'BooleanLiteral',
    ],
    context: 'if (now.text === seen.text && now.ino === seen.ino)',
    kind: 'gap',
    reason:
      'the "still the same stale lock" check and its look at the file matter only when another process replaces or removes the lock between the read and the takeover, a race exercised by test/integration/reliability/data-folder-lock.test.ts (real `serve` processes), which mutation runs leave out',
  },
  {
    file: LOCK,
    mutator: ['ConditionalExpression', 'BooleanLiteral'],
    code: ['released', 'true'],
    context: 'released',
    kind: 'equivalent',
    reason:
      '`release` not once-only: a second call finds another token (or no file) and removes nothing',
  },
  {
    file: LOCK,
    mutator: ['ObjectLiteral', 'BooleanLiteral'],
    code: ['{ force: true }', 'true'],
    context: '?.token === me.token) fs.rmSync(file, { force: true });',
    kind: 'equivalent',
    reason: 'the removal’s `force`: the file exists when it is removed (its token was just read)',
  },
  {
    file: LOCK,
    mutator: 'StringLiteral',
    code: "'DataFolderError'",
    kind: 'harmless',
    reason:
      'the error’s name shows only in a stack trace; callers tell it by `instanceof` and show its message, which is asserted',
  },
];
