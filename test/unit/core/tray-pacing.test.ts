/**
 * The tray model is built again at once when the tray's state, down count,
 * summary, profiles or snooze change (the icon's colour never waits), and for
 * a profile line alone (a new round-trip time) at most once a second, with a
 * call when that second is over so the last line is shown.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileStatus } from '../../../shared/live-status';
import type { ProfileView } from '../../../shared/profile-model';
import type { TrayInput } from '../../../electron/core/tray-model';
import { buildTrayModel } from '../../../electron/core/tray-model';
import { createTrayPacing, TRAY_LINES_EVERY_MS } from '../../../electron/core/tray-pacing';
import { createTranslator } from '../../../shared/i18n/translator';
import { createFakeClock } from '../../support/fake-clock';
import { makeProfile, makeStatus } from '../../support/model-builders';
import { BASE_ALERTS } from './alerts/fixtures';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

const profiles: ProfileView[] = [1, 2, 3].map((n) =>
  makeProfile({
    id: `p${n}`,
    name: `Bot ${n}`,
    order: n,
    url: 'wss://gw.example/gateway',
    monitorMode: 'register',
    botId: '1',
    shardTotal: 4,
    alerts: BASE_ALERTS,
  }),
);

function status(id: string, rtt: number, down = 0): ProfileStatus {
  return makeStatus(
    id,
    { state: 'ready', problem: null, since: NOW, lastRttMs: rtt },
    { expected: 4, reported: 4, up: 4 - down, down, lastReportAt: NOW },
  );
}

function input(rtts: number[], over: Partial<TrayInput> = {}): TrayInput {
  const st: Record<string, ProfileStatus> = {};
  profiles.forEach((p, i) => (st[p.id] = status(p.id, rtts[i] ?? 1)));
  return {
    profiles,
    status: st,
    incidents: [],
    snooze: { until: null, paused: false },
    nowWall: NOW,
    timeZone: 'UTC',
    ...over,
  };
}

function setUp() {
  const clock = createFakeClock(NOW);
  let dueCalls = 0;
  const pacing = createTrayPacing({ clock, due: () => dueCalls++ });
  return { clock, pacing, due: () => dueCalls };
}

describe('tray pacing', () => {
  it('shows a new round-trip time at most once a second, and asks to be built when the second is over', () => {
    const { clock, pacing, due } = setUp();
    const first = pacing.model(input([10, 20, 30]));
    expect(first.tooltip).toContain('10');

    clock.advance(300);
    const kept = pacing.model(input([11, 20, 30]));
    expect(kept).toBe(first);
    expect(due()).toBe(0);

    clock.advance(TRAY_LINES_EVERY_MS - 300);
    expect(due()).toBe(1);
    const later = pacing.model(input([12, 20, 30]));
    expect(later).toEqual(buildTrayModel(input([12, 20, 30])));
    expect(later.menu.find((m) => m.id === 'profile:p1')?.label).toContain('12');
  });

  it('changes the icon at once when a shard goes down, whatever the last build', () => {
    const { clock, pacing } = setUp();
    const ok = pacing.model(input([10, 20, 30]));
    expect(ok.state).toBe('ok');
    clock.advance(1);
    const down = input([10, 20, 30]);
    down.status['p2'] = status('p2', 20, 1);
    const model = pacing.model(down);
    expect(model.state).toBe('down');
    expect(model.downCount).toBe(1);
    expect(model).toEqual(buildTrayModel(down));
  });

  it('builds again at once for a new profile list, a snooze, a pause or a language', () => {
    const { clock, pacing } = setUp();
    const base = input([10, 20, 30]);
    pacing.model(base);
    clock.advance(1);
    const renamed = profiles.map((p) => (p.id === 'p1' ? { ...p, name: 'Renamed' } : p));
    expect(pacing.model({ ...base, profiles: renamed }).tooltip).toContain('Renamed');
    clock.advance(1);
    const snoozed = {
      ...base,
      profiles: renamed,
      snooze: { until: NOW + 3_600_000, paused: false },
    };
    expect(pacing.model(snoozed).state).toBe('snoozed');
    clock.advance(1);
    const paused = { ...base, profiles: renamed, snooze: { until: null, paused: true } };
    expect(pacing.model(paused).menu.find((m) => m.id === 'pause')?.checked).toBe(true);
    clock.advance(1);
    const pt = { ...paused, say: createTranslator('pt-BR').say };
    expect(pacing.model(pt)).toEqual(buildTrayModel(pt));
  });

  it('leaves no timer behind once disposed', () => {
    const { clock, pacing, due } = setUp();
    pacing.model(input([10, 20, 30]));
    pacing.model(input([11, 20, 30]));
    pacing.dispose();
    clock.advance(TRAY_LINES_EVERY_MS * 2);
    expect(due()).toBe(0);
  });
});
