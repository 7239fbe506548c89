import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import { buildTrayModel } from '../../../electron/core/tray-model';
import type { TrayActions } from '../../../electron/main/tray';
import { createTrayAdapter, trayActionOf } from '../../../electron/main/tray';
import { encodePng } from '../../../electron/core/icons/png';
import { renderTrayIcon } from '../../../electron/core/icons/tray-icon';
import { TRAY_STATES } from '../../../shared/tray';
import type { TrayModel, TrayState } from '../../../shared/tray';
import type { MockNativeImage } from '../../support/electron-mock';
import { electronMock, MockTray, resetElectronMock } from '../../support/electron-mock';

beforeEach(() => resetElectronMock());

function model(state: TrayState, downCount = 0, tooltip = `Shardwatch — ${state}`): TrayModel {
  // The real projection supplies a realistic menu; state and count are set explicitly.
  const base = buildTrayModel({
    profiles: [],
    status: {},
    incidents: [],
    snooze: { until: null, paused: false },
    nowWall: Date.UTC(2026, 0, 1),
    timeZone: 'UTC',
  });
  return {
    ...base,
    state,
    icon: state,
    downCount,
    tooltip,
    menu: [
      { id: 'header', label: tooltip, enabled: false },
      { id: 'profile:p-1', label: 'Prod bot: connected' },
      ...base.menu.filter((m) => m.id !== 'header' && m.id !== 'no-profiles'),
    ],
  };
}

function actions(): TrayActions & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    open: () => log.push('open'),
    quit: () => log.push('quit'),
    setPaused: (p) => log.push(`pause:${p}`),
    snooze: (c) => log.push(`snooze:${c ?? 'off'}`),
    openProfile: (id) => log.push(`profile:${id}`),
  };
}

const trayCalls = () => electronMock.callsTo('tray');

describe('tray adapter', () => {
  it('creates the tray on the first model with image, tooltip and menu', () => {
    const t = createTrayAdapter({ platform: 'linux', actions: actions() });
    t.apply(model('down', 37));
    expect(MockTray.instances).toHaveLength(1);
    expect(trayCalls().map((c) => c.method)).toEqual([
      'constructor',
      'setToolTip',
      'setContextMenu',
    ]);
    const tray = MockTray.instances[0]!;
    expect(tray.tooltip).toBe('Shardwatch — down');
    // 22 px on Linux, with a 2× representation, drawn with the count.
    const image = tray.image;
    expect(image.options).toEqual({ scaleFactor: 1 });
    expect(image.buffer.equals(encodePng(renderTrayIcon('down', 37, 1, { base: 22 })))).toBe(true);
    expect(image.representations[0]?.scaleFactor).toBe(2);
    expect(
      image.representations[0]?.buffer?.equals(
        encodePng(renderTrayIcon('down', 37, 2, { base: 22 })),
      ),
    ).toBe(true);
    expect(image.isTemplateImage()).toBe(false);
  });

  it('applies each state with a different image', () => {
    const t = createTrayAdapter({ platform: 'win32', actions: actions() });
    const images: Buffer[] = [];
    for (const state of TRAY_STATES) {
      t.apply(model(state, state === 'down' ? 3 : 0));
      images.push(MockTray.instances[0]!.image.buffer);
    }
    expect(new Set(images.map((b) => b.toString('base64'))).size).toBe(TRAY_STATES.length);
    // One creation, then one setImage per later state.
    expect(electronMock.callsTo('tray', 'setImage')).toHaveLength(TRAY_STATES.length - 1);
  });

  it('makes no Electron calls when the model did not change', () => {
    const t = createTrayAdapter({ platform: 'linux', actions: actions() });
    t.apply(model('degraded', 2));
    const before = trayCalls().length;
    const images = electronMock.callsTo('nativeImage').length;
    const menus = electronMock.callsTo('Menu').length;
    t.apply(model('degraded', 2));
    t.apply(structuredClone(model('degraded', 2)));
    expect(trayCalls().length).toBe(before);
    expect(electronMock.callsTo('nativeImage').length).toBe(images);
    expect(electronMock.callsTo('Menu').length).toBe(menus);
  });

  it('touches only what changed', () => {
    const t = createTrayAdapter({ platform: 'linux', actions: actions() });
    t.apply(model('down', 2, 'a'));
    electronMock.calls.length = 0;
    t.apply(model('down', 2, 'b')); // tooltip and header label changed, icon same
    expect(trayCalls().map((c) => c.method)).toEqual(['setToolTip', 'setContextMenu']);
    electronMock.calls.length = 0;
    t.apply(model('down', 3, 'b')); // count only
    expect(trayCalls().map((c) => c.method)).toEqual(['setImage']);
    electronMock.calls.length = 0;
    t.apply(model('down', 150, 'b'));
    t.apply(model('down', 151, 'b')); // both draw "99+": same image
    expect(trayCalls().map((c) => c.method)).toEqual(['setImage']);
  });

  it('uses template images on macOS', () => {
    const t = createTrayAdapter({ platform: 'darwin', actions: actions() });
    t.apply(model('ok'));
    const image = MockTray.instances[0]!.image as MockNativeImage;
    expect(image.isTemplateImage()).toBe(true);
    expect(
      image.buffer.equals(encodePng(renderTrayIcon('ok', 0, 1, { base: 16, template: true }))),
    ).toBe(true);
    // macOS opens the menu on click; no click handler competes with it.
    expect(MockTray.instances[0]!.listenerCount('click')).toBe(0);
  });

  it('maps menu items to actions', () => {
    const a = actions();
    const t = createTrayAdapter({ platform: 'linux', actions: a });
    t.apply(model('ok'));
    const menu = MockTray.instances[0]!.menu!;
    menu.click('open');
    menu.click('profile:p-1');
    menu.click('snooze:1h');
    menu.click('snooze:tomorrow');
    menu.click('pause');
    menu.click('header');
    menu.click('quit');
    expect(a.log).toEqual([
      'open',
      'profile:p-1',
      'snooze:1h',
      'snooze:tomorrow',
      'pause:true',
      'quit',
    ]);
    expect(menu.item('header')?.enabled).toBe(false);
    expect(menu.item('separator:1')?.type).toBe('separator');
    // A click on the icon (Windows, some Linux panels) opens the window.
    MockTray.instances[0]!.emit('click');
    expect(a.log.at(-1)).toBe('open');
  });

  it('decodes menu ids', () => {
    expect(trayActionOf('snooze:off')).toEqual({ kind: 'snooze', choice: null });
    expect(trayActionOf('snooze:15m')).toEqual({ kind: 'snooze', choice: '15m' });
    expect(trayActionOf('snooze:forever')).toBeNull();
    expect(trayActionOf('profile:')).toBeNull();
    expect(trayActionOf('profile:a:b')).toEqual({ kind: 'profile', profileId: 'a:b' });
    expect(trayActionOf('separator:2')).toBeNull();
  });

  it('destroys the tray on dispose and ignores later models', () => {
    const t = createTrayAdapter({ platform: 'linux', actions: actions() });
    t.apply(model('ok'));
    t.dispose();
    expect(MockTray.instances[0]!.destroyed).toBe(true);
    electronMock.calls.length = 0;
    t.apply(model('down', 1));
    expect(trayCalls()).toEqual([]);
  });
});
