import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import type { Notification as AlertNotification } from '../../../electron/core/alerts/notifier';
import { createDesktopNotifier } from '../../../electron/main/notifier';
import { MockNotification, resetElectronMock } from '../../support/electron-mock';

beforeEach(() => resetElectronMock());

const incident: AlertNotification = {
  title: 'Shardwatch · Prod bot: 37 of 128 shards down',
  body: 'Shards 4, 9, 11 and 34 more are down.',
  severity: 'critical',
  profileId: 'p-prod',
  shardId: null,
  incidentId: 'i-1',
};

function setup(sound = false) {
  const clicks: Array<[string, number | null]> = [];
  const lines: string[] = [];
  const n = createDesktopNotifier({
    sound: () => sound,
    onClick: (p, s) => clicks.push([p, s]),
    log: (l) => lines.push(l),
  });
  return { n, clicks, lines };
}

describe('desktop notifier', () => {
  it('shows an incident silently by default', () => {
    const { n } = setup();
    n.notify(incident);
    expect(MockNotification.instances).toHaveLength(1);
    const note = MockNotification.instances[0]!;
    expect(note.shown).toBe(true);
    expect(note.options).toMatchObject({
      title: incident.title,
      body: incident.body,
      silent: true,
      urgency: 'critical',
    });
  });

  it('plays the sound when the setting is on', () => {
    const { n } = setup(true);
    n.notify({ ...incident, severity: 'warning' });
    expect(MockNotification.instances[0]!.options).toMatchObject({
      silent: false,
      urgency: 'normal',
    });
  });

  it('opens the profile and shard on click', () => {
    const { n, clicks } = setup();
    n.notify({ ...incident, shardId: 7 });
    MockNotification.instances[0]!.click();
    expect(clicks).toEqual([['p-prod', 7]]);
  });

  it('does nothing (and says so once) where notifications are not supported', () => {
    MockNotification.supported = false;
    const { n, lines } = setup();
    n.notify(incident);
    n.notify(incident);
    expect(MockNotification.instances).toHaveLength(0);
    expect(lines.filter((l) => l.includes('not supported'))).toHaveLength(1);
    expect(n.hint('t', 'b')).toBe(false);
  });

  it('never throws when the system refuses', () => {
    const { n, lines } = setup();
    const show = MockNotification.prototype.show;
    MockNotification.prototype.show = () => {
      throw new Error('DBus is gone');
    };
    try {
      expect(() => n.notify(incident)).not.toThrow();
    } finally {
      MockNotification.prototype.show = show;
    }
    expect(lines.at(-1)).toMatch(/DBus is gone/);
  });

  it('shows no more notifications after dispose', () => {
    const { n } = setup();
    n.dispose();
    n.notify(incident);
    expect(MockNotification.instances).toHaveLength(0);
  });
});
