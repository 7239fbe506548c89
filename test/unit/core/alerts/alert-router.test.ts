/**
 * Who is told, and when: recoveries, reminders, acknowledge, quiet-hours
 * summaries, maintenance, mutes, routing by severity and the Demo profile,
 * through the engine with a desktop notifier and a recording channel.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../../shared/incident-model';
import type { QuietHours } from '../../../../shared/profile-model';
import type { AlertDestination } from '../../../../electron/core/alerts/alert-router';
import type { AlertMessage } from '../../../../electron/core/alerts/messages';
import { createHarness, range } from './fixtures';

const MIN = 60_000;
const OFF: QuietHours = { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' };

function recordingChannel(
  over: Partial<{
    minSeverity: Severity;
    quiet: QuietHours;
    remindEveryMs: number;
    mutedUntil: number | null;
  }> = {},
): AlertDestination & { sent: AlertMessage[] } {
  const sent: AlertMessage[] = [];
  const rank = { info: 0, warning: 1, critical: 2 };
  return {
    id: 'chan-1',
    sent,
    accepts: (_p, severity) => rank[severity] >= rank[over.minSeverity ?? 'info'],
    quietHours: () => over.quiet ?? OFF,
    mutedUntil: () => over.mutedUntil ?? null,
    remindEveryMs: () => over.remindEveryMs ?? 0,
    sendRecoveries: () => true,
    deliver: (m) => sent.push(m),
  };
}

describe('alert router: recovery and reminders', () => {
  it('a recovery names the outage duration, on the desktop and in the channel', () => {
    const chan = recordingChannel();
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1 },
      { engine: { destinations: () => [chan] } },
    );
    h.snapshot([5]);
    h.clock.advance(4 * MIN);
    h.snapshot([]);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open', 'recovery']);
    expect(chan.sent[1]).toMatchObject({ recovered: true, durationMs: 4 * MIN + 0 });
    expect(chan.sent[1]?.body).toBe('Recovered after 4 min (open since 12:00).');
    expect(h.notifier.notifications.at(-1)?.body).toBe('Recovered after 4 min (open since 12:00).');
  });

  it('"still open" reminders come at the chosen interval and stop when acknowledged', () => {
    const chan = recordingChannel({ remindEveryMs: 10 * MIN });
    const h = createHarness({ raiseAfter: 1 }, { engine: { destinations: () => [chan] } });
    h.snapshot([5]);
    h.tick(10 * 60 - 1);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open']);
    h.tick(1);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open', 'reminder']);
    expect(chan.sent[1]?.body).toMatch(/^Still open after 10 min and not acknowledged\./);
    // The desktop has no reminders by default.
    expect(h.notifier.notifications).toHaveLength(1);

    const [inc] = h.engine.incidents();
    h.engine.acknowledge(inc?.id ?? '');
    h.tick(60 * 60);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open', 'reminder']);
  });

  it('desktop reminders follow the desktop setting', () => {
    const h = createHarness(
      { raiseAfter: 1 },
      { engine: { desktop: () => ({ remindEveryMin: 30, sendRecoveries: false }) } },
    );
    h.snapshot([5]);
    h.tick(60 * 60);
    expect(h.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Prod bot: 1 of 128 shards down',
      'Shardwatch · Prod bot: still open: 1 of 128 shards down',
      'Shardwatch · Prod bot: still open: 1 of 128 shards down',
    ]);
    h.snapshot([]);
    h.snapshot([]);
    h.snapshot([]);
    expect(h.notifier.notifications).toHaveLength(3);
  });
});

describe('alert router: routing', () => {
  it('a channel for critical alerts hears of an incident only once it becomes critical', () => {
    const chan = recordingChannel({ minSeverity: 'critical' });
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1 },
      { engine: { destinations: () => [chan], flapThreshold: 50 } },
    );
    h.snapshot(range(0, 10));
    expect(chan.sent).toEqual([]);
    expect(h.notifier.notifications).toHaveLength(1);
    h.snapshot(range(0, 100));
    expect(chan.sent.map((m) => [m.kind, m.severity, m.headline])).toEqual([
      ['open', 'critical', '100 of 128 shards down'],
    ]);
    h.snapshot([]);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open', 'recovery']);
  });

  it('the Demo profile alerts stay in the app: no desktop notification, no channel', () => {
    const chan = recordingChannel();
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1 },
      { profile: { demo: true }, engine: { destinations: () => [chan] } },
    );
    h.snapshot(range(0, 100));
    expect(h.engine.openCount()).toBe(1);
    h.snapshot([]);
    expect(h.notifier.notifications).toEqual([]);
    expect(chan.sent).toEqual([]);
  });

  it('a muted channel is skipped while the desktop is told', () => {
    const h0 = createHarness();
    const chan = recordingChannel({ mutedUntil: h0.clock.wallNow() + 60 * MIN });
    const h = createHarness({ raiseAfter: 1 }, { engine: { destinations: () => [chan] } });
    h.snapshot([1]);
    expect(chan.sent).toEqual([]);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.engine.incidents()[0]?.suppressed).toBe(false);
  });
});

describe('alert router: quiet hours summary', () => {
  it('what was held during a channel quiet hours comes as one summary when they end', () => {
    // The fake clock starts at 12:00 UTC; quiet until 12:30.
    const chan = recordingChannel({
      quiet: { enabled: true, start: '11:00', end: '12:30', timeZone: 'UTC' },
    });
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1, latencyP95Ms: 0, lossPct: 0 },
      { engine: { destinations: () => [chan] } },
    );
    h.snapshot([3]);
    h.tick(60);
    h.snapshot([]);
    h.snapshot([4]);
    expect(chan.sent).toEqual([]);
    // The desktop follows the profile's quiet hours (none here).
    expect(h.notifier.notifications.length).toBeGreaterThan(0);
    h.tick(28 * 60);
    expect(chan.sent).toEqual([]);
    h.tick(60);
    expect(chan.sent).toHaveLength(1);
    const [summary] = chan.sent;
    expect(summary?.kind).toBe('quiet-summary');
    expect(summary?.headline).toBe('during quiet hours: 2 incidents, 1 still open');
    expect(summary?.body).toBe(
      '• Prod bot: 1 of 128 shards down (12:00, recovered after 1 min)\n' +
        '• Prod bot: 1 of 128 shards down (12:01, still open)',
    );
    h.tick(60);
    expect(chan.sent).toHaveLength(1);
  });
});

describe('alert router: maintenance windows', () => {
  it('an incident inside a window is recorded, nobody is told; still open at the end, it is announced then', () => {
    let inWindow = true;
    const chan = recordingChannel();
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1 },
      { engine: { destinations: () => [chan], inMaintenance: () => inWindow } },
    );
    h.snapshot([2]);
    expect(h.engine.incidents()[0]).toMatchObject({ suppressed: true, clearedAt: null });
    h.tick(30);
    expect(h.notifier.notifications).toEqual([]);
    expect(chan.sent).toEqual([]);
    inWindow = false;
    h.tick(1);
    expect(chan.sent.map((m) => m.kind)).toEqual(['open']);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.engine.incidents()[0]?.suppressed).toBe(false);
  });

  it('an incident that opens and recovers inside a window is never announced', () => {
    let inWindow = true;
    const chan = recordingChannel();
    const h = createHarness(
      { raiseAfter: 1, clearAfter: 1 },
      { engine: { destinations: () => [chan], inMaintenance: () => inWindow } },
    );
    h.snapshot([2]);
    h.snapshot([]);
    inWindow = false;
    h.tick(5);
    expect(h.engine.incidents({ includeClosed: true })).toHaveLength(1);
    expect(h.notifier.notifications).toEqual([]);
    expect(chan.sent).toEqual([]);
  });
});

describe('alert engine: one incident per profile and cause, acknowledge always works', () => {
  it('an incident left open by an earlier run is adopted: no second incident, no second alert', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 2 });
    const before = h.clock.wallNow() - 10 * MIN;
    const left = {
      id: 'old-1',
      profileId: 'p1',
      rule: 'shards-down' as const,
      severity: 'warning' as const,
      title: '1 of 128 shards down',
      body: 'Shard 9 is disconnected since 11:50.',
      shardIds: [9],
      openedAt: before,
      updatedAt: before,
      clearedAt: null,
      acknowledged: false,
      suppressed: false,
    };
    expect(h.engine.adopt([left, { ...left, id: 'old-2' }]).map((i) => i.id)).toEqual(['old-2']);
    h.snapshot([9]);
    expect(h.engine.incidents().map((i) => i.id)).toEqual(['old-1']);
    expect(h.notifier.notifications).toEqual([]);
    expect(h.engine.acknowledge('old-1')?.acknowledged).toBe(true);
    h.snapshot([]);
    h.snapshot([]);
    expect(h.engine.openCount()).toBe(0);
  });

  it('a closed incident can still be acknowledged', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 1 });
    h.snapshot([1]);
    const [inc] = h.engine.incidents();
    h.snapshot([]);
    expect(h.engine.acknowledge(inc?.id ?? '')).toMatchObject({ acknowledged: true });
    expect(h.changes('shards-down', 'update').at(-1)?.acknowledged).toBe(true);
  });
});
