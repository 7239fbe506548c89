import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/connection-state';
import type { Incident } from '../../../shared/incident-model';
import type { ProfileStatus, ShardSummary } from '../../../shared/live-status';
import type { ProfileView } from '../../../shared/profile-model';
import type { TrayMenuItem, TrayState } from '../../../shared/tray';
import type { TrayInput } from '../../../electron/core/tray-model';
import {
  buildTrayModel,
  profileLine,
  TRAY_TOOLTIP_MAX_CHARS,
  trayTooltipLines,
} from '../../../electron/core/tray-model';
import { createTranslator } from '../../../shared/i18n/translator';
import { BASE_ALERTS } from './alerts/fixtures';
import { makeIncident, makeProfile, makeStatus, noLatency } from '../../support/model-builders';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function profile(id: string, name: string, over: Partial<ProfileView> = {}): ProfileView {
  return makeProfile({
    id,
    name,
    order: Number(id.replace(/\D/g, '')) || 0,
    color: '#3366ff',
    url: 'wss://gw.example/gateway',
    monitorMode: 'register',
    botId: '1',
    shardTotal: 16,
    alerts: BASE_ALERTS,
    ...over,
  });
}

function status(
  profileId: string,
  state: ConnectionState,
  over: Partial<ProfileStatus> = {},
  shardOver: Partial<ShardSummary> = {},
): ProfileStatus {
  return makeStatus(
    profileId,
    {
      state,
      problem:
        state === 'reconnecting' ? 'unreachable' : state === 'auth-refused' ? 'auth-refused' : null,
      since: NOW,
      lastRttMs: state === 'ready' ? 42.4 : null,
      latency: {
        '1m': noLatency('1m'),
        '15m': noLatency('15m'),
        '1h': noLatency('1h'),
        '24h': noLatency('24h'),
      },
      recentRtts: [],
      ...over,
    },
    { expected: 16, reported: 16, up: 16, lastReportAt: NOW, ...shardOver },
  );
}

function incident(
  profileId: string,
  severity: Incident['severity'],
  over: Partial<Incident> = {},
): Incident {
  return makeIncident({
    id: `i-${profileId}-${severity}`,
    profileId,
    rule: severity === 'critical' ? 'connection-lost' : 'latency-p95',
    severity,
    title: 'x',
    body: 'y',
    openedAt: NOW - 60_000,
    updatedAt: NOW,
    ...over,
  });
}

const A = profile('p1', 'Prod');
const B = profile('p2', 'Staging');

function input(over: Partial<TrayInput>): TrayInput {
  return {
    profiles: [A, B],
    status: { p1: status('p1', 'ready'), p2: status('p2', 'ready') },
    incidents: [],
    snooze: { until: null, paused: false },
    nowWall: NOW,
    timeZone: 'UTC',
    ...over,
  };
}

