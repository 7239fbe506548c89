import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import type { ProfileInput } from '../../../../shared/profile-model';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createTranslator, type Say } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-profiles-');

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    ...defaultProfileInput(),
    name: 'Prod bot',
    botId: '1234',
    publicKey: 'pk',
    secret: 's',
    ...overrides,
  };
}

function open(dir: string, say?: Say) {
  let n = 0;
  // Fake clock at 2026-11-26 12:00:00 UTC names the moved-aside files.
  return createProfileStore({
    dir,
    cipher: createFileKeyCipher(dir),
    clock: createFakeClock(),
    idFactory: () => `p${++n}`,
    ...(say ? { say } : {}),
  });
}

function seed(dir: string, names: string[]): string {
  const store = open(dir);
  names.forEach((name, i) => {
    const r = store.create(input({ name, botId: String(i + 1) }));
    if (!r.ok) throw new Error(r.error.message);
  });
  store.dispose();
  return path.join(dir, 'profiles.json');
}

const ASIDE = 'profiles.corrupt-20261126-120000.json';

describe('damaged profiles file', () => {
  it('invalid JSON is moved aside with a notice and the app starts empty', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    fs.writeFileSync(file, '{ this is not json');
    const store = open(dir);
    expect(store.list()).toEqual([]);
    expect(store.readOnly).toBe(false);
    const [notice] = store.notices();
    expect(notice?.level).toBe('error');
    expect(notice?.message).toMatch(
      /^Your profiles file could not be read \(it is not valid JSON, perhaps truncated\)\. It was moved to /,
    );
    expect(notice?.message).toContain(path.join(dir, ASIDE));
    expect(fs.readFileSync(path.join(dir, ASIDE), 'utf8')).toBe('{ this is not json');
    expect(modeOf(path.join(dir, ASIDE))).toBe(0o600);
    // And it works normally afterwards.
    expect(store.create(input()).ok).toBe(true);
    expect(modeOf(file)).toBe(0o600);
  });

  it('a truncated file is moved aside and the newest good backup restored, with a notice naming both', () => {
    const dir = tempDir();
    const file = seed(dir, ['A', 'B']);
    const full = fs.readFileSync(file);
    fs.writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)));
    const store = open(dir);
    expect(store.list().map((p) => p.name)).toEqual(['A', 'B']);
    const [notice] = store.notices();
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toMatch(
      /could not be read \(it is not valid JSON, perhaps truncated\)/,
    );
    expect(notice?.message).toContain(path.join(dir, ASIDE));
    expect(notice?.message).toContain(`restored the last good version, saved `);
    expect(notice?.message).toContain(path.join(dir, 'profiles.backup-1.json'));
    expect(
      fs.readFileSync(path.join(dir, ASIDE)).equals(full.subarray(0, Math.floor(full.length / 2))),
    ).toBe(true);
    // Restored on disk too, and the secrets still open (same key).
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).profiles).toHaveLength(2);
    const id = store.list()[0]?.id ?? '';
    expect(store.getSecrets(id, store.get(id)?.url ?? '').secret).toBe('s');
  });

  it('keeps the last three good versions, 0600, and falls back to an older one when the newest is damaged', () => {
    const dir = tempDir();
    const file = seed(dir, ['A', 'B', 'C', 'D']);
    const backups = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith('profiles.backup-'))
      .sort();
    expect(backups).toEqual([
      'profiles.backup-1.json',
      'profiles.backup-2.json',
      'profiles.backup-3.json',
    ]);
    for (const b of backups) expect(modeOf(path.join(dir, b))).toBe(0o600);
    const names = (n: number) =>
      JSON.parse(fs.readFileSync(path.join(dir, `profiles.backup-${n}.json`), 'utf8')).profiles.map(
        (p: { name: string }) => p.name,
      );
    expect([names(1), names(2), names(3)]).toEqual([
      ['A', 'B', 'C', 'D'],
      ['A', 'B', 'C'],
      ['A', 'B'],
    ]);
    fs.writeFileSync(file, '');
    fs.writeFileSync(path.join(dir, 'profiles.backup-1.json'), '{"schemaVersion": 1, "prof');
    const store = open(dir);
    expect(store.list().map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(store.notices()[0]?.message).toContain(path.join(dir, 'profiles.backup-2.json'));
  });

  it('with no good backup it starts empty, and says the secrets are still encrypted under the intact key', () => {
    const dir = tempDir();
    const file = seed(dir, ['A']);
    for (const n of fs.readdirSync(dir).filter((x) => x.startsWith('profiles.backup-')))
      fs.rmSync(path.join(dir, n));
    fs.writeFileSync(file, '{"schemaVersion": 1, "profiles": [');
    const store = open(dir);
    expect(store.list()).toEqual([]);
    const message = store.notices()[0]?.message ?? '';
    expect(message).toMatch(/found no good backup/);
    expect(message).toMatch(/still encrypted with the key on this computer/);
    expect(message).not.toMatch(/not readable|unreadable/);
  });

  it('a file of the wrong shape is moved aside', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ profiles: 'nope' }));
    const store = open(dir);
    expect(store.notices()[0]?.message).toMatch(/\(it has no valid schemaVersion\)/);
  });

  it('keeps the valid profiles when some are damaged, saves a copy and says so', () => {
    const dir = tempDir();
    const file = seed(dir, ['A', 'B', 'C']);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.profiles[1].shardTotal = 'many';
    fs.writeFileSync(file, JSON.stringify(doc));
    const original = fs.readFileSync(file, 'utf8');

    const store = open(dir);
    expect(store.list().map((p) => p.name)).toEqual(['A', 'C']);
    const [notice] = store.notices();
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toMatch(/profile 2\.shardTotal must be a number/);
    expect(notice?.message).toContain(path.join(dir, ASIDE));
    expect(fs.readFileSync(path.join(dir, ASIDE), 'utf8')).toBe(original);
    store.dispose();
    // The cleaned file was written, so the next start is quiet.
    expect(open(dir).notices()).toEqual([]);
  });
});

