/**
 * One Shardwatch process per data folder. Two processes on one folder (the
 * desktop app and `serve`, or two `serve`s) would each overwrite the other's
 * profile edits without a word; the second one to start refuses instead,
 * naming the folder, the process that holds it and `--data-dir` as the way out.
 *
 * The lock is a file, `shardwatch.lock`, holding who took it. Decisions:
 * - Atomic creation: the content is written to a private temporary file
 *   first and hard-linked into place; `link` fails when the name exists, so
 *   of two processes starting at once exactly one gets it, and a reader never
 *   sees half a lock.
 * - A lock left by a dead process is taken over. "Dead" is decided carefully,
 *   since PIDs are reused (a container restarts as PID 1 every time): on
 *   Linux the lock records the kernel's boot id and the process start time
 *   (`/proc/<pid>/stat`), so a lock from before a reboot, or whose PID now
 *   belongs to another process, is stale; elsewhere a PID that no longer
 *   exists is. A lock from another computer (a shared home folder) cannot be
 *   checked and is respected.
 * - Taking over is itself guarded (a `shardwatch.lock.takeover` folder made
 *   with `mkdir`, which is atomic): the stale lock is removed only by the one
 *   process holding the guard, and only if it is still the same stale lock,
 *   so two processes taking over at once cannot remove each other's fresh lock.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { isRecord } from '../../../shared/validate';
import { sayEnglish, wordNotice } from '../../../shared/i18n/translator';
import type { Wording } from '../../../shared/i18n/translator';

/** File name of the lock in the data folder. */
export const LOCK_FILE = 'shardwatch.lock';
const GUARD_SUFFIX = '.takeover';
/** A takeover guard older than this was left by a process that died mid-takeover. */
const GUARD_STALE_MS = 10_000;
const ATTEMPTS = 50;

/** Who holds a data folder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What it is, in words: "shardwatch serve", "the Shardwatch desktop app". */
  program: string;
  /** Wall ms when it took the lock. */
  startedAt: number;
  /** Linux: `/proc/sys/kernel/random/boot_id` when it took the lock. */
  bootId: string | null;
  /** Linux: the process start time (clock ticks since boot, `/proc/<pid>/stat` field 22). */
  processStart: string | null;
  /** Unique per acquisition, so a process only ever removes its own lock. */
  token: string;
}

/** The data folder is held by another live process. */
/** The data folder cannot be used; `wording` says why, in the user's language. */
export class DataFolderError extends Error {
  override readonly name: string = 'DataFolderError';
  /**
   * @param wording what the person starting Shardwatch is told, worded in
   *   their language by whoever shows it; `message` is its English (the log)
   */
  constructor(
    readonly folder: string,
    readonly wording: Wording,
  ) {
    super(wordNotice(wording, sayEnglish));
  }
}

/** Another live Shardwatch holds the folder (or its lock cannot be taken). */
export class DataFolderBusyError extends DataFolderError {
  override readonly name = 'DataFolderBusyError';
  constructor(
    folder: string,
    readonly holder: LockHolder | null,
    wording: Wording,
  ) {
    super(folder, wording);
  }
}

/** A held lock. */
export interface DataFolderLock {
  readonly folder: string;
  readonly file: string;
  readonly holder: LockHolder;
  /** Remove the lock if it is still ours. Safe to call more than once. */
  release(): void;
}

/** Facts about this process and machine; tests replace them to play another process. */
export interface LockEnvironment {
  pid: number;
  host: string;
  now(): number;
  bootId(): string | null;
  /** Start time of `pid`, null when it cannot be read (no such process, not Linux). */
  processStart(pid: number): string | null;
  /** Whether a process with this PID exists (any owner). */
  pidExists(pid: number): boolean;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The start time of `pid` from `/proc` (Linux), or null. */
function procStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // `comm` (field 2) is in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); field 22 is fields[19].
  if (fields[0] === 'Z' || fields[0] === 'X') return null;
  return fields[19] ?? null;
}

/** The real process and machine. */
export const systemLockEnvironment: LockEnvironment = {
  pid: process.pid,
  host: hostname(),
  now: () => Date.now(),
  bootId: () => readText('/proc/sys/kernel/random/boot_id')?.trim() || null,
  processStart: procStart,
  pidExists(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

function parseHolder(text: string | null): LockHolder | null {
  if (text === null) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc)) return null;
  const { pid, host, program, startedAt, bootId, processStart, token } = doc;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return null;
  if (typeof host !== 'string' || typeof program !== 'string' || typeof token !== 'string')
    return null;
  if (typeof startedAt !== 'number') return null;
  return {
    pid,
    host,
    program: program.slice(0, 100),
    startedAt,
    bootId: typeof bootId === 'string' ? bootId : null,
    processStart: typeof processStart === 'string' ? processStart : null,
    token,
  };
}

