/**
 * The notices the user sees at the top of every screen, and which of them the
 * user dismissed (kept across restarts in `dismissed-notices.json`, see
 * profiles/dismissed-notices.ts).
 */
import { createHash } from 'node:crypto';
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { Clock } from '../../../shared/clock';
import {
  sayEnglish,
  wordNotice,
  type NoticeText,
  type Say,
  type Wording,
} from '../../../shared/i18n/translator';

export type { NoticeText } from '../../../shared/i18n/translator';
import type { Notice } from '../../../shared/app-state';
import { createDismissedNoticeStore } from '../profiles/dismissed-notices';

/** Most notices kept; the oldest go first. */
const MAX_NOTICES = 50;

/**
 * The id of a notice: the same level and text (key and parameters, not the
 * words) give the same id in every run and every language, so a dismissal is
 * recognised after a restart and after a language switch. A notice that
 * names something new (a file moved aside under a new time stamp) gets a new
 * id, so it shows even if an older one like it was dismissed.
 */
export function noticeIdOf(level: Notice['level'], text: NoticeText): string {
  const identity = typeof text === 'string' ? text : wordingIdentity(text);
  const hash = createHash('sha256').update(`${level}\u0000${identity}`).digest('hex');
  return `notice-${hash.slice(0, 20)}`;
}

/** Key and parameters (nested wordings too), in one order whatever the order they were written in. */
function wordingIdentity(w: Wording): string {
  const params = Object.entries(w.params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, typeof value === 'object' ? wordingIdentity(value) : value]);
  return `${w.key}\u0000${JSON.stringify(params)}`;
}

/** A notice another store raised under its own id (the profile store's file problems). */
export interface ForeignNotice {
  id: string;
  level: Notice['level'];
  text: NoticeText;
}

/** Options of {@link createNoticeBook}. */
export interface NoticeBookOptions {
  /** The data folder, where dismissals are kept. */
  dataDir: string;
  clock: Clock;
  log: (line: string) => void;
  /** The list changed (push it). */
  onChange: () => void;
  /**
   * Notices another store raised under its own ids (the profile store's file
   * problems): shown first; dismissing one here dismisses it there too.
   */
  foreign?: { notices: readonly ForeignNotice[]; dismiss: (foreignId: string) => void };
  /** Words the notices and errors (the user's language, read at each use); English by default. */
  say?: Say;
}

/** The notices of one core. */
export interface NoticeBook {
  /** Raise a notice (the same level and text again replaces the older one). */
  add(level: Notice['level'], text: NoticeText): void;
  /** Remove a notice whose cause is gone (the user need not dismiss it). */
  withdraw(id: string): void;
  /** The user dismissed a notice: remembered across restarts, then removed. */
  dismiss(id: string): ApiResult<null>;
  /** The current notices, oldest first, worded in the current language (a copy). */
  list(): Notice[];
  /** The core finished starting: see {@link createNoticeBook}. */
  startFinished(): void;
}

/**
 * Create the notice book.
 *
 * Notices raised before `startFinished()`: one the user dismissed in an
 * earlier run that is raised again while starting has a cause that never
 * went away (a keychain still missing, a profiles file still from a newer
 * version), so it stays dismissed. Dismissals of notices not raised while
 * starting are forgotten then, since their cause has gone; if it comes
 * back, the notice is news again.
 */
export function createNoticeBook(opts: NoticeBookOptions): NoticeBook {
  const { clock, log } = opts;
  const say = opts.say ?? sayEnglish;
  const word = (text: NoticeText): string => wordNotice(text, say);
  /** The notices as raised; worded on each {@link NoticeBook.list}. */
  const notices: Array<Omit<Notice, 'message'> & { text: NoticeText }> = [];
  const dismissed = createDismissedNoticeStore({ dir: opts.dataDir, clock, say });
  let starting = true;
  const raisedWhileStarting = new Set<string>();
  /** Our notice id → the foreign store's id for the same notice. */
  const foreignIds = new Map<string, string>();

  function add(level: Notice['level'], text: NoticeText): void {
    const id = noticeIdOf(level, text);
    // The log is read by whoever runs the app, in the language it runs in now.
    const message = word(text);
    if (starting) {
      raisedWhileStarting.add(id);
      if (dismissed.has(id)) {
        log(`notice (${level}, dismissed before, not shown): ${message}`);
        return;
      }
    } else if (dismissed.has(id)) {
      // Raised while running: its cause happened again.
      const err = dismissed.forget([id]);
      if (err !== null) log(`notices: ${err}`);
    }
    const old = notices.findIndex((n) => n.id === id);
    if (old >= 0) notices.splice(old, 1);
    notices.push({ id, level, text, at: clock.wallNow() });
    if (notices.length > MAX_NOTICES) notices.splice(0, notices.length - MAX_NOTICES);
    opts.onChange();
    log(`notice (${level}): ${message}`);
  }

  const book: NoticeBook = {
    add,
    withdraw(id) {
      const i = notices.findIndex((n) => n.id === id);
      if (i < 0) return;
      notices.splice(i, 1);
      opts.onChange();
    },
    dismiss(id) {
      const i = notices.findIndex((n) => n.id === id);
      if (i < 0) return apiError('not-found', say('request.noticeGone'));
      // Remembered first: if that fails the notice stays, with the reason.
      const saved = dismissed.add(id);
      if (!saved.ok) return saved;
      const foreignId = foreignIds.get(id);
      if (foreignId !== undefined) {
        opts.foreign?.dismiss(foreignId);
        foreignIds.delete(id);
      }
      notices.splice(i, 1);
      opts.onChange();
      return apiOk(null);
    },
    list: () => notices.map(({ text, ...n }) => ({ ...n, message: word(text) })),
    startFinished() {
      starting = false;
      const err = dismissed.retainOnly(raisedWhileStarting);
      if (err !== null) log(`notices: ${err}`);
    },
  };
  for (const n of opts.foreign?.notices ?? []) {
    add(n.level, n.text);
    foreignIds.set(noticeIdOf(n.level, n.text), n.id);
  }
  for (const p of dismissed.problems()) add(p.level, p.text);
  return book;
}
