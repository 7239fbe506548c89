/**
 * The secrets side of the profile store (profile-secrets.ts) with a cipher
 * the test controls: secrets are handed out only for the address they were
 * saved for, a stored value that cannot be opened here is reported (per
 * field, in words, never with the secret), edits seal, keep or clear, and a
 * value is refused when there is no secret storage.
 */
import { describe, expect, it } from 'vitest';
import {
  createSecretKeeper,
  secretsOfMovedFile,
} from '../../../../electron/core/profiles/profile-secrets';
import type { SecretCipher } from '../../../../electron/core/profiles/secret-cipher';
import type { StoredProfile } from '../../../../electron/core/profiles/stored-file';
import type { ProfileInput, ValidationResult } from '../../../../shared/profile-model';
import { defaultProfileInput } from '../../../../shared/profile-validation';

const URL_A = 'ws://gw-a.example:3030/gateway';
const URL_B = 'wss://gw-b.example/gateway';

/** Seals as `v1:<text reversed>`; values sealed under another key version fail to open. */
function testCipher(backend = 'file-key') {
  const state = { available: true, version: 'v1' };
  const cipher: SecretCipher = {
    info: () => ({ backend, strong: true, description: { key: 'secrets.sessionOnly' } }),
    isAvailable: () => state.available,
    encrypt: (plain) => `${state.version}:${[...plain].reverse().join('')}`,
    decrypt: (sealed) => {
      if (!sealed.startsWith(`${state.version}:`)) throw new Error('cannot open');
      return [...sealed.slice(3)].reverse().join('');
    },
  };
  return { cipher, state };
}

function stored(overrides: Partial<StoredProfile> = {}): StoredProfile {
  const { publicKey: _pk, secret: _s, ...fields } = defaultProfileInput();
  return {
    ...fields,
    name: 'Prod bot',
    url: URL_A,
    id: 'p1',
    demo: false,
    createdAt: 1,
    updatedAt: 1,
    publicKeyCipher: null,
    secretCipher: null,
    cipherBackend: 'file-key',
    secretsFor: null,
    ...overrides,
  };
}

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  const { publicKey: _pk, secret: _s, ...fields } = defaultProfileInput();
  return { ...fields, name: 'Prod bot', url: URL_A, ...overrides } as ProfileInput;
}

function emptyResult(): ValidationResult {
  return { ok: true, errors: {}, warnings: {} } as ValidationResult;
}

describe('secrets go only to the address they were saved for', () => {
  it('hands both out for that address, however it is written', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      publicKeyCipher: keeper.seal('  pk-123  '),
      secretCipher: cipher.encrypt('sec-456'),
      secretsFor: 'ws://gw-a.example:3030/gateway',
    });
    expect(keeper.secretsFor(p, 'WS://GW-A.example:3030/gateway')).toEqual({
      publicKey: 'pk-123',
      secret: 'sec-456',
      error: null,
      problem: null,
    });
  });

  it('refuses another address, naming both, never the secret', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      secretCipher: keeper.seal('sec-456'),
      secretsFor: 'ws://gw-a.example:3030/gateway',
    });
    const r = keeper.secretsFor(p, URL_B);
    expect(r.publicKey).toBeNull();
    expect(r.secret).toBeNull();
    expect(r.problem).toBe('other-address');
    expect(r.error).toBe(
      'The stored secrets of "Prod bot" were saved for ws://gw-a.example:3030/gateway and are only sent there; enter them again to use them with wss://gw-b.example/gateway.',
    );
    expect(r.error).not.toContain('sec-456');
  });

  it('refuses when no address was saved, or the one asked for is not an address', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({ publicKeyCipher: keeper.seal('pk'), secretsFor: null });
    expect(keeper.secretsFor(p, URL_A).error).toBe(
      'The stored secrets of "Prod bot" were saved for another address and are only sent there; enter them again to use them with ws://gw-a.example:3030/gateway.',
    );
    const q = stored({ publicKeyCipher: keeper.seal('pk'), secretsFor: URL_A });
    expect(keeper.secretsFor(q, 'not a url').error).toContain('to use them with this address.');
  });

  it('a profile with no stored secret gets none, with no problem, for any address', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const none = { publicKey: null, secret: null, error: null, problem: null };
    expect(keeper.secretsFor(stored(), URL_B)).toEqual(none);
    state.available = false;
    expect(keeper.secretsFor(stored(), URL_B)).toEqual(none);
  });
});

