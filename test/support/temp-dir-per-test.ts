/**
 * Per-test temp folders for vitest suites, over the one temp-dir helper
 * (temp-dir.ts), which stays free of vitest so Playwright and the
 * benchmarks can use it.
 */
import { afterEach } from 'vitest';
import { createTempDirs } from './temp-dir';

/**
 * Call at the top of a test file; the returned function makes a fresh
 * folder, removed after the test that made it.
 */
export function useTempDirs(defaultPrefix = 'shardwatch-test-'): (prefix?: string) => string {
  const dirs = createTempDirs(defaultPrefix);
  afterEach(() => dirs.cleanup());
  return (prefix) => dirs.make(prefix);
}
