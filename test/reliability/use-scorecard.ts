/**
 * Vitest glue for the scorecard: one record per test file, written when the
 * file ends (pass or fail), each test listed with its outcome.
 */
import { afterAll, afterEach } from 'vitest';
import type { Scorecard } from './support';
import { createScorecard } from './support';

export function useScorecard(suite: string): Scorecard {
  const card = createScorecard(suite);
  afterEach((ctx) => {
    const errors = ctx.task.result?.errors ?? [];
    // `it.fails` marks a known, reported bug: it passes while the bug is there.
    if (ctx.task.fails) card.test(ctx.task.name, errors.length > 0 ? 'known bug' : 'bug fixed?');
    else card.test(ctx.task.name, errors.length > 0 ? 'fail' : 'pass');
  });
  afterAll(() => card.write());
  return card;
}
