import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CipherError,
  createFileKeyCipher,
  createMemoryCipher,
} from '../../../../electron/core/profiles/secret-cipher';
import { createTranslator, sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const CANARY = 'CANARY-secret-9d1f04e2';
const tempDir = useTempDirs('shardwatch-profiles-');

describe('file-key cipher', () => {
  it('creates a private key file on first use and round-trips', () => {
    const dir = tempDir();
    const c = createFileKeyCipher(dir);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
    const sealed = c.encrypt(CANARY);
    expect(sealed).not.toContain(CANARY);
    expect(c.decrypt(sealed)).toBe(CANARY);
    expect(modeOf(path.join(dir, 'secret.key'))).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['secret.key']);
  });

  it('a second cipher on the same directory reads the same key', () => {
    const dir = tempDir();
    const sealed = createFileKeyCipher(dir).encrypt(CANARY);
    expect(createFileKeyCipher(dir).decrypt(sealed)).toBe(CANARY);
  });

  it('says plainly that the protection is weak and where the key is', () => {
    const dir = tempDir();
    const info = createFileKeyCipher(dir).info();
    expect(info.backend).toBe('file-key');
    expect(info.strong).toBe(false);
    const english = wordNotice(info.description, sayEnglish);
    expect(english).toContain(path.join(dir, 'secret.key'));
    expect(english).toMatch(/Anyone who can read your user files can decrypt them/);
    // And in Portuguese, from the same key.
    const portuguese = wordNotice(info.description, createTranslator('pt-BR').say);
    expect(portuguese).toContain(path.join(dir, 'secret.key'));
    expect(portuguese).toMatch(/Quem puder ler os arquivos do seu usuário pode decifrá-los/);
  });

  it('fails with a CipherError that never holds the value when the key changed', () => {
    const sealed = createFileKeyCipher(tempDir()).encrypt(CANARY);
    const other = createFileKeyCipher(tempDir());
    let caught: unknown;
    try {
      other.decrypt(sealed);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CipherError);
    expect(String((caught as Error).message)).not.toContain(CANARY);
    expect(String((caught as Error).message)).not.toContain(sealed.slice(3, 20));
  });

  it('moves a damaged key file aside, makes a new key and names both files', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short\n', { mode: 0o600 });
    const c = createFileKeyCipher(dir);
    expect(c.isAvailable()).toBe(true);
    expect(c.decrypt(c.encrypt('x'))).toBe('x');
    const aside = fs.readdirSync(dir).filter((n) => n.startsWith('secret.key.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('short\n');
    expect(modeOf(path.join(dir, 'secret.key'))).toBe(0o600);
    const [problem] = c.problems?.() ?? [];
    expect(problem?.message).toContain(path.join(dir, 'secret.key'));
    expect(problem?.message).toContain(path.join(dir, aside[0] ?? ''));
    expect(problem?.message).toMatch(/enter the secrets again/);
  });

  it('leaves a key file it cannot read alone and says why', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'secret.key'));
    const c = createFileKeyCipher(dir);
    expect(c.isAvailable()).toBe(false);
    expect(() => c.encrypt('x')).toThrow(/could not be read \(EISDIR\)/);
    expect(fs.statSync(path.join(dir, 'secret.key')).isDirectory()).toBe(true);
    expect(c.problems?.()[0]?.message).toMatch(/secret\.key could not be read \(EISDIR\)/);
  });
});

describe('memory cipher', () => {
  it('round-trips within a session, and another session cannot read it', () => {
    const a = createMemoryCipher();
    const sealed = a.encrypt(CANARY);
    expect(a.decrypt(sealed)).toBe(CANARY);
    expect(() => createMemoryCipher().decrypt(sealed)).toThrow(CipherError);
    expect(a.info().backend).toBe('session-only');
  });
});
