/**
 * Temp folders for tests, benchmarks and Playwright, one way everywhere:
 * made under the OS temp folder with a `shardwatch-…` prefix and removed
 * by whoever made them. No test runner is imported here, so Playwright and
 * the benchmarks use it as the vitest suites do; vitest suites that want a
 * fresh folder per test use `useTempDirs` (temp-dir-per-test.ts).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temp folders made by a suite, removed by `cleanup()`. */
export interface TempDirs {
  make(prefix?: string): string;
  cleanup(): void;
}

/** A fresh temp folder (`prefix` should start with `shardwatch-`); remove it with {@link removeTempDir}. */
export function makeTempDir(prefix = 'shardwatch-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a folder made by {@link makeTempDir}, with everything in it. */
export function removeTempDir(dir: string): void {
  // A child process that was just stopped may still be closing its files
  // (SQLite removes its -wal/-shm at close): a busy folder is retried.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Temp folders the caller removes with `cleanup()` (suites with their own life cycle). */
export function createTempDirs(defaultPrefix = 'shardwatch-test-'): TempDirs {
  const made: string[] = [];
  return {
    make(prefix = defaultPrefix) {
      const d = makeTempDir(prefix);
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made.splice(0)) removeTempDir(d);
    },
  };
}

/** Permission bits of a file or folder (`0o600`…). */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}
