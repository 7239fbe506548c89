/**
 * Two Shardwatch processes starting at once on one data folder must agree on
 * one metrics token: the one that writes second reads the first one's token
 * instead of overwriting it (Prometheus may already hold it). The race is
 * staged by making the first read of the token file find nothing and the
 * other process write its token right then.
 */
import * as fs from 'node:fs';
import type * as NodeFs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  METRICS_TOKEN_FILE,
  loadMetricsToken,
} from '../../../../electron/core/metrics/metrics-token';
import { useTempDirs } from '../../../support/temp-dir-per-test';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof NodeFs>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

const tempDir = useTempDirs('shardwatch-metrics-race-');

describe('metrics token file written by two processes at once', () => {
  it('keeps the token the other process wrote first, and returns it', () => {
    const dir = tempDir();
    const file = join(dir, METRICS_TOKEN_FILE);
    const theirs = 'token-of-the-other-process-0123';
    vi.mocked(fs.readFileSync).mockImplementationOnce(() => {
      // The other process writes its token just after this one found none.
      fs.writeFileSync(file, `${theirs}\n`, { mode: 0o600 });
      throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
    });
    expect(loadMetricsToken(dir)).toBe(theirs);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${theirs}\n`);
  });
});
