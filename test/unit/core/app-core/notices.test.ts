import { describe, expect, it } from 'vitest';
import { createNoticeBook, noticeIdOf } from '../../../../electron/core/app-core/notices';
import type { NoticeBookOptions } from '../../../../electron/core/app-core/notices';
import { createTranslator } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-notices-');

function book(dataDir: string, over: Partial<NoticeBookOptions> = {}) {
  const logs: string[] = [];
  let changes = 0;
  const b = createNoticeBook({
    dataDir,
    clock: createFakeClock(),
    log: (line) => logs.push(line),
    onChange: () => changes++,
    ...over,
  });
  return { book: b, logs, changes: () => changes };
}

describe('notice book', () => {
  it('shows one entry per level and message, under the same id in every run', () => {
    const dir = tempDir();
    const { book: b, changes } = book(dir);
    b.add('warning', 'The disk is full.');
    b.add('info', 'Something else.');
    b.add('warning', 'The disk is full.');
    expect(b.list().map((n) => n.message)).toEqual(['Something else.', 'The disk is full.']);
    expect(b.list()[1]?.id).toBe(noticeIdOf('warning', 'The disk is full.'));
    expect(noticeIdOf('error', 'The disk is full.')).not.toBe(b.list()[1]?.id);
    expect(changes()).toBe(3);
  });

  it('keeps the 50 newest notices', () => {
    const { book: b } = book(tempDir());
    for (let i = 0; i < 60; i++) b.add('info', `notice ${i}`);
    const list = b.list();
    expect(list).toHaveLength(50);
    expect(list[0]?.message).toBe('notice 10');
    expect(list[49]?.message).toBe('notice 59');
  });

  it('a dismissal outlives a restart while the cause stays, and is forgotten once it has gone', () => {
    const dir = tempDir();
    const first = book(dir).book;
    first.add('warning', 'Keychain missing.');
    first.startFinished();
    const id = noticeIdOf('warning', 'Keychain missing.');
    expect(first.dismiss(id).ok).toBe(true);
    expect(first.list()).toEqual([]);

    // Raised again while starting: the same standing cause, still hidden.
    const second = book(dir);
    second.book.add('warning', 'Keychain missing.');
    second.book.startFinished();
    expect(second.book.list()).toEqual([]);
    expect(second.logs.some((l) => l.includes('dismissed before, not shown'))).toBe(true);

    // Not raised while starting: the dismissal is forgotten, so it is news next time.
    const third = book(dir).book;
    third.startFinished();
    third.add('warning', 'Keychain missing.');
    expect(third.list().map((n) => n.id)).toEqual([id]);
  });

  it('a dismissed notice raised again while running shows again', () => {
    const { book: b } = book(tempDir());
    b.startFinished();
    b.add('error', 'History could not be saved.');
    const id = noticeIdOf('error', 'History could not be saved.');
    expect(b.dismiss(id).ok).toBe(true);
    b.add('error', 'History could not be saved.');
    expect(b.list().map((n) => n.id)).toEqual([id]);
  });

  it('dismissing twice says it is already gone; withdrawing removes without a dismissal', () => {
    const { book: b } = book(tempDir());
    b.startFinished();
    b.add('info', 'Gone soon.');
    const id = noticeIdOf('info', 'Gone soon.');
    b.withdraw(id);
    expect(b.list()).toEqual([]);
    const again = b.dismiss(id);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('not-found');
  });

  it("shows another store's notices first and dismisses them there too", () => {
    const dismissedThere: string[] = [];
    const { book: b } = book(tempDir(), {
      foreign: {
        notices: [{ id: 'store-7', level: 'warning', text: 'Profiles file restored.' }],
        dismiss: (id) => dismissedThere.push(id),
      },
    });
    b.add('info', 'Later.');
    expect(b.list().map((n) => n.message)).toEqual(['Profiles file restored.', 'Later.']);
    expect(b.dismiss(noticeIdOf('warning', 'Profiles file restored.')).ok).toBe(true);
    expect(dismissedThere).toEqual(['store-7']);
  });
});

describe('notices in the user language', () => {
  const full = { key: 'notice.queueNotSaved', params: { reason: 'ENOSPC' } } as const;

  it('are worded in the current language when listed, and re-worded after a switch', () => {
    const translator = createTranslator('pt-BR');
    const { book: b } = book(tempDir(), { say: translator.say });
    b.add('warning', full);
    expect(b.list()[0]?.message).toBe(
      'Não foi possível gravar no disco as mensagens de alerta não entregues: ENOSPC. Elas ficam guardadas na memória.',
    );
    translator.use('en');
    expect(b.list()[0]?.message).toBe(
      'Undelivered alert messages could not be saved to disk: ENOSPC. They are kept in memory.',
    );
  });

  it('keep one id whatever the language, so a dismissal in Portuguese holds in English', () => {
    const dir = tempDir();
    const translator = createTranslator('pt-BR');
    const first = book(dir, { say: translator.say }).book;
    first.add('warning', full);
    first.add('warning', full);
    first.startFinished();
    expect(first.list()).toHaveLength(1);
    const id = first.list()[0]?.id ?? '';
    expect(id).toBe(noticeIdOf('warning', full));
    expect(first.dismiss(id).ok).toBe(true);

    const second = book(dir, { say: createTranslator('en').say });
    second.book.add('warning', full);
    second.book.startFinished();
    expect(second.book.list()).toEqual([]);
  });

  it('tell different parameters apart, whatever their order', () => {
    expect(
      noticeIdOf('warning', { key: 'notice.channelsMoved', params: { reason: 'a', movedTo: 'x' } }),
    ).toBe(
      noticeIdOf('warning', { key: 'notice.channelsMoved', params: { movedTo: 'x', reason: 'a' } }),
    );
    expect(
      noticeIdOf('warning', { key: 'notice.channelsMoved', params: { reason: 'a', movedTo: 'x' } }),
    ).not.toBe(
      noticeIdOf('warning', { key: 'notice.channelsMoved', params: { reason: 'a', movedTo: 'y' } }),
    );
  });

  it('word the book’s own errors in the user language', () => {
    const { book: b } = book(tempDir(), { say: createTranslator('pt-BR').say });
    const r = b.dismiss('notice-gone');
    expect(r.ok ? '' : r.error.message).toMatch(/^Esse aviso já foi dispensado/);
  });
});
