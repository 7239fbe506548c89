/**
 * Where the gateway worker's bundle is kept when the app runs from its
 * sources: never in a directory another local user can write, where a
 * planted worker file or manifest would run as the app.
 */
import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateCacheDir } from '../../../../electron/core/gateway/worker-entry';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-worker-entry-');
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function chosen(base: string): string {
  const dir = privateCacheDir(base);
  if (dir !== base) made.push(dir);
  return dir;
}

describe('the worker bundle cache directory', () => {
  it('is created private (0700) and reused while it stays private', () => {
    const base = join(tempDir(), 'cache');
    expect(chosen(base)).toBe(base);
    expect(statSync(base).mode & 0o777).toBe(0o700);
    expect(chosen(base)).toBe(base);
  });

  it('is not a directory others can write: a fresh private one is used instead', () => {
    const base = join(tempDir(), 'shared');
    mkdirSync(base);
    chmodSync(base, 0o777);
    const dir = chosen(base);
    expect(dir).not.toBe(base);
    expect(statSync(dir).mode & 0o077).toBe(0);
  });

  it('does not follow a symbolic link someone left in its place', () => {
    const root = tempDir();
    const target = join(root, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    const base = join(root, 'link');
    symlinkSync(target, base);
    const dir = chosen(base);
    expect(dir).not.toBe(base);
    expect(dir).not.toBe(target);
  });
});
