/**
 * Temp folders for tests, one way everywhere: made under the OS temp folder
 * with a `shardwatch-…` prefix, removed by `cleanup()` or after each test.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Temp folders made by a suite, removed by `cleanup()`. */
export interface TempDirs {
  make(prefix?: string): string;
  cleanup(): void;
}

/** Temp folders the caller removes with `cleanup()` (suites with their own life cycle). */
export function createTempDirs(defaultPrefix = 'shardwatch-test-'): TempDirs {
  const made: string[] = [];
  return {
    make(prefix = defaultPrefix) {
      const d = mkdtempSync(join(tmpdir(), prefix));
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/**
 * Per-test temp folders: call at the top of a test file; the returned
 * function makes a fresh folder, removed after the test that made it.
 */
export function useTempDirs(defaultPrefix = 'shardwatch-test-'): (prefix?: string) => string {
  const dirs = createTempDirs(defaultPrefix);
  afterEach(() => dirs.cleanup());
  return (prefix) => dirs.make(prefix);
}

/** Permission bits of a file or folder (`0o600`…). */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}
