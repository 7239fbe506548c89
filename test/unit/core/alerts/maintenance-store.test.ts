/**
 * Saved maintenance windows silence exactly their span on the clock, pausing
 * a profile is a window of its own that "resume" removes, and the file is
 * private and survives a restart.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMaintenanceStore } from '../../../../electron/core/alerts/maintenance-store';
import { createTranslator, wordNotice } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-alerts-');

const MIN = 60_000;

describe('maintenance store', () => {
  it('a one-off window silences its profile from its start to its end, not a millisecond more', () => {
    const clock = createFakeClock();
    const dir = tempDir('sw-mw-');
    const m = createMaintenanceStore({ dir, clock });
    const start = clock.wallNow() + 10 * MIN;
    const saved = m.save(null, {
      name: 'Upgrade',
      profileId: 'p1',
      kind: 'once',
      startsAt: start,
      endsAt: start + 30 * MIN,
      days: [],
      start: '00:00',
      durationMin: 0,
      timeZone: 'UTC',
    });
    expect(saved.ok).toBe(true);
    expect(statSync(join(dir, 'maintenance.json')).mode & 0o777).toBe(0o600);
    // A restart reads the same window.
    expect(
      createMaintenanceStore({ dir, clock })
        .list()
        .windows.map((w) => w.name),
    ).toEqual(['Upgrade']);
    clock.advance(10 * MIN - 1000);
    expect(m.silences('p1')).toBe(false);
    clock.advance(1000);
    expect(m.silences('p1')).toBe(true);
    expect(m.silences('p2')).toBe(false);
    expect(m.activeChanged()).toBe(true);
    expect(m.activeChanged()).toBe(false);
    clock.advance(30 * MIN - 1000);
    expect(m.silences('p1')).toBe(true);
    clock.advance(1000);
    expect(m.silences('p1')).toBe(false);
    // Over: no longer listed.
    expect(m.list().windows).toEqual([]);
  });

  it('pause for 1 h is a window of the profile; pausing again replaces it; resume removes it', () => {
    const clock = createFakeClock();
    const m = createMaintenanceStore({ dir: tempDir('sw-mw-'), clock });
    const first = m.pauseProfile('p1', '1h', 'UTC');
    expect(first.ok && first.value.active).toEqual([
      {
        windowId: 'pause-p1',
        name: 'Alerts paused for 1 h',
        profileId: 'p1',
        endsAt: clock.wallNow() + 60 * MIN,
      },
    ]);
    const again = m.pauseProfile('p1', 'tomorrow', 'Europe/Berlin');
    // 12:00 UTC is 13:00 in Berlin: tomorrow 08:00 there is 07:00 UTC.
    expect(again.ok && again.value.active.map((a) => a.endsAt)).toEqual([
      Date.UTC(2026, 10, 27, 7, 0),
    ]);
    expect(m.list().windows).toHaveLength(1);
    m.pauseProfile('p1', null, 'UTC');
    expect(m.silences('p1')).toBe(false);
  });
});

describe('maintenance store in Brazilian Portuguese', () => {
  it('words its refusals and a damaged file in the user language', () => {
    const dir = tempDir('sw-mw-');
    writeFileSync(join(dir, 'maintenance.json'), '{');
    const problems: string[] = [];
    const say = createTranslator('pt-BR').say;
    const m = createMaintenanceStore({
      dir,
      clock: createFakeClock(),
      onProblem: (t) => problems.push(wordNotice(t, say)),
      say,
    });
    expect(problems[0]).toMatch(/^Não foi possível ler as janelas de manutenção/);
    const gone = m.delete('nope');
    expect(gone.ok ? '' : gone.error.message).toBe('Essa janela de manutenção já foi excluída.');
  });
});
