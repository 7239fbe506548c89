/**
 * Recurring trouble end to end: the simulator's nightly failure (a quarter
 * of the shards drop at 03:00 UTC) over three nights, with Shardwatch
 * restarted in between on the same data folder. The third night's failure
 * is pointed out as recurring, its suggested maintenance window is created
 * with the one request the button sends, and then it counts as covered.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryCipher } from '../../../../electron/core/profiles/secret-cipher';
import { tempDir, unwrap } from '../helpers';
import { incidentsOf, startScenario } from './scenario-run';

const DAY = 86_400_000;
/** 02:59:30 UTC on 2026-11-23, a Monday. */
const FIRST_NIGHT = Date.UTC(2026, 10, 23, 2, 59, 30);

describe('a nightly failure', () => {
  it('is pointed out after three nights, with a maintenance window one click away', async () => {
    const dataDir = tempDir();
    const historyFile = join(dataDir, 'history.sqlite');
    const cipher = createMemoryCipher();
    let profileId: string | undefined;
    for (let night = 0; night < 3; night++) {
      const r = await startScenario('nightly-failure', {
        startWall: FIRST_NIGHT + night * DAY,
        dataDir,
        historyFile,
        profileId,
        cipher,
        options: { nightlyAt: '03:00', outageMs: 3 * 60_000 },
        profile: { name: 'Nightly bot' },
      });
      profileId = r.profileId;
      // Down from 03:00 to 03:03, the incident cleared a few snapshots later.
      await r.run(250_000);
      const tonight = (await incidentsOf(r)).filter((i) => i.openedAt >= r.startedAt);
      expect(tonight).toEqual([
        expect.objectContaining({ rule: 'shards-down', title: '4 shards down, shards 0–3' }),
      ]);
      const found = unwrap(await r.core.api['query:recurring-trouble'](r.profileId));
      if (night < 2) {
        expect(found).toEqual([]);
        await r.stop();
        continue;
      }
      expect(found).toHaveLength(1);
      const [trouble] = found;
      expect(trouble).toMatchObject({
        at: '03:00',
        days: ['2026-11-23', '2026-11-24', '2026-11-25'],
        suggestion: { start: '02:45', end: '03:30', timeZone: 'UTC' },
        covered: false,
      });
      expect(trouble?.title).toBe('failures recur around 03:00 (UTC) on 3 of the last 14 days');

      const saved = unwrap(
        await r.core.api['command:save-maintenance'](null, defined(trouble).maintenance),
      );
      expect(saved).toMatchObject({
        profileId: r.profileId,
        kind: 'weekly',
        days: [0, 1, 2, 3, 4, 5, 6],
        start: '02:45',
        durationMin: 45,
      });
      const again = unwrap(await r.core.api['query:recurring-trouble'](r.profileId));
      expect(again.map((t) => t.covered)).toEqual([true]);
      await r.stop();
    }
  }, 120_000);
});

function defined<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('expected a value');
  return v;
}
