/**
 * Two processes (the desktop app and `shardwatch serve`, say) using a data
 * folder for the first time at once: both make a key, only one key file may
 * win, and the loser must use the winner's key, or what it seals could never
 * be read again. The race is made with a mock of `linkSync` that lets the
 * "other process" write its key file just before this one links its own
 * (two real processes cannot be timed that closely in a test).
 */
import { randomBytes } from 'node:crypto';
import type * as FsModule from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileKeyCipher, KEY_FILE } from '../../../../electron/core/profiles/secret-cipher';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const race = vi.hoisted(() => ({ otherKey: null as string | null }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof FsModule>();
  return {
    ...real,
    linkSync: (existing: FsModule.PathLike, target: FsModule.PathLike) => {
      const other = race.otherKey;
      if (other !== null) {
        race.otherKey = null;
        // The other process links its key file first.
        real.writeFileSync(target, other, { mode: 0o600 });
      }
      real.linkSync(existing, target);
    },
  };
});

const tempDir = useTempDirs('shardwatch-cipher-race-');

afterEach(() => {
  race.otherKey = null;
});

describe('two processes making the first key at once', () => {
  it('the one that loses uses the key that won, so both read what either sealed', () => {
    const dir = tempDir();
    const otherKey = `${randomBytes(32).toString('base64')}\n`;
    race.otherKey = otherKey;

    const loser = createFileKeyCipher(dir);
    const sealed = loser.encrypt('webhook-secret-value');
    expect(race.otherKey).toBeNull();
    expect(readFileSync(join(dir, KEY_FILE), 'utf8')).toBe(otherKey);
    expect(loser.problems?.()).toEqual([]);

    // The winner (another process, same folder) reads it.
    const winner = createFileKeyCipher(dir);
    expect(winner.decrypt(sealed)).toBe('webhook-secret-value');
    expect(loser.decrypt(winner.encrypt('other'))).toBe('other');
    // No temporary key file is left behind.
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });
});
