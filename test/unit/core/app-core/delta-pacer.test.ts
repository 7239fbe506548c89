import { describe, expect, it } from 'vitest';
import { createDeltaPacer } from '../../../../electron/core/app-core/delta-pacer';
import type { DeltaSource } from '../../../../electron/core/app-core/delta-pacer';
import type { AppDelta } from '../../../../shared/app-state';
import type { ProfileStatus } from '../../../../shared/live-status';
import type { TrayModel } from '../../../../shared/tray';
import { defaultAppSettings } from '../../../../electron/core/profiles/stored-file';
import { createFakeClock } from '../../../support/fake-clock';

function setup(source: Partial<DeltaSource> = {}) {
  const clock = createFakeClock();
  let trayState: TrayModel['state'] = 'ok';
  let built = 0;
  const pacer = createDeltaPacer({
    clock,
    intervalMs: 100,
    source: {
      profiles: () => [],
      status: (id) => {
        built++;
        return { profileId: id } as ProfileStatus;
      },
      snooze: () => ({ until: null, paused: false }),
      settings: () => defaultAppSettings(),
      notices: () => [],
      tray: () => ({ state: trayState }) as TrayModel,
      ...source,
    },
  });
  const deltas: AppDelta[] = [];
  pacer.onDelta((d) => deltas.push(d));
  return {
    clock,
    pacer,
    deltas,
    setTray: (s: TrayModel['state']) => (trayState = s),
    built: () => built,
  };
}

describe('delta pacer', () => {
  it('pushes at most one delta per interval, carrying everything marked since the last', () => {
    const { clock, pacer, deltas } = setup();
    pacer.flush(); // the first push (the tray)
    expect(deltas.map((d) => d.seq)).toEqual([1]);
    pacer.markStatus('a');
    pacer.markSnooze();
    clock.advance(50);
    pacer.markStatus('b');
    pacer.markSettings();
    expect(deltas).toHaveLength(1);
    clock.advance(50);
    expect(deltas).toHaveLength(2);
    const d = deltas[1]!;
    expect(d.seq).toBe(2);
    expect(d.status?.map((s) => s.profileId)).toEqual(['a', 'b']);
    expect(d.snooze).toEqual({ until: null, paused: false });
    expect(d.settings).toBeDefined();
    expect(pacer.seq()).toBe(2);
  });

  it('carries every ping marked since the last delta, in order, once', () => {
    const { clock, pacer, deltas } = setup();
    pacer.flush();
    pacer.markPing({ profileId: 'p', at: 1, rttMs: 12 });
    pacer.markPing({ profileId: 'p', at: 2, rttMs: null });
    pacer.markPing({ profileId: 'q', at: 3, rttMs: 30 });
    clock.advance(100);
    expect(deltas[1]?.pings?.map((p) => [p.profileId, p.at, p.rttMs])).toEqual([
      ['p', 1, 12],
      ['p', 2, null],
      ['q', 3, 30],
    ]);
    pacer.markStatus('a');
    clock.advance(100);
    expect(deltas[2] && 'pings' in deltas[2]).toBe(false);
  });

  it('sends nothing, and keeps its seq, when nothing changed', () => {
    const { clock, pacer, deltas } = setup();
    pacer.flush();
    pacer.schedule();
    clock.advance(1000);
    expect(deltas).toHaveLength(1);
    expect(pacer.seq()).toBe(1);
  });

  it('pushes the tray only when it changed, and tells tray listeners', () => {
    const { clock, pacer, deltas, setTray } = setup();
    const trays: TrayModel[] = [];
    pacer.onTray((m) => trays.push(m));
    pacer.flush();
    pacer.markStatus('a');
    clock.advance(100);
    expect(deltas[1]?.tray).toBeUndefined();
    setTray('down');
    pacer.markStatus('a');
    clock.advance(100);
    expect(deltas[2]?.tray?.state).toBe('down');
    expect(trays.map((t) => t.state)).toEqual(['ok', 'down']);
  });

  it('merges alerting changes marked between two pushes', () => {
    const { clock, pacer, deltas } = setup();
    pacer.flush();
    const maintenance = { windows: [], active: [] };
    pacer.markAlerting({ maintenance });
    pacer.markAlerting({ deliveryLogChanged: true });
    clock.advance(100);
    expect(deltas[1]?.alerting).toEqual({ maintenance, deliveryLogChanged: true });
  });

  it('reuses the statuses it pushed until a profile is marked again', () => {
    const { clock, pacer, built } = setup({ profiles: () => [{ id: 'a' }, { id: 'b' }] as never });
    pacer.flush();
    const afterFirst = built();
    pacer.markStatus('a');
    clock.advance(100);
    expect(built() - afterFirst).toBe(1);
    expect(Object.keys(pacer.statuses(false))).toEqual(['a', 'b']);
    expect(built() - afterFirst).toBe(1);
  });

  it('pushes nothing after dispose', () => {
    const { clock, pacer, deltas } = setup();
    pacer.flush();
    pacer.markStatus('a');
    pacer.dispose();
    clock.advance(1000);
    expect(deltas).toHaveLength(1);
    expect(clock.pendingCount()).toBe(0);
  });
});