describe('the copy of a partly damaged file', () => {
  it('is private even when the damaged file was not', () => {
    const dir = tempDir();
    const file = seed(dir, ['A', 'B']);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.profiles[1].shardTotal = 'many';
    fs.writeFileSync(file, JSON.stringify(doc));
    fs.chmodSync(file, 0o644);
    const store = open(dir);
    expect(store.list().map((p) => p.name)).toEqual(['A']);
    expect(modeOf(path.join(dir, ASIDE))).toBe(0o600);
    store.dispose();
  });
});

describe('profiles file from a newer version', () => {
  it('opens read-only, refuses every write, and never touches the file', () => {
    const dir = tempDir();
    const file = seed(dir, ['A']);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.schemaVersion = 2;
    doc.profiles[0].somethingNew = { x: 1 };
    fs.writeFileSync(file, JSON.stringify(doc));
    const before = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;
    const listed = fs.readdirSync(dir).sort();

    const store = open(dir);
    expect(store.readOnly).toBe(true);
    expect(store.list().map((p) => p.name)).toEqual(['A']);
    expect(store.notices()[0]?.message).toMatch(/newer version of Shardwatch/);
    expect(store.notices()[0]?.level).toBe('warning');
    const id = store.list()[0]?.id ?? '';
    const attempts = [
      store.create(input({ name: 'B' })),
      store.update(id, input({ name: 'A2' })),
      store.duplicate(id),
      store.delete(id),
      store.setEnabled(id, false),
      store.reorder([id]),
      store.updateSettings({ theme: 'dark' }),
      store.importProfiles({ content: '{}' }),
    ];
    for (const r of attempts) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('read-only');
        expect(r.error.message).toMatch(/newer version of Shardwatch/);
      }
    }
    expect(store.getSecrets(id, store.get(id)?.url ?? '').secret).toBe('s');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir).sort()).toEqual(listed);
  });
});

describe('profiles file problems in Brazilian Portuguese', () => {
  it('words the notice and the read-only refusal in the user language, and again after a switch', () => {
    const dir = tempDir();
    const file = seed(dir, ['A']);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.schemaVersion = 2;
    fs.writeFileSync(file, JSON.stringify(doc));
    const translator = createTranslator('pt-BR');
    const store = open(dir, translator.say);
    expect(store.notices()[0]?.message).toMatch(
      /^O seu arquivo de perfis foi gravado por uma versão mais nova do Shardwatch \(esquema 2;/,
    );
    const refused = store.create(input({ name: 'B' }));
    expect(refused.ok ? '' : refused.error.message).toMatch(/^O seu arquivo de perfis foi gravado/);
    translator.use('en');
    expect(store.notices()[0]?.message).toMatch(
      /^Your profiles file was written by a newer version/,
    );
    store.dispose();
  });
});

describe('damaged profiles in Brazilian Portuguese', () => {
  it('names the damaged profile and what is wrong in the user language', () => {
    const dir = tempDir();
    const file = seed(dir, ['A', 'B']);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.profiles[1].shardTotal = 'many';
    fs.writeFileSync(file, JSON.stringify(doc));
    const store = open(dir, createTranslator('pt-BR').say);
    expect(store.notices()[0]?.message).toContain('(perfil 2.shardTotal precisa ser um número)');
    store.dispose();
  });
});

describe('profile import in Brazilian Portuguese', () => {
  it('refuses a file that is not an export, and a short passphrase, in the user language', () => {
    const store = open(tempDir(), createTranslator('pt-BR').say);
    const notJson = store.importProfiles({ content: '{ not json' });
    expect(notJson.ok ? '' : notJson.error.message).toBe(
      'Este arquivo não é JSON válido (pode estar truncado ou não ser uma exportação do Shardwatch). Nada foi importado.',
    );
    const short = store.exportProfiles({ includeSecrets: true, passphrase: 'x' });
    expect(short.ok ? '' : short.error.fieldErrors?.['passphrase']).toMatch(
      /^Escolha uma senha de pelo menos \d+ caracteres/,
    );
    store.dispose();
  });
});
