import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  METRICS_TOKEN_FILE,
  hasBearer,
  loadMetricsToken,
} from '../../../../electron/core/metrics/metrics-token';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-metrics-token-');

describe('metrics token file', () => {
  it('makes a long random token in a private file, and the same token on the next start', () => {
    const dir = join(tempDir(), 'new', 'data');
    const token = loadMetricsToken(dir);
    // 32 random bytes in base64url: long, and safe in a header.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dir, METRICS_TOKEN_FILE);
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(loadMetricsToken(dir)).toBe(token);
    // Another data folder gets its own token.
    expect(loadMetricsToken(join(tempDir(), 'other'))).not.toBe(token);
  });

  it('keeps a token the user wrote, trimmed, and makes its file private again', () => {
    const dir = tempDir();
    const file = join(dir, METRICS_TOKEN_FILE);
    writeFileSync(file, '  a-token-of-sixteen!  \n', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(loadMetricsToken(dir)).toBe('a-token-of-sixteen!');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('accepts a token of exactly 16 characters and leaves a private file as it is', () => {
    const dir = tempDir();
    const file = join(dir, METRICS_TOKEN_FILE);
    writeFileSync(file, '0123456789abcdef', { mode: 0o400 });
    chmodSync(file, 0o400);
    expect(loadMetricsToken(dir)).toBe('0123456789abcdef');
    // Already private (read-only for the owner): not widened to 0600.
    expect(statSync(file).mode & 0o777).toBe(0o400);
  });

  it('refuses a token shorter than 16 characters, naming the file and what to do', () => {
    const dir = tempDir();
    const file = join(dir, METRICS_TOKEN_FILE);
    writeFileSync(file, '0123456789abcde\n');
    expect(() => loadMetricsToken(dir)).toThrow(file);
    expect(() => loadMetricsToken(dir)).toThrow(/shorter than 16 characters.*delete it/);
    // The short token is not replaced behind the user's back.
    expect(readFileSync(file, 'utf8')).toBe('0123456789abcde\n');
  });

  it('reports a token path it cannot read instead of overwriting it', () => {
    const dir = tempDir();
    // A folder where the file should be: EISDIR, not "missing".
    mkdirSync(join(dir, METRICS_TOKEN_FILE));
    expect(() => loadMetricsToken(dir)).toThrow(/EISDIR/);
  });
});

describe('metrics bearer check', () => {
  const token = 'Zq3-token_for-the-metrics-endpoint';

  it('lets in exactly the token, with any case of "Bearer" and surrounding spaces', () => {
    expect(hasBearer(`Bearer ${token}`, token)).toBe(true);
    expect(hasBearer(`bearer ${token}`, token)).toBe(true);
    expect(hasBearer(`  BEARER   ${token}  `, token)).toBe(true);
  });

  it('refuses no header, another scheme, an empty token, a prefix, a longer token and a near miss', () => {
    expect(hasBearer(undefined, token)).toBe(false);
    expect(hasBearer('', token)).toBe(false);
    expect(hasBearer(token, token)).toBe(false);
    expect(hasBearer(`Basic ${token}`, token)).toBe(false);
    expect(hasBearer(`xBearer ${token}`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token} extra`, token)).toBe(false);
    expect(hasBearer('Bearer', token)).toBe(false);
    expect(hasBearer('Bearer ', token)).toBe(false);
    expect(hasBearer(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token.slice(0, 8)}`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token}x`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token.slice(0, -1)}X`, token)).toBe(false);
    // Nothing may ride along after a line break either.
    expect(hasBearer(`Bearer ${token}\nX-Other: 1`, token)).toBe(false);
  });
});
