/**
 * A history write problem is a notice while it lasts and goes by itself once
 * writes succeed again: the user should not have to dismiss "the disk is
 * full" after freeing space. Driven by the history fault hook
 * (`AppCoreOptions.historyFaults`) and a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
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
});
