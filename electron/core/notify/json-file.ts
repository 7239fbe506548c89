/**
 * The small JSON files of alert delivery (channels, maintenance windows, the
 * delivery queue) in the data folder: written atomically through
 * `atomically` (temp file, fsync, rename: a crash leaves the old file or the
 * new one, never half) with mode 0600, and read as `unknown` until a
 * validator accepts them (docs/architecture.md §3.3). A damaged file is moved
 * aside, never trusted and never fatal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileSync } from 'atomically';
import type { Validator } from '../../../shared/validate';

/** What reading a file found. */
export type JsonRead<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** Unreadable or invalid; `movedTo` is where it went (null when it could not be moved). */
  | { kind: 'damaged'; reason: string; movedTo: string | null };

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

/** Read and validate `file`; a damaged file is moved to `<name>.corrupt-<stamp>.json`. */
export function readJsonFile<T>(file: string, validator: Validator<T>, now: number): JsonRead<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { kind: 'missing' };
    return damaged(file, `it could not be opened (${errnoCode(e)})`, now);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return damaged(file, text.trim() === '' ? 'it is empty' : 'it is not valid JSON', now);
  }
  const checked = validator(doc, path.basename(file));
  if (!checked.ok) return damaged(file, checked.error, now);
  return { kind: 'ok', value: checked.value };
}

function damaged(file: string, reason: string, now: number): JsonRead<never> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = file.replace(/\.json$/, '') + `.corrupt-${stamp}.json`;
  try {
    fs.renameSync(file, target);
    return { kind: 'damaged', reason, movedTo: target };
  } catch {
    return { kind: 'damaged', reason, movedTo: null };
  }
}

/**
 * Write `value` as JSON to `file` atomically, readable only by this user.
 * Returns why it failed, or null.
 */
export function writeJsonFile(file: string, value: unknown): string | null {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(value)}\n`, { mode: 0o600, fsync: true });
    return null;
  } catch (e) {
    return `${file} could not be written (${errnoCode(e)})`;
  }
}
