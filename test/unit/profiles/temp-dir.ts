import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp directory per test, removed after it. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shardwatch-profiles-'));
    made.push(d);
    return d;
  };
}

/** File permission bits. */
export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}