/** Whether the process named in a lock may still be running. */
function holderAlive(h: LockHolder, env: LockEnvironment): boolean {
  // Another computer sharing the folder: its processes cannot be checked.
  if (h.host !== env.host) return true;
  const boot = env.bootId();
  if (h.bootId !== null && boot !== null && h.bootId !== boot) return false;
  if (h.processStart !== null && boot !== null) {
    // Linux: the PID must exist and have started when the lock says.
    return env.processStart(h.pid) === h.processStart;
  }
  return env.pidExists(h.pid);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** What a second process is told, as a catalogue wording (`dataFolder.*`). */
export function busyWording(
  folder: string,
  file: string,
  h: LockHolder | null,
  env: LockEnvironment,
): Wording {
  if (h === null)
    return { key: 'dataFolder.busy', params: { folder, who: { key: 'dataFolder.another' } } };
  const away = h.host !== env.host;
  const params = { program: h.program, pid: h.pid, host: h.host, when: when(h.startedAt) };
  const who: Wording = { key: away ? 'dataFolder.holderAway' : 'dataFolder.holder', params };
  return away
    ? { key: 'dataFolder.busyAway', params: { folder, who, host: h.host, file } }
    : { key: 'dataFolder.busy', params: { folder, who } };
}

/** The sentence a second process shows, in English (the log). */
export function busyMessage(
  folder: string,
  file: string,
  h: LockHolder | null,
  env: LockEnvironment,
): string {
  return wordNotice(busyWording(folder, file, h, env), sayEnglish);
}

/**
 * Take the lock of `folder` (created 0700 if missing) for `program`.
 * @throws {DataFolderBusyError} when a live process holds it, or it cannot be taken
 */
export function lockDataFolder(
  folder: string,
  program: string,
  env: LockEnvironment = systemLockEnvironment,
): DataFolderLock {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, LOCK_FILE);
  const guard = file + GUARD_SUFFIX;
  const bootId = env.bootId();
  const me: LockHolder = {
    pid: env.pid,
    host: env.host,
    program,
    startedAt: env.now(),
    bootId,
    processStart: bootId === null ? null : env.processStart(env.pid),
    token: randomBytes(12).toString('hex'),
  };
  const content = `${JSON.stringify(me)}\n`;
  const refuse = (h: LockHolder | null): never => {
    throw new DataFolderBusyError(folder, h, busyWording(folder, file, h, env));
  };

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const tmp = `${file}.${env.pid}-${me.token}.tmp`;
    try {
      fs.writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
      try {
        fs.linkSync(tmp, file);
        return held(folder, file, me);
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw e;
      }
    } catch (e) {
      if (e instanceof DataFolderBusyError) throw e;
      throw new DataFolderBusyError(folder, null, {
        key: 'dataFolder.cannotLock',
        params: { folder, code: errnoCode(e) },
      });
    } finally {
      fs.rmSync(tmp, { force: true });
    }

    // Someone has it: who, and are they alive?
    let seen: { text: string | null; ino: number | null };
    try {
      seen = { text: fs.readFileSync(file, 'utf8'), ino: fs.statSync(file).ino };
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') continue; // released meanwhile: try again
      throw new DataFolderBusyError(folder, null, {
        key: 'dataFolder.lockUnreadable',
        params: { file, code: errnoCode(e) },
      });
    }
    const holder = parseHolder(seen.text);
    if (holder !== null && holderAlive(holder, env)) refuse(holder);
    takeOver(file, guard, seen);
    sleepSync(attempt < 5 ? 1 : 20);
  }
  return refuse(parseHolder(readText(file)));
}

/**
 * Remove a stale lock, under the takeover guard, if it is still the one
 * that was judged stale (same inode, same content).
 */
function takeOver(
  file: string,
  guard: string,
  seen: { text: string | null; ino: number | null },
): void {
  try {
    fs.mkdirSync(guard, { mode: 0o700 });
  } catch (e) {
    if (errnoCode(e) !== 'EEXIST') return;
    // Another process is taking over; unless it died doing so, let it.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS) fs.rmdirSync(guard);
    } catch {
      // Gone meanwhile.
    }
    return;
  }
  try {
    const now = { text: readText(file), ino: fs.statSync(file, { throwIfNoEntry: false })?.ino };
    if (now.text === seen.text && now.ino === seen.ino) fs.rmSync(file, { force: true });
  } finally {
    fs.rmdirSync(guard);
  }
}

function held(folder: string, file: string, me: LockHolder): DataFolderLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only our own lock: after a takeover by mistake, never remove another's.
    if (parseHolder(readText(file))?.token === me.token) fs.rmSync(file, { force: true });
  };
  // A process that exits without stopping cleanly still frees the folder.
  process.on('exit', release);
  return { folder, file, holder: me, release };
}
