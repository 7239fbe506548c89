import type { SurvivorReason } from '../survivor-list';

const CIPHER = 'electron/core/profiles/secret-cipher.ts';

/** The secret cipher: secret-cipher.ts. */
export const CIPHER_REASONS: SurvivorReason[] = [
  {
    file: CIPHER,
    mutator: 'StringLiteral',
    code: "'utf8'",
    kind: 'equivalent',
    reason: 'UTF-8 is Node’s default encoding',
  },
  {
    file: CIPHER,
    mutator: 'ConditionalExpression',
    code: 'key',
    replacement: 'false',
    context: 'if (key) return key;',
    kind: 'harmless',
    reason: 'the key is read from its file again on every use: the same key, only slower',
  },
  {
    file: CIPHER,
    mutator: 'StringLiteral',
    code: "'error'",
    context: "NodeJS.ErrnoException).code ?? 'error'",
    kind: 'equivalent',
    reason: 'the stand-in for a missing errno code: file-system errors always carry a code',
  },
  {
    file: CIPHER,
    mutator: 'ConditionalExpression',
    code: 'data === null',
    replacement: 'true',
    kind: 'equivalent',
    reason:
      'a new key file is made even when one was read: the link then fails with `EEXIST` and the existing key is read back',
  },
  {
    file: CIPHER,
    mutator: ['ConditionalExpression', 'StringLiteral'],
    code: ['decoded === null', '`The new key file ${keyPath} could not be read back.`'],
    context: 'could not be read back',
    kind: 'equivalent',
    reason: 'a key this code has just written always decodes',
  },
  {
    file: CIPHER,
    mutator: 'ConditionalExpression',
    code: '(fs.statSync(keyPath).mode & 0o077) !== 0',
    replacement: 'true',
    kind: 'equivalent',
    reason: '`chmod 0600` of a file that is already 0600',
  },
  {
    file: CIPHER,
    mutator: ['CallExpression', 'BlockStatement'],
    code: ['fs.fsyncSync(fd);', 'fs.closeSync(fd);', '{ fs.closeSync(fd); }'],
    kind: 'harmless',
    reason:
      'durability after a power cut, and one file descriptor left open; neither is observable in a test',
  },
  {
    file: CIPHER,
    mutator: 'ConditionalExpression',
    code: "(e as NodeJS.ErrnoException).code === 'EEXIST'",
    replacement: 'true',
    context: 'return fs.readFileSync(keyPath);',
    kind: 'harmless',
    reason:
      'a link error other than `EEXIST` reads the key file that is not there, so the refusal names `ENOENT` instead of the link’s own code',
  },
  {
    file: CIPHER,
    mutator: 'ConditionalExpression',
    code: 'e instanceof CipherError',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'nothing inside that `try` throws a `CipherError`, so there is none to pass on unwrapped',
  },
];
