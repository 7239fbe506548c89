/**
 * Shared set-up for the history store tests: a fresh temp folder per test
 * (removed afterwards), a fake clock, and stores that are always closed.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createHistoryStore } from '../../../../electron/core/history';
import type { HistoryStore, HistoryStoreOptions } from '../../../../electron/core/history';
import type { HistoryPoint } from '../../../../shared/history-model';
import type { Incident } from '../../../../shared/incident-model';
import { createFakeClock } from '../../../support/fake-clock';
import { createTempDirs } from '../../../support/temp-dir';
import type { FakeClock } from '../../../support/fake-clock';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export interface Harness {
  dir: string;
  file: string;
  clock: FakeClock;
  errors: string[];
  open(extra?: Partial<HistoryStoreOptions>): HistoryStore;
}

/** Register per-test temp folders and store clean-up; call at the top of a test file. */
export function useHarness(): () => Harness {
  const dirs = createTempDirs('shardwatch-history-');
  const stores: HistoryStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    dirs.cleanup();
  });
  return () => {
    const dir = dirs.make();
    // Minute-aligned start (12:00:00 UTC) keeps bucket arithmetic readable.
    const clock = createFakeClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    const errors: string[] = [];
    const file = join(dir, 'history.sqlite');
    return {
      dir,
      file,
      clock,
      errors,
      open(extra = {}) {
        const store = createHistoryStore({
          file,
          clock,
          onError: (m) => errors.push(wordNotice(m, sayEnglish)),
          ...extra,
        });
        stores.push(store);
        return store;
      },
    };
  };
}

/** Every ping a series accounts for: answered (timed or disturbed) or lost. */
/** A store's health with its problem worded in English, for comparing with sentences. */
export function wordedHealth(store: Pick<HistoryStore, 'health'>): {
  ok: boolean;
  error: string | null;
} {
  const { ok, error } = store.health();
  return { ok, error: error === null ? null : wordNotice(error, sayEnglish) };
}

export function totalPings(points: readonly HistoryPoint[]): number {
  return points.reduce((n, p) => n + p.count + p.lost + p.disturbed, 0);
}

/** An incident of profile `p` with everything but its id and opening time filled in. */
export function incident(over: Partial<Incident> & Pick<Incident, 'id' | 'openedAt'>): Incident {
  return {
    profileId: 'p',
    rule: 'shards-down',
    severity: 'critical',
    title: 'Shards down',
    body: '2 shards down',
    shardIds: [3],
    updatedAt: over.openedAt,
    clearedAt: null,
    acknowledged: false,
    suppressed: false,
    ...over,
  };
}
