/**
 * The profiles file and its backups (profile-file.ts), below the store:
 * what a user is told, and what is kept, when the file cannot be opened,
 * when many profiles are damaged, when a save fails, and how the backups
 * turn over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileStamp,
  openProfileFile,
  type ProfileFileBackend,
} from '../../../../electron/core/profiles/profile-file';
import { defaultAppSettings, type StoreFile } from '../../../../electron/core/profiles/stored-file';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { formatDateTime } from '../../../../shared/format';
import { createFakeClock } from '../../../support/fake-clock';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { defaultStoredProfile } from './stored-profiles';

const tempDir = useTempDirs('shardwatch-profile-file-');
const ASIDE = 'profiles.corrupt-20261126-120000';

const profile = defaultStoredProfile;

function doc(...ids: string[]): StoreFile {
  return {
    schemaVersion: 1,
    profiles: ids.map((id) => profile(id)) as unknown as StoreFile['profiles'],
    settings: defaultAppSettings(),
  };
}

/** A backend writing the JSON straight to the file (the real ones are tested elsewhere). */
function plainBackend(dir: string): ProfileFileBackend & { writes: number } {
  const backend = {
    writes: 0,
    write(d: StoreFile) {
      backend.writes++;
      fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify(d), { mode: 0o600 });
    },
  };
  return backend;
}

function failingBackend(code: string | null): ProfileFileBackend {
  return {
    write() {
      throw code === null ? new Error('no code') : Object.assign(new Error(code), { code });
    },
  };
}

function openIn(dir: string, backend: ProfileFileBackend = plainBackend(dir)) {
  return openProfileFile({
    dir,
    configName: 'profiles',
    backend,
    clock: createFakeClock(),
    secretsOfMovedFile: () => ({ key: 'notice.movedSecretsKept' }),
  });
}

const words = (n: { text: Parameters<typeof wordNotice>[0] }) => wordNotice(n.text, sayEnglish);
const backups = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('profiles.backup-'))
    .sort();
const idsIn = (file: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as StoreFile).profiles.map((p) => p.id);

