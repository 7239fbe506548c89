/**
 * A history write problem is a notice while it lasts and goes by itself once
 * writes succeed again: the user should not have to dismiss "the disk is
 * full" after freeing space. Driven by the history fault hook
 * (`AppCoreOptions.historyFaults`) and a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import enginePtBR from '../../../shared/i18n/engine-pt-BR';
import { startCore, unwrap } from './helpers';
import type { CoreFixture } from './helpers';

const SAVE_FAILED = 'History could not be saved: a write to the history file failed (simulated)';

async function noticeMessages(f: CoreFixture): Promise<string[]> {
  return unwrap(await f.core.api['query:snapshot']()).notices.map((n) => n.message);
}

describe('history trouble notices', () => {
  it('shows "could not be saved" while writes fail and withdraws it once they succeed', async () => {
    const clock = createFakeClock();
    let failing = false;
    const fixture = await startCore({ clock, historyFaults: { failWrites: () => failing } });
    expect(await noticeMessages(fixture)).toEqual([]);

    failing = true;
    // The first flush also rolls up the closed minutes, so it writes even with nothing buffered.
    clock.advance(61_000);
    const during = await noticeMessages(fixture);
    expect(during.filter((m) => m.startsWith(SAVE_FAILED))).toHaveLength(1);

    // Still failing: still one notice, not a new one per flush.
    clock.advance(5_000);
    expect((await noticeMessages(fixture)).filter((m) => m.startsWith(SAVE_FAILED))).toHaveLength(
      1,
    );

    failing = false;
    clock.advance(61_000);
    expect((await noticeMessages(fixture)).filter((m) => m.startsWith(SAVE_FAILED))).toEqual([]);

    // And it comes back if the problem does.
    failing = true;
    clock.advance(61_000);
    expect((await noticeMessages(fixture)).filter((m) => m.startsWith(SAVE_FAILED))).toHaveLength(
      1,
    );
  });

  it('words the notice in Portuguese, re-words it on a switch and still withdraws it on recovery', async () => {
    const clock = createFakeClock();
    let failing = false;
    const fixture = await startCore({ clock, historyFaults: { failWrites: () => failing } });
    unwrap(await fixture.core.api['command:update-settings']({ language: 'pt-BR' }));
    // "Não foi possível salvar o histórico: …" — the catalogue's words, the error's own detail.
    const SAVE_FAILED_PT = enginePtBR.disk.cannotSave.split('{reason}')[0] ?? '';
    expect(SAVE_FAILED_PT).toBe('Não foi possível salvar o histórico: ');

    failing = true;
    clock.advance(61_000);
    // The history store's notice and the shard analytics' (its own file, the same fault hook).
    const during = await noticeMessages(fixture);
    expect(during.length).toBeGreaterThan(0);
    for (const m of during) {
      expect(m.startsWith(SAVE_FAILED_PT)).toBe(true);
      expect(m).toContain('O monitoramento continua; os gráficos podem ter lacunas.');
    }
    expect(during.filter((m) => m.startsWith(SAVE_FAILED_PT + 'a write'))).toHaveLength(1);

    // A switch re-words the standing notices (the same ones, no new ones).
    unwrap(await fixture.core.api['command:update-settings']({ language: 'en' }));
    const english = await noticeMessages(fixture);
    expect(english).toHaveLength(during.length);
    for (const m of english) expect(m.startsWith('History could not be saved: ')).toBe(true);

    // Back in Portuguese, the recovery withdraws them: the id does not depend on the words.
    unwrap(await fixture.core.api['command:update-settings']({ language: 'pt-BR' }));
    failing = false;
    clock.advance(61_000);
    // The history store's goes at its next write; the analytics' at its next write too
    // (its retention pass, hourly, when it holds nothing to save).
    expect((await noticeMessages(fixture)).filter((m) => m.includes('a write'))).toEqual([]);
    clock.advance(60 * 60_000);
    expect(await noticeMessages(fixture)).toEqual([]);
  });
});