describe('buildTrayModel: state for every TrayState', () => {
  const cases: Array<{
    name: string;
    in: TrayInput;
    state: TrayState;
    downCount: number;
    summary: string;
  }> = [
    {
      name: 'no profiles at all',
      in: input({ profiles: [], status: {} }),
      state: 'no-profiles',
      downCount: 0,
      summary: 'no profiles yet',
    },
    {
      name: 'snooze running, counts still in the tooltip',
      in: input({
        snooze: { until: NOW + 15 * 60_000, paused: false },
        status: { p1: status('p1', 'ready', {}, { up: 13, down: 3 }), p2: status('p2', 'ready') },
      }),
      state: 'snoozed',
      downCount: 3,
      summary: 'snoozed until 12:15 (3 shards down)',
    },
    {
      name: 'monitoring paused',
      in: input({ snooze: { until: null, paused: true } }),
      state: 'snoozed',
      downCount: 0,
      summary: 'monitoring paused (all OK)',
    },
    {
      name: 'a snooze that already ended does not count',
      in: input({ snooze: { until: NOW - 1, paused: false } }),
      state: 'ok',
      downCount: 0,
      summary: 'all OK',
    },
    {
      name: 'no enabled profile connected',
      in: input({ status: { p1: status('p1', 'reconnecting'), p2: status('p2', 'connecting') } }),
      state: 'offline',
      downCount: 1,
      summary: 'offline',
    },
    {
      name: 'every profile disabled',
      in: input({ profiles: [profile('p1', 'Prod', { enabled: false })], status: {} }),
      state: 'offline',
      downCount: 0,
      summary: 'all profiles paused',
    },
    {
      name: 'one connection lost while another is fine',
      in: input({ status: { p1: status('p1', 'ready'), p2: status('p2', 'auth-refused') } }),
      state: 'down',
      downCount: 1,
      summary: '1 connection lost',
    },
    {
      name: 'non-dev shards down',
      in: input({
        status: { p1: status('p1', 'ready', {}, { up: 12, down: 4 }), p2: status('p2', 'ready') },
      }),
      state: 'down',
      downCount: 4,
      summary: '4 shards down',
    },
    {
      name: 'shards down plus a lost connection',
      in: input({
        status: { p1: status('p1', 'ready', {}, { up: 15, down: 1 }), p2: status('p2', 'failed') },
      }),
      state: 'down',
      downCount: 2,
      summary: '1 shard down, 1 connection lost',
    },
    {
      name: 'a critical incident open',
      in: input({ incidents: [incident('p1', 'critical')] }),
      state: 'down',
      downCount: 0,
      summary: 'critical alert',
    },
    {
      name: 'a warning incident open',
      in: input({ incidents: [incident('p1', 'warning')] }),
      state: 'degraded',
      downCount: 0,
      summary: 'degraded, 1 alert open',
    },
    {
      name: 'stalled shards without an incident',
      in: input({
        status: { p1: status('p1', 'ready', {}, { stalled: 2 }), p2: status('p2', 'ready') },
      }),
      state: 'degraded',
      downCount: 0,
      summary: 'degraded',
    },
    {
      name: 'closed incidents and incidents of disabled profiles are ignored',
      in: input({
        profiles: [A, profile('p2', 'Staging', { enabled: false })],
        incidents: [incident('p1', 'critical', { clearedAt: NOW - 1 }), incident('p2', 'critical')],
      }),
      state: 'ok',
      downCount: 0,
      summary: 'all OK',
    },
    {
      name: 'everything fine',
      in: input({}),
      state: 'ok',
      downCount: 0,
      summary: 'all OK',
    },
  ];

  it.each(cases)('$name → $state', (c) => {
    const model = buildTrayModel(c.in);
    expect(model.state).toBe(c.state);
    expect(model.icon).toBe(c.state);
    expect(model.downCount).toBe(c.downCount);
    expect(model.tooltip.split('\n')[0]).toBe(`Shardwatch — ${c.summary}`);
    expect(model.menu[0]).toEqual({
      id: 'header',
      label: `Shardwatch — ${c.summary}`,
      enabled: false,
    });
  });

  it('covers every TrayState', () => {
    const covered = new Set(cases.map((c) => c.state));
    expect([...covered].sort()).toEqual([
      'degraded',
      'down',
      'no-profiles',
      'offline',
      'ok',
      'snoozed',
    ]);
  });
});