describe('names of files set aside', () => {
  it('stamps a wall time as date-time in UTC', () => {
    expect(fileStamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('20260102-030405');
    expect(fileStamp(Date.UTC(2026, 10, 26, 23, 59, 59))).toBe('20261126-235959');
  });

  it('a second damaged file in the same second gets its own name, the first is kept', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${ASIDE}.json`), 'earlier');
    fs.writeFileSync(path.join(dir, `${ASIDE}-2.json`), 'earlier too');
    fs.writeFileSync(path.join(dir, 'profiles.json'), 'not json');
    const loaded = openIn(dir).load();
    expect(words(loaded.notices[0]!)).toContain(path.join(dir, `${ASIDE}-3.json`));
    expect(fs.readFileSync(path.join(dir, `${ASIDE}.json`), 'utf8')).toBe('earlier');
    expect(fs.readFileSync(path.join(dir, `${ASIDE}-2.json`), 'utf8')).toBe('earlier too');
    expect(fs.readFileSync(path.join(dir, `${ASIDE}-3.json`), 'utf8')).toBe('not json');
  });
});

describe('loading', () => {
  it('a missing file is a fresh start, quietly, in a folder made private', () => {
    const dir = path.join(tempDir(), 'new');
    const loaded = openIn(dir).load();
    expect(loaded).toEqual({ file: null, notices: [], readOnlyReason: null });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('a profiles path that cannot be opened is set aside, with the reason', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'profiles.json'));
    const loaded = openIn(dir).load();
    expect(loaded.file).toBeNull();
    expect(loaded.readOnlyReason).toBeNull();
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]?.level).toBe('error');
    const text = words(loaded.notices[0]!);
    expect(text).toContain('(it could not be opened: EISDIR)');
    expect(text).toContain(path.join(dir, `${ASIDE}.json`));
    expect(text).toContain('found no good backup');
    expect(fs.existsSync(path.join(dir, 'profiles.json'))).toBe(false);
  });

  it('a sound file is kept as the newest backup, once', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    fs.writeFileSync(file, JSON.stringify(doc('a')));
    const loaded = openIn(dir).load();
    expect(loaded.notices).toEqual([]);
    expect(loaded.file?.profiles.map((p) => p.id)).toEqual(['a']);
    expect(backups(dir)).toEqual(['profiles.backup-1.json']);
    expect(fs.readFileSync(path.join(dir, 'profiles.backup-1.json'), 'utf8')).toBe(
      fs.readFileSync(file, 'utf8'),
    );
    openIn(dir).load();
    expect(backups(dir)).toEqual(['profiles.backup-1.json']);
  });

  it('names the first five problems and counts the rest', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    const bad = Array.from({ length: 7 }, (_, i) => profile(`b${i}`, { createdAt: -1 }));
    fs.writeFileSync(file, JSON.stringify({ ...doc('a'), profiles: [profile('a'), ...bad] }));
    const backend = plainBackend(dir);
    const loaded = openIn(dir, backend).load();
    expect(loaded.file?.profiles.map((p) => p.id)).toEqual(['a']);
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]?.level).toBe('warning');
    const text = words(loaded.notices[0]!);
    for (const n of [2, 3, 4, 5, 6]) expect(text).toContain(`profile ${n}.createdAt`);
    expect(text).not.toContain('profile 7.createdAt');
    expect(text).toContain(' and 2 more');
    expect(text).toContain(path.join(dir, `${ASIDE}.json`));
    // The cleaned file is written at once.
    expect(backend.writes).toBe(1);
    expect(idsIn(file)).toEqual(['a']);
  });

  it('five problems are all named, with no count', () => {
    const dir = tempDir();
    const bad = Array.from({ length: 5 }, (_, i) => profile(`b${i}`, { createdAt: -1 }));
    fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ ...doc(), profiles: bad }));
    const text = words(openIn(dir).load().notices[0]!);
    expect(text).toContain('profile 5.createdAt');
    expect(text).not.toContain('more');
  });

  it('when the cleaned file cannot be written, says so after the left-out notice', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    const original = JSON.stringify({ ...doc('a'), profiles: [profile('a'), 'x'] });
    fs.writeFileSync(file, original);
    const loaded = openIn(dir, failingBackend('ENOSPC')).load();
    expect(loaded.notices.map((n) => n.level)).toEqual(['warning', 'error']);
    expect(words(loaded.notices[1]!)).toBe(
      `Could not save your profiles to ${file} (ENOSPC); the last change was not saved.`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
    expect(fs.readFileSync(path.join(dir, `${ASIDE}.json`), 'utf8')).toBe(original);
  });

  it('a restored backup that cannot be written is said, with the error', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    fs.writeFileSync(path.join(dir, 'profiles.backup-1.json'), JSON.stringify(doc('a')));
    fs.writeFileSync(file, '{"schemaVersion":');
    const loaded = openIn(dir, failingBackend('EROFS')).load();
    expect(loaded.file?.profiles.map((p) => p.id)).toEqual(['a']);
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]?.level).toBe('error');
    expect(words(loaded.notices[0]!)).toBe(
      `Could not save your profiles to ${file} (EROFS); the last change was not saved.`,
    );
  });

  it('a restored backup says when it was saved, in local time like every time on screen', () => {
    const dir = tempDir();
    const backup = path.join(dir, 'profiles.backup-1.json');
    fs.writeFileSync(backup, JSON.stringify(doc('a')));
    const savedAt = new Date(Date.UTC(2026, 10, 20, 8, 30, 15));
    fs.utimesSync(backup, savedAt, savedAt);
    fs.writeFileSync(path.join(dir, 'profiles.json'), '');
    const text = words(openIn(dir).load().notices[0]!);
    expect(text).toContain('(the file is empty)');
    // 08:30 UTC in the machine's zone, to the minute (2026-11-20 08:30 where TZ is UTC).
    expect(text).toContain(`saved ${formatDateTime(savedAt.getTime())} (from`);
    expect(formatDateTime(savedAt.getTime())).toMatch(/^2026-11-2[01] \d\d:[03]0$/);
  });

  it('skips a backup with damaged profiles or from a newer build and restores an older sound one', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'profiles.backup-1.json'),
      JSON.stringify({ ...doc('a'), profiles: [profile('a'), 'x'] }),
    );
    fs.writeFileSync(
      path.join(dir, 'profiles.backup-2.json'),
      JSON.stringify({ ...doc('b'), schemaVersion: 2 }),
    );
    fs.writeFileSync(path.join(dir, 'profiles.backup-3.json'), JSON.stringify(doc('c')));
    fs.writeFileSync(path.join(dir, 'profiles.json'), '[');
    const loaded = openIn(dir).load();
    expect(loaded.file?.profiles.map((p) => p.id)).toEqual(['c']);
    expect(words(loaded.notices[0]!)).toContain(path.join(dir, 'profiles.backup-3.json'));
  });
});

describe('saving', () => {
  it('a failed save names the file and the error code, or says the error is unknown', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    for (const [code, shown] of [
      ['EACCES', 'EACCES'],
      [null, 'unknown error'],
    ] as const) {
      const r = openIn(dir, failingBackend(code)).save(doc('a'));
      expect(r?.ok).toBe(false);
      if (r && !r.ok) {
        expect(r.error.code).toBe('internal');
        expect(r.error.message).toBe(
          `Could not save your profiles to ${file} (${shown}); the last change was not saved.`,
        );
      }
    }
    expect(backups(dir)).toEqual([]);
  });

  it('keeps three generations, newest first, each whole and private, and no temporary file', () => {
    const dir = tempDir();
    const pf = openIn(dir);
    expect(pf.filePath).toBe(path.join(dir, 'profiles.json'));
    for (const ids of [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'], ['e']])
      expect(pf.save(doc(...ids))).toBeNull();
    expect(fs.readdirSync(dir).sort()).toEqual([
      'profiles.backup-1.json',
      'profiles.backup-2.json',
      'profiles.backup-3.json',
      'profiles.json',
    ]);
    expect([1, 2, 3].map((n) => idsIn(path.join(dir, `profiles.backup-${n}.json`)))).toEqual([
      ['e'],
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c'],
    ]);
    for (const n of [1, 2, 3])
      expect(modeOf(path.join(dir, `profiles.backup-${n}.json`))).toBe(0o600);
  });

  it('saving the same document again does not push an older generation out', () => {
    const dir = tempDir();
    const pf = openIn(dir);
    pf.save(doc('a'));
    pf.save(doc('a', 'b'));
    pf.save(doc('a', 'b'));
    expect(backups(dir)).toEqual(['profiles.backup-1.json', 'profiles.backup-2.json']);
    expect(idsIn(path.join(dir, 'profiles.backup-2.json'))).toEqual(['a']);
  });
});
