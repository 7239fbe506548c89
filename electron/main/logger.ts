/**
 * The desktop app's log: a small rotating file in `app.getPath('logs')`
 * (default 1 MiB × 3 files) that every main-process module and the core
 * (`log` option) write to. Every line passes through a redactor first: the
 * core never logs secrets, but the shell registers every secret it sees pass
 * through IPC (profile forms, passphrases) and anything that looks like
 * `secret=…` is masked too, so a future mistake does not end up on disk
 * (docs/architecture.md §3.7, defence in depth).
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretScrubber } from '../core/gateway/secret-scrub';
import { createSecretScrubber } from '../core/gateway/secret-scrub';

/** The placeholder a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Removes secret values from text. */
export interface Redactor {
  /** Remember a secret value; shorter than 4 characters is ignored (too many false hits). */
  add(secret: string): void;
  redact(text: string): string;
}

const SECRET_KEYS =
  /\b(secret|shared_secret|public_?key|token|password|passphrase|authorization)(["']?\s*[:=]\s*["']?)([^\s"',;&}]+)/gi;

/**
 * Create a redactor. Keeps at most `max` values (oldest forgotten first).
 * A registered value is masked as the gateway client masks secrets: any run
 * of 8 or more of its characters, in any letter case, and its base64, hex
 * and URL-encoded forms (electron/core/gateway/secret-scrub.ts).
 */
export function createRedactor(opts: { max?: number } = {}): Redactor {
  const max = opts.max ?? 1000;
  const values = new Set<string>();
  let scrubber: SecretScrubber | null = null;
  return {
    add(secret) {
      if (typeof secret !== 'string') return;
      const value = secret.trim();
      if (value.length < 4 || values.has(value)) return;
      values.add(value);
      if (values.size > max) {
        const oldest = values.values().next().value;
        if (oldest !== undefined) values.delete(oldest);
      }
      scrubber = null;
    },
    redact(text) {
      scrubber ??= createSecretScrubber([...values], { placeholder: REDACTED });
      return scrubber
        .scrubString(text)
        .replace(SECRET_KEYS, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
    },
  };
}

/** Options of {@link createRotatingLogger}. */
export interface RotatingLoggerOptions {
  dir: string;
  fileName?: string;
  /** Size at which the file is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Files kept including the current one (default 3). */
  maxFiles?: number;
  redactor?: Redactor;
  now?: () => Date;
  /** Also receives every (redacted) line, e.g. stderr in development. */
  echo?: (line: string) => void;
}

/** The log. Never throws: a log that cannot be written must not stop the app. */
export interface RotatingLogger {
  readonly file: string;
  readonly redactor: Redactor;
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  /** Stop writing (later lines only reach `echo`). */
  close(): void;
}

/** Create the rotating file log. */
export function createRotatingLogger(opts: RotatingLoggerOptions): RotatingLogger {
  const file = join(opts.dir, opts.fileName ?? 'main.log');
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, opts.maxFiles ?? 3);
  const redactor = opts.redactor ?? createRedactor();
  const now = opts.now ?? (() => new Date());
  let size = 0;
  let closed = false;
  let broken = false;
  try {
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    size = statSync(file).size;
  } catch {
    size = 0;
  }

  function rotate(): void {
    rmSync(`${file}.${maxFiles - 1}`, { force: true });
    for (let i = maxFiles - 2; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation did not exist yet
      }
    }
    if (maxFiles > 1) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    size = 0;
  }

  function write(level: string, text: string): void {
    // One entry per line: a newline inside a message cannot forge another entry.
    const clean = redactor.redact(String(text)).replace(/\r?\n/g, '\\n');
    const line = `${now().toISOString()} [${level}] ${clean}\n`;
    opts.echo?.(line.trimEnd());
    if (closed || broken) return;
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += bytes;
    } catch {
      // A full or read-only disk: keep running without a file log.
      broken = true;
    }
  }

  return {
    file,
    redactor,
    info: (t) => write('info', t),
    warn: (t) => write('warn', t),
    error: (t) => write('error', t),
    close() {
      closed = true;
    },
  };
}