describe('tooltip lines', () => {
  it('has one line per profile with state, RTT and shards', () => {
    const lines = trayTooltipLines(
      input({
        profiles: [
          A,
          B,
          profile('p3', 'Legacy', { dialect: 'http-interaction-0.2.2' }),
          profile('p4', 'Old', { enabled: false }),
        ],
        status: {
          p1: status('p1', 'ready', { lastRttMs: 4.567 }, { up: 14, down: 2 }),
          p2: status('p2', 'reconnecting'),
          p3: status('p3', 'ready', { lastRttMs: 123.6 }, { reportsStats: false, up: 0 }),
        },
        tooltipMaxChars: 1000,
      }),
    );
    expect(lines.slice(1)).toEqual([
      'Prod: connected, 4.57 ms, 14/16 shards up',
      'Staging: reconnecting, —, 16/16 shards up',
      'Legacy: connected, 124 ms, no shard stats',
      'Old: paused',
    ]);
  });

  it('calls states what every screen calls them (shared/connection-look.ts)', () => {
    const line = (state: ConnectionState, problem: ProfileStatus['problem']) =>
      profileLine(A, status('p1', state, { problem }));
    expect(line('closed', null)).toMatch(/^Prod: disconnected,/);
    expect(line('closed', 'paused')).toMatch(/^Prod: paused,/);
    expect(line('closed', 'closed-by-server')).toMatch(/^Prod: closed by the server,/);
    expect(line('auth-refused', 'auth-refused')).toMatch(/^Prod: credentials refused,/);
    expect(line('idle', null)).toMatch(/^Prod: not connected,/);
    expect(line('handshaking', null)).toMatch(/^Prod: handshaking,/);
    // Connected, but the last pings all went unanswered: never "connected".
    const silent = status('p1', 'ready', { recentRtts: [12, 11, null, null, null] });
    expect(profileLine(A, silent)).toMatch(/^Prod: not answering pings,/);
  });

  it('is never green while a connected profile answers no pings', () => {
    const quiet = status('p1', 'ready', { recentRtts: [12, null, null, null] });
    const p2 = status('p2', 'ready');
    expect(buildTrayModel(input({ status: { p1: quiet, p2 } })).state).toBe('degraded');
    const noisy = status('p1', 'ready', { recentRtts: [12, null, null, 13] });
    expect(buildTrayModel(input({ status: { p1: noisy, p2 } })).state).toBe('ok');
  });

  it('stays within the Windows limit, ending with "…and N more"', () => {
    const many = Array.from({ length: 12 }, (_, k) =>
      profile(`p${k + 1}`, `Cluster number ${k + 1}`),
    );
    const status = Object.fromEntries(many.map((p) => [p.id, statusFor(p.id)]));
    const model = buildTrayModel(input({ profiles: many, status }));
    expect(model.tooltip.length).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX_CHARS);
    const lines = model.tooltip.split('\n');
    const last = lines.at(-1) ?? '';
    const shown = lines.length - 2;
    expect(last).toBe(`…and ${12 - shown} more`);
    expect(shown).toBeGreaterThan(0);
    expect(lines[1]).toBe('Cluster number 1: connected, 42 ms, 16/16 shards up');
  });

  it('keeps the whole tooltip when it fits', () => {
    const tooltip = buildTrayModel(input({})).tooltip;
    expect(tooltip).toBe(
      'Shardwatch — all OK\nProd: connected, 42 ms, 16/16 shards up\nStaging: connected, 42 ms, 16/16 shards up',
    );
  });
});

function statusFor(id: string): ProfileStatus {
  return status(id, 'ready');
}

function ids(items: TrayMenuItem[]): string[] {
  return items.map((i) => i.id);
}

