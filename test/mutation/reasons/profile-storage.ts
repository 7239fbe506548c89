import type { SurvivorReason } from '../survivor-list';

const STORE = 'electron/core/profiles/profile-store.ts';
const SECRETS = 'electron/core/profiles/profile-secrets.ts';

const CACHE_SPEED =
  'speed only: a secret sealed in this session is decrypted again instead of read from the session’s cache; the value is the same';
const CACHE_MEMORY =
  'memory only: the session’s cache keeps the clear values of ciphertexts no stored profile holds any more (a deleted or edited profile’s old secrets) until Shardwatch quits; they were in memory already while that profile ran, and nothing reads them';

/** Profile storage: profile-store.ts, profile-secrets.ts, profile-file.ts, stored-file.ts. */
export const PROFILE_STORAGE: SurvivorReason[] = [
  {
    file: STORE,
    mutator: 'CallExpression',
    code: 'keeper.retain(state.profiles);',
    kind: 'harmless',
    reason: CACHE_MEMORY,
  },
  {
    file: SECRETS,
    mutator: 'CallExpression',
    code: 'sealedHere.set(sealed, clear);',
    kind: 'harmless',
    reason: CACHE_SPEED,
  },
  {
    file: SECRETS,
    mutator: 'ConditionalExpression',
    code: 'known !== undefined',
    replacement: 'false',
    kind: 'harmless',
    reason: CACHE_SPEED,
  },
  {
    file: SECRETS,
    mutator: ['ConditionalExpression', 'EqualityOperator', 'CallExpression'],
    code: [
      'p.publicKeyCipher !== null',
      'p.secretCipher !== null',
      'kept.add(p.publicKeyCipher);',
      'kept.add(p.secretCipher);',
    ],
    kind: 'harmless',
    reason: `${CACHE_SPEED} (the cache is pruned of values still in use, or keeps a \`null\` that matches nothing)`,
  },
  {
    file: SECRETS,
    mutator: 'ConditionalExpression',
    code: 'sealedHere.size === 0',
    replacement: 'false',
    kind: 'equivalent',
    reason: 'the prune loop runs over an empty cache and deletes nothing',
  },
  {
    file: SECRETS,
    mutator: 'ConditionalExpression',
    code: '!kept.has(sealed)',
    replacement: 'true',
    kind: 'harmless',
    reason: CACHE_SPEED,
  },
  {
    file: SECRETS,
    mutator: [
      'ConditionalExpression',
      'EqualityOperator',
      'CallExpression',
      'BooleanLiteral',
      'BlockStatement',
    ],
    code: ['sealedHere.size === 0', '!kept.has(sealed)', 'sealedHere.delete(sealed);'],
    kind: 'harmless',
    reason: CACHE_MEMORY,
  },
];