describe('stored secrets that cannot be opened here', () => {
  it('without secret storage: unreadable, and the connection is told why', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({ secretCipher: cipher.encrypt('s'), secretsFor: URL_A });
    state.available = false;
    expect(keeper.secretsFor(p, URL_A)).toEqual({
      publicKey: null,
      secret: null,
      problem: 'unreadable',
      error:
        'Secrets unreadable, enter them again: the secret storage is not available, so the stored secrets of "Prod bot" cannot be read.',
    });
    // Nothing can be told about the values themselves then.
    expect(keeper.recheck(p)).toBe(false);
    expect(keeper.needsReentry('p1')).toBe(false);
  });

  it('names the one field that fails, or both', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const oldSecret = cipher.encrypt('s');
    const oldKey = cipher.encrypt('pk');
    state.version = 'v2';
    const one = keeper.secretsFor(
      stored({ publicKeyCipher: cipher.encrypt('pk'), secretCipher: oldSecret, secretsFor: URL_A }),
      URL_A,
    );
    expect(one.problem).toBe('unreadable');
    expect(one.publicKey).toBeNull();
    expect(one.error).toBe(
      'Secrets unreadable, enter it again: the stored shared secret of "Prod bot" could not be decrypted on this computer. Enter it again in the profile editor.',
    );
    expect([...keeper.unreadable('p1')]).toEqual(['secret']);
    const both = keeper.secretsFor(
      stored({ publicKeyCipher: oldKey, secretCipher: oldSecret, secretsFor: URL_A }),
      URL_A,
    );
    expect(both.error).toBe(
      'Secrets unreadable, enter them again: the stored public key and secret of "Prod bot" could not be decrypted on this computer. Enter them again in the profile editor.',
    );
    const keyOnly = keeper.secretsFor(
      stored({ publicKeyCipher: oldKey, secretsFor: URL_A }),
      URL_A,
    );
    expect(keyOnly.error).toContain('the stored public key of "Prod bot"');
  });

  it('remembers the failing fields until they are entered again, per profile', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      publicKeyCipher: cipher.encrypt('pk'),
      secretCipher: cipher.encrypt('s'),
      secretsFor: URL_A,
    });
    expect(keeper.recheck(p)).toBe(false);
    expect(keeper.needsReentry('p1')).toBe(false);
    state.version = 'v2';
    expect(keeper.recheck(p)).toBe(true);
    expect(keeper.recheck(p)).toBe(false);
    expect([...keeper.unreadable('p1')].sort()).toEqual(['publicKey', 'secret']);
    expect(keeper.needsReentry('p1')).toBe(true);
    expect(keeper.unreadable('p2').size).toBe(0);

    keeper.copy('p1', 'p2');
    keeper.copy('nobody', 'p3');
    expect(keeper.needsReentry('p3')).toBe(false);
    keeper.entered('p1', ['secret']);
    expect([...keeper.unreadable('p1')]).toEqual(['publicKey']);
    expect(keeper.needsReentry('p1')).toBe(true);
    keeper.entered('p1', ['publicKey']);
    expect(keeper.needsReentry('p1')).toBe(false);
    keeper.entered('nobody', ['secret']);
    // The copy kept its own set.
    expect([...keeper.unreadable('p2')].sort()).toEqual(['publicKey', 'secret']);
    keeper.forget('p2');
    expect(keeper.needsReentry('p2')).toBe(false);
  });

  it('an export gives null for what cannot be opened and says whether that is news', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      publicKeyCipher: cipher.encrypt('pk'),
      secretCipher: cipher.encrypt('s'),
      secretsFor: URL_A,
    });
    expect(keeper.exportValues(p)).toEqual({
      values: { publicKey: 'pk', secret: 's' },
      changed: false,
    });
    state.version = 'v2';
    expect(keeper.exportValues(p)).toEqual({
      values: { publicKey: null, secret: null },
      changed: true,
    });
    expect(keeper.exportValues(p).changed).toBe(false);
  });

  it('warns in the form for each unreadable field not being entered again', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      publicKeyCipher: cipher.encrypt('pk'),
      secretCipher: cipher.encrypt('s'),
      secretsFor: URL_A,
    });
    state.version = 'v2';
    keeper.recheck(p);
    const r = keeper.annotate(emptyResult(), p, input({ secret: 'new' }));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual({
      publicKey: 'The stored public key could not be decrypted on this computer; enter it again.',
    });
    const r2 = keeper.annotate(emptyResult(), p, input({ publicKey: 'new' }));
    expect(r2.warnings).toEqual({
      secret: 'The stored secret could not be decrypted on this computer; enter it again.',
    });
  });
});

