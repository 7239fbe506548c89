/**
 * Which notices the user dismissed, kept in `dismissed-notices.json` next to
 * the profiles file so that a dismissal outlives a restart.
 *
 * The file is read as `unknown` (docs/architecture.md §3.3): one that cannot be read or
 * does not have the expected shape is moved aside with a notice, as the
 * profiles file is, and the app starts with nothing dismissed. Writes go to a
 * temporary file that is then renamed over the old one, so a crash mid-write
 * leaves either the old list or the new one, never half of each.
 *
 * The file holds nothing but notice ids (content hashes, see the core's
 * `noticeIdOf`) and the time of each dismissal: no secret, no message text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { Notice } from '../../../shared/app-state';
import { sayEnglish, type Say, type Wording } from '../../../shared/i18n/translator';
import { arrayOf, num, object, str } from '../../../shared/validate';
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';

/** File name of the list, in the data folder. */
export const DISMISSED_NOTICES_FILE = 'dismissed-notices.json';

/** Version this build writes. */
const FILE_VERSION = 1;

/**
 * Most dismissals kept; the oldest go first. Far above what a user collects:
 * ids whose cause has gone are dropped at every start (see `retainOnly`).
 */
export const MAX_DISMISSED = 500;

/** Options of {@link createDismissedNoticeStore}. */
export interface DismissedNoticeStoreOptions {
  /** The data folder (created if missing). */
  dir: string;
  clock?: Clock;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** A problem found while reading the file, for the user. */
export interface DismissedNoticeProblem {
  level: Notice['level'];
  text: Wording;
}

/** The persisted set of dismissed notice ids. */
export interface DismissedNoticeStore {
  /** Full path of the file. */
  readonly filePath: string;
  has(id: string): boolean;
  /** Remember a dismissal. Fails (and remembers nothing) when the file cannot be written. */
  add(id: string): ApiResult<null>;
  /** Forget dismissals. Returns why the file could not be written, or null. */
  forget(ids: Iterable<string>): string | null;
  /** Forget every dismissal not in `keep`. Returns why the file could not be written, or null. */
  retainOnly(keep: ReadonlySet<string>): string | null;
  /** Problems found while loading (a damaged file moved aside), to show as notices. */
  problems(): DismissedNoticeProblem[];
}

interface Entry {
  id: string;
  at: number;
}

interface DismissedFile {
  version: number;
  dismissed: Entry[];
}

const fileValidator = object<DismissedFile>({
  version: num({ int: true, min: 1 }),
  dismissed: arrayOf(object<Entry>({ id: str({ min: 1, max: 200 }), at: num({ min: 0 }) }), 10_000),
});

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

function stamp(wallMs: number): string {
  const iso = new Date(wallMs).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** Open (or create on first write) the dismissed-notices file in `opts.dir`. */
export function createDismissedNoticeStore(
  opts: DismissedNoticeStoreOptions,
): DismissedNoticeStore {
  const clock = opts.clock ?? systemClock;
  const filePath = path.join(opts.dir, DISMISSED_NOTICES_FILE);
  /** id → when it was dismissed; insertion order is age order. */
  let entries = new Map<string, number>();
  const found: DismissedNoticeProblem[] = [];
  /** Set when the file could not be read nor moved aside: writing would destroy it. */
  let blocked = false;
  let tmpSeq = 0;

  const asideName = (): string => {
    const base = path.join(opts.dir, `dismissed-notices.corrupt-${stamp(clock.wallNow())}`);
    let candidate = `${base}.json`;
    for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}.json`;
    return candidate;
  };

  const load = (): void => {
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return;
      moveAside(`it could not be opened: ${errnoCode(e)}`);
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      moveAside(
        text.trim() === '' ? 'the file is empty' : 'it is not valid JSON, perhaps truncated',
      );
      return;
    }
    const checked = fileValidator(doc, 'the file');
    if (!checked.ok) {
      moveAside(checked.error);
      return;
    }
    for (const e of checked.value.dismissed) entries.set(e.id, e.at);
    capped(entries);
  };

  function moveAside(reason: string): void {
    let target: string;
    try {
      target = asideName();
      fs.renameSync(filePath, target);
    } catch (e) {
      blocked = true;
      found.push({
        level: 'warning',
        text: {
          key: 'notice.dismissedStuck',
          params: { reason, code: errnoCode(e), file: filePath },
        },
      });
      return;
    }
    found.push({
      level: 'warning',
      text: { key: 'notice.dismissedMoved', params: { reason, movedTo: target } },
    });
  }

  /** Drop the oldest dismissals beyond {@link MAX_DISMISSED}. */
  function capped(map: Map<string, number>): Map<string, number> {
    for (const id of map.keys()) {
      if (map.size <= MAX_DISMISSED) break;
      map.delete(id);
    }
    return map;
  }

  /**
   * Write `next` atomically; on success it becomes the current list. While
   * the file is blocked (unreadable and not movable) nothing is written and
   * the list lives in memory, as the notice about it said.
   */
  function save(next: Map<string, number>): string | null {
    if (blocked) {
      entries = next;
      return null;
    }
    const doc: DismissedFile = {
      version: FILE_VERSION,
      dismissed: [...next].map(([id, at]) => ({ id, at })),
    };
    const tmp = `${filePath}.${process.pid}-${++tmpSeq}.tmp`;
    try {
      fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(tmp, filePath);
    } catch (e) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // Nothing more to clean up; the old file is intact.
      }
      return `${filePath} could not be written (${errnoCode(e)})`;
    }
    entries = next;
    return null;
  }

  load();

  return {
    filePath,
    has: (id) => entries.has(id),
    add(id) {
      if (entries.has(id)) return apiOk(null);
      const err = save(capped(new Map(entries).set(id, clock.wallNow())));
      if (err !== null)
        return apiError(
          'internal',
          (opts.say ?? sayEnglish)('store.dismissNotSaved', { reason: err, dir: opts.dir }),
        );
      return apiOk(null);
    },
    // Forgetting applies in memory even when the write fails: the notice is
    // news again now; the file catches up at the next successful write.
    forget(ids) {
      const next = new Map(entries);
      let changed = false;
      for (const id of ids) changed = next.delete(id) || changed;
      if (!changed) return null;
      const err = save(next);
      entries = next;
      return err;
    },
    retainOnly(keep) {
      const next = new Map([...entries].filter(([id]) => keep.has(id)));
      if (next.size === entries.size) return null;
      const err = save(next);
      entries = next;
      return err;
    },
    problems: () => found.map((p) => ({ ...p })),
  };
}
