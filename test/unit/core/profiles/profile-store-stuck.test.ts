/**
 * A damaged profiles file that cannot be set aside (its folder refuses the
 * move or the copy): nothing may be written then, since a write would replace
 * the only copy of what the file holds. The file system's refusal is made
 * with a mock of `renameSync`/`copyFileSync` (as root, the tests cannot make
 * a folder refuse them), once, for the first call only.
 */
import * as fs from 'node:fs';
import type * as FsModule from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProfileFile } from '../../../../electron/core/profiles/profile-file';
import { defaultAppSettings, type StoreFile } from '../../../../electron/core/profiles/stored-file';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { defaultStoredProfile } from './stored-profiles';

const refuse = vi.hoisted(() => ({ rename: false, copy: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof FsModule>();
  const eacces = (): never => {
    throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
  };
  return {
    ...real,
    renameSync: (...args: Parameters<typeof real.renameSync>) => {
      if (refuse.rename) {
        refuse.rename = false;
        eacces();
      }
      real.renameSync(...args);
    },
    copyFileSync: (...args: Parameters<typeof real.copyFileSync>) => {
      if (refuse.copy) {
        refuse.copy = false;
        eacces();
      }
      real.copyFileSync(...args);
    },
  };
});

const tempDir = useTempDirs('shardwatch-profile-stuck-');

afterEach(() => {
  refuse.rename = false;
  refuse.copy = false;
});

const profile = defaultStoredProfile;

function openIn(dir: string) {
  const writes: StoreFile[] = [];
  const pf = openProfileFile({
    dir,
    configName: 'profiles',
    backend: { write: (d) => void writes.push(d) },
    clock: createFakeClock(),
    secretsOfMovedFile: () => ({ key: 'notice.movedSecretsKept' }),
  });
  return { pf, writes };
}

describe('a damaged profiles file that cannot be set aside', () => {
  it('an unreadable file that cannot be moved: nothing is written, and the user is told why', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    fs.writeFileSync(file, '{"schemaVersion": 1, "prof');
    fs.writeFileSync(
      path.join(dir, 'profiles.backup-1.json'),
      JSON.stringify({ schemaVersion: 1, profiles: [], settings: defaultAppSettings() }),
    );
    refuse.rename = true;
    const { pf, writes } = openIn(dir);
    const loaded = pf.load();
    expect(loaded.file).toBeNull();
    expect(loaded.readOnlyReason).not.toBeNull();
    expect(wordNotice(loaded.readOnlyReason!, sayEnglish)).toBe(
      `Your profiles file ${file} could not be read and could not be moved aside (EACCES), so Shardwatch will not save changes until it is fixed or removed.`,
    );
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]?.level).toBe('error');
    expect(wordNotice(loaded.notices[0]!.text, sayEnglish)).toBe(
      `Your profiles file could not be read (it is not valid JSON, perhaps truncated). Your profiles file ${file} could not be read and could not be moved aside (EACCES), so Shardwatch will not save changes until it is fixed or removed.`,
    );
    // The backup was not restored over it.
    expect(writes).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"schemaVersion": 1, "prof');
  });

  it('a partly damaged file whose copy cannot be made: the sound profiles, read-only, with the problems', () => {
    const dir = tempDir();
    const file = path.join(dir, 'profiles.json');
    const text = JSON.stringify({ schemaVersion: 1, profiles: [profile('a'), 'x'] });
    fs.writeFileSync(file, text);
    refuse.copy = true;
    const { pf, writes } = openIn(dir);
    const loaded = pf.load();
    expect(loaded.file?.profiles.map((p) => p.id)).toEqual(['a']);
    expect(wordNotice(loaded.readOnlyReason!, sayEnglish)).toBe(
      'Parts of your profiles file could not be read and a copy could not be saved (EACCES), so Shardwatch will not save changes that would drop them.',
    );
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]?.level).toBe('error');
    expect(wordNotice(loaded.notices[0]!.text, sayEnglish)).toBe(
      'Parts of your profiles file could not be read and a copy could not be saved (EACCES), so Shardwatch will not save changes that would drop them. Problems: profile 2 is not an object.',
    );
    expect(writes).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['profiles.json']);
  });
});