describe('a change of gateway address', () => {
  it('needs each stored secret entered again (or cleared), naming both addresses', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({
      publicKeyCipher: keeper.seal('pk'),
      secretCipher: keeper.seal('s'),
      secretsFor: 'ws://gw-a.example:3030/gateway',
    });
    expect(keeper.addressChangeErrors(p, input({ url: URL_B }))).toEqual({
      publicKey:
        'The gateway address changed to wss://gw-b.example/gateway: enter the public key again. The stored one is only sent to ws://gw-a.example:3030/gateway, the address it was saved for.',
      secret:
        'The gateway address changed to wss://gw-b.example/gateway: enter the shared secret again. The stored one is only sent to ws://gw-a.example:3030/gateway, the address it was saved for.',
    });
    expect(keeper.addressChangeErrors(p, input({ url: URL_B, secret: null }))).toEqual({
      publicKey: expect.stringContaining('enter the public key again') as unknown as string,
    });
    const r = keeper.annotate(emptyResult(), p, input({ url: URL_B, publicKey: 'x', secret: 'y' }));
    expect(r).toEqual(emptyResult());
  });

  it('a form moving secrets elsewhere is not ok, and keeps its other errors', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({ secretCipher: keeper.seal('s'), secretsFor: null });
    const before = { ok: false, errors: { name: 'Name is required.' }, warnings: {} };
    const r = keeper.annotate(before as ValidationResult, p, input({ url: 'bad url' }));
    expect(r.ok).toBe(false);
    expect(r.errors['name']).toBe('Name is required.');
    expect(r.errors['secret']).toBe(
      'The gateway address changed to the new address: enter the shared secret again. The stored one is only sent to another address, the address it was saved for.',
    );
  });

  it('only a secret that is stored needs entering again', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const onlyKey = stored({ publicKeyCipher: keeper.seal('pk'), secretsFor: URL_A });
    const onlySecret = stored({ secretCipher: keeper.seal('s'), secretsFor: URL_A });
    expect(Object.keys(keeper.addressChangeErrors(onlyKey, input({ url: URL_B })))).toEqual([
      'publicKey',
    ]);
    expect(Object.keys(keeper.addressChangeErrors(onlySecret, input({ url: URL_B })))).toEqual([
      'secret',
    ]);
  });

  it('nothing to enter again for the same address, or with nothing stored', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({ secretCipher: keeper.seal('s'), secretsFor: URL_A });
    expect(keeper.addressChangeErrors(p, input({ url: `${URL_A} ` }))).toEqual({});
    expect(keeper.addressChangeErrors(stored(), input({ url: URL_B }))).toEqual({});
  });

  it('binds stored secrets to the address of the URL, and nothing when none is stored', () => {
    const keeper = createSecretKeeper(testCipher().cipher);
    expect(keeper.bindingFor('ws://h:80/g', 'c', null)).toBe('ws://h:80/g');
    expect(keeper.bindingFor('ws://h/g', null, 'c')).toBe('ws://h:80/g');
    expect(keeper.bindingFor('ws://h/g', null, null)).toBeNull();
  });
});

describe('editing a secret', () => {
  it('keeps, clears or seals (trimmed) the value', () => {
    const { cipher } = testCipher();
    const keeper = createSecretKeeper(cipher);
    expect(keeper.applyEdit('old', undefined)).toBe('old');
    expect(keeper.applyEdit('old', null)).toBeNull();
    expect(keeper.applyEdit('old', '   ')).toBeNull();
    const sealed = keeper.applyEdit(null, '  new  ');
    expect(sealed).not.toContain('new');
    expect(cipher.decrypt(sealed ?? '')).toBe('new');
  });

  it('refuses a value to store when there is no secret storage, saying so', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    expect(keeper.refuseWithoutCipher('x')).toBeNull();
    state.available = false;
    expect(keeper.refuseWithoutCipher(undefined, null, '  ')).toBeNull();
    const r = keeper.refuseWithoutCipher(undefined, 'x');
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error.code).toBe('unavailable');
      expect(r.error.message).toBe(
        'Secrets cannot be stored right now: Secrets are kept for this session only: they are encrypted with a key held in memory, nothing that could decrypt them is written to disk, and you enter them again after Shardwatch restarts. The secret storage is not available.',
      );
    }
    expect(keeper.unavailable()).toEqual(r);
  });

  it('a value sealed here is handed back while a profile holds it, read afresh once none does', () => {
    const { cipher, state } = testCipher();
    const keeper = createSecretKeeper(cipher);
    const p = stored({ secretCipher: keeper.seal('s'), secretsFor: URL_A });
    state.version = 'v2';
    // Sealed this session: no need to open it again.
    keeper.retain([p]);
    expect(keeper.secretsFor(p, URL_A).secret).toBe('s');
    keeper.retain([stored({ publicKeyCipher: 'other', secretCipher: null })]);
    expect(keeper.secretsFor(p, URL_A).problem).toBe('unreadable');
  });
});

describe('the secrets of a profiles file set aside', () => {
  it('are said to be kept, waiting for the storage, or gone with the session', () => {
    const kept = testCipher();
    expect(secretsOfMovedFile(kept.cipher)).toEqual({ key: 'notice.movedSecretsKept' });
    kept.state.available = false;
    expect(secretsOfMovedFile(kept.cipher)).toEqual({ key: 'notice.movedSecretsWaiting' });
    expect(secretsOfMovedFile(testCipher('session-only').cipher)).toEqual({
      key: 'notice.movedSecretsSession',
    });
  });
});