describe('tray menu', () => {
  it('lists header, profiles, open, snooze, pause and quit in that order', () => {
    const model = buildTrayModel(input({}));
    expect(ids(model.menu)).toEqual([
      'header',
      'profile:p1',
      'profile:p2',
      'separator:1',
      'open',
      'snooze',
      'pause',
      'separator:2',
      'quit',
    ]);
    expect(model.menu.find((i) => i.id === 'profile:p1')?.label).toBe(
      'Prod: connected, 42 ms, 16/16 shards up',
    );
    expect(model.menu.find((i) => i.id === 'open')?.label).toBe('Open Shardwatch');
    expect(model.menu.find((i) => i.id === 'quit')?.label).toBe('Quit Shardwatch');
  });

  it('orders profiles by their order field', () => {
    const model = buildTrayModel(
      input({
        profiles: [profile('p9', 'Later', { order: 2 }), profile('p8', 'First', { order: 1 })],
        status: {},
      }),
    );
    expect(ids(model.menu).filter((id) => id.startsWith('profile:'))).toEqual([
      'profile:p8',
      'profile:p9',
    ]);
    expect(model.menu[1]?.label).toBe('First: no status yet, —, ?/16 shards up');
  });

  it('says "no shard stats" for a 0.2.2 profile', () => {
    const legacy = profile('p1', 'Legacy', { dialect: 'http-interaction-0.2.2' });
    const model = buildTrayModel(
      input({
        profiles: [legacy],
        status: { p1: status('p1', 'ready', { lastRttMs: 3.2 }, { reportsStats: false }) },
      }),
    );
    expect(model.menu[1]?.label).toBe('Legacy: connected, 3.20 ms, no shard stats');
  });

  it('offers the snooze choices, without "off" while not snoozed', () => {
    const snooze = buildTrayModel(input({})).menu.find((i) => i.id === 'snooze');
    expect(snooze?.type).toBe('submenu');
    expect(snooze?.label).toBe('Snooze alerts');
    expect(ids(snooze?.submenu ?? [])).toEqual([
      'snooze:15m',
      'snooze:1h',
      'snooze:4h',
      'snooze:tomorrow',
    ]);
  });

  it('adds "snooze:off" with the until time while snoozed', () => {
    const until = Date.UTC(2026, 10, 27, 8, 0);
    const snooze = buildTrayModel(input({ snooze: { until, paused: false } })).menu.find(
      (i) => i.id === 'snooze',
    );
    expect(snooze?.label).toBe('Alerts snoozed until 08:00');
    const off = snooze?.submenu?.find((i) => i.id === 'snooze:off');
    expect(off?.label).toBe('Resume alerts now (snoozed until 08:00)');
  });

  it('shows the pause checkbox checked only while paused', () => {
    const pauseOf = (paused: boolean) =>
      buildTrayModel(input({ snooze: { until: null, paused } })).menu.find((i) => i.id === 'pause');
    expect(pauseOf(false)).toEqual({
      id: 'pause',
      label: 'Pause all monitoring',
      type: 'checkbox',
      checked: false,
    });
    expect(pauseOf(true)?.checked).toBe(true);
  });

  it('still offers Open, Snooze and Quit with no profiles', () => {
    const model = buildTrayModel(input({ profiles: [], status: {} }));
    expect(ids(model.menu)).toEqual([
      'header',
      'no-profiles',
      'separator:1',
      'open',
      'snooze',
      'pause',
      'separator:2',
      'quit',
    ]);
  });

  // The core rebuilds the tray on every push from statuses it keeps until a
  // profile changes; lines made from a kept status must still follow the
  // profile's name and the user's language.
  it('words a kept status again after a rename, a pause and a language change', () => {
    const translator = createTranslator('en');
    const st = status('p1', 'ready');
    const input = (p: ProfileView): TrayInput => ({
      profiles: [p],
      status: { p1: st },
      incidents: [],
      snooze: { until: null, paused: false },
      nowWall: NOW,
      timeZone: 'UTC',
      say: translator.say,
    });
    const label = (p: ProfileView): string | undefined =>
      buildTrayModel(input(p)).menu.find((m) => m.id === 'profile:p1')?.label;
    expect(label(profile('p1', 'Prod'))).toBe('Prod: connected, 42 ms, 16/16 shards up');
    expect(label(profile('p1', 'Live'))).toBe('Live: connected, 42 ms, 16/16 shards up');
    expect(label(profile('p1', 'Live', { enabled: false }))).toBe('Live: paused');
    translator.use('pt-BR');
    const pt = label(profile('p1', 'Live'));
    expect(pt).toBe(profileLine(profile('p1', 'Live'), st, translator.say));
    expect(pt).not.toBe('Live: connected, 42 ms, 16/16 shards up');
    expect(trayTooltipLines(input(profile('p1', 'Live')))[1]).toBe(pt);
    // A new status (a ping answered) is worded anew.
    const next = status('p1', 'ready', { lastRttMs: 7 });
    const model = buildTrayModel({ ...input(profile('p1', 'Live')), status: { p1: next } });
    expect(model.menu.find((m) => m.id === 'profile:p1')?.label).toBe(
      profileLine(profile('p1', 'Live'), next, translator.say),
    );
  });
});
