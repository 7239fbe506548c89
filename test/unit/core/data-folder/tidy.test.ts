/**
 * Start-up housekeeping of the data folder: leftover temporary files of a
 * killed run go, everything else stays and becomes private (folder 0700,
 * files 0600, the logs folder too).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tidyDataFolder } from '../../../../electron/core/data-folder/tidy';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs();

describe('tidyDataFolder', () => {
  it('removes temporary files left by killed writes and keeps everything else', () => {
    const dir = tempDir();
    const leftovers = [
      'profiles.json.tmp-4675000123a1b2c3', // conf (atomically: 10 digits of the time, 6 hex)
      'dismissed-notices.json.4242-3.tmp', // dismissed-notices.ts
      'secret.key.4242.0a1b2c3d4e5f.tmp', // secret-cipher.ts
      'profiles.backup-1.json.tmp-4242', // profile-file.ts
      'shardwatch.lock.4242-abc.tmp', // lock.ts
    ];
    const kept = [
      'profiles.json',
      'profiles.backup-1.json',
      'secret.key',
      'history.sqlite',
      'history.sqlite-wal',
      'profiles.corrupt-20261126-120000.json',
      'tmp-notes.json',
    ];
    for (const n of [...leftovers, ...kept]) fs.writeFileSync(path.join(dir, n), 'x');
    const report = tidyDataFolder(dir);
    expect(report.removed.map((f) => path.basename(f)).sort()).toEqual([...leftovers].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([...kept].sort());
    expect(report.failed).toEqual([]);
  });

  it('makes the folder 0700 and every file 0600, logs included', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'profiles.json'), '{}', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'history.sqlite'), '', { mode: 0o666 });
    fs.mkdirSync(path.join(dir, 'logs'), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'logs', 'main.log'), '', { mode: 0o644 });
    const report = tidyDataFolder(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'profiles.json'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'history.sqlite'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'logs'))).toBe(0o700);
    expect(modeOf(path.join(dir, 'logs', 'main.log'))).toBe(0o600);
    expect(report.tightened).toHaveLength(5);
    expect(tidyDataFolder(dir).tightened).toEqual([]);
  });
});
