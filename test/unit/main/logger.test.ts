import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor, createRotatingLogger, REDACTED } from '../../../electron/main/logger';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-logs-');

describe('redactor', () => {
  it('masks registered secret values wherever they appear', () => {
    const r = createRedactor();
    r.add('canary-secret-7f3a');
    r.add('abc'); // too short to register
    expect(r.redact('sent canary-secret-7f3a twice: canary-secret-7f3a')).toBe(
      `sent ${REDACTED} twice: ${REDACTED}`,
    );
    expect(r.redact('abc stays')).toBe('abc stays');
  });

  it('masks fragments, other letter case and encodings of a registered value', () => {
    const r = createRedactor();
    const value = 'Zq8LmN3vX7tR2wK9';
    r.add(value);
    for (const leak of [
      value.slice(0, 8),
      value.slice(-9).toLowerCase(),
      Buffer.from(value).toString('base64'),
      Buffer.from(value).toString('hex'),
    ]) {
      const out = r.redact(`gateway said ${leak}.`);
      expect(out).toBe(`gateway said ${REDACTED}.`);
    }
    expect(r.redact(`kept: ${value.slice(0, 7)}`)).toBe(`kept: ${value.slice(0, 7)}`);
  });

  it('masks a secret that contains another one whole', () => {
    const r = createRedactor();
    r.add('short-one');
    r.add('prefix-short-one-suffix');
    expect(r.redact('x prefix-short-one-suffix y')).toBe(`x ${REDACTED} y`);
  });

  it('masks values of secret-looking keys even when not registered', () => {
    const r = createRedactor();
    expect(r.redact('url=wss://h secret=hunter22 token: abc.def')).toBe(
      `url=wss://h secret=${REDACTED} token: ${REDACTED}`,
    );
    expect(r.redact('{"publicKey":"pk-1","name":"bot"}')).toBe(
      `{"publicKey":"${REDACTED}","name":"bot"}`,
    );
    expect(r.redact('secretNeedsReentry: true')).toBe('secretNeedsReentry: true');
  });
});

describe('rotating logger', () => {
  it('writes redacted, one-line entries', () => {
    const dir = tempDir();
    const log = createRotatingLogger({ dir, now: () => new Date(Date.UTC(2026, 0, 2)) });
    log.redactor.add('canary-secret-7f3a');
    log.info('profile saved with canary-secret-7f3a');
    log.warn('two\nlines');
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain('canary-secret-7f3a');
    expect(text).toBe(
      `2026-01-02T00:00:00.000Z [info] profile saved with ${REDACTED}\n2026-01-02T00:00:00.000Z [warn] two\\nlines\n`,
    );
    if (process.platform !== 'win32') expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size limit and keeps the given number of files', () => {
    const dir = tempDir();
    const log = createRotatingLogger({ dir, maxBytes: 200, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(existsSync(log.file)).toBe(true);
    expect(existsSync(`${log.file}.1`)).toBe(true);
    expect(existsSync(`${log.file}.2`)).toBe(true);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    for (const f of [log.file, `${log.file}.1`, `${log.file}.2`])
      expect(statSync(f).size).toBeLessThanOrEqual(200);
    expect(readFileSync(log.file, 'utf8')).toContain('line 39');
  });

  it('never throws when the folder cannot be written, and keeps echoing', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const log = createRotatingLogger({
      dir: join(dir, 'missing', '\0bad'),
      echo: (l) => echoed.push(l),
    });
    expect(() => log.error('still fine')).not.toThrow();
    expect(echoed[0]).toMatch(/\[error\] still fine$/);
    log.close();
    log.info('after close');
    expect(echoed).toHaveLength(2);
  });
});
