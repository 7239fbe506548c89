/**
 * Uptime figures match what was recorded: spans of up and down time in a
 * real SQLite file, unmonitored time counted neither way, a crash ending the
 * open span at the last heartbeat, a restart, and first acknowledgements.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUptimeStore } from '../../../../electron/core/history/uptime-store';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-alerts-');

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('uptime store', () => {
  it('uptime is up time over monitored time, per window', () => {
    const clock = createFakeClock();
    const file = join(tempDir('sw-uptime-'), 'history.sqlite');
    // Heartbeats are not what this test is about: one an hour keeps the 12
    // simulated hours to a dozen file writes (not 1,440 synced ones, slow on a busy disk).
    const u = createUptimeStore({ file, clock, heartbeatMs: HOUR });
    const t0 = clock.wallNow();
    u.record('p1', 'up', t0);
    clock.advance(3 * HOUR);
    u.record('p1', 'down', clock.wallNow());
    clock.advance(HOUR);
    u.record('p1', 'up', clock.wallNow());
    clock.advance(4 * HOUR);
    // Disabled for 2 h: not monitored.
    u.record('p1', 'off', clock.wallNow());
    clock.advance(2 * HOUR);
    u.record('p1', 'up', clock.wallNow());
    clock.advance(2 * HOUR);
    const s = u.summary('p1', clock.wallNow());
    // 12 hours old: every window, 24 h included, covers only the time since the first record.
    expect(s.figures[0]).toEqual({
      window: '24h',
      pct: 90,
      monitoredMs: 10 * HOUR,
      downMs: HOUR,
      since: t0,
    });
    expect(s.figures.map((f) => f.pct)).toEqual([90, 90, 90, 90]);
    expect(s.figures.map((f) => f.since)).toEqual([t0, t0, t0, t0]);
    // A 4 h window would see 2 h of up time only.
    expect(u.summary('other', clock.wallNow()).figures[0]?.pct).toBeNull();
    u.close();
  });

  it('a figure says since when it was measured until the history is as old as its window', () => {
    const clock = createFakeClock();
    const file = join(tempDir('sw-uptime-'), 'history.sqlite');
    const u = createUptimeStore({ file, clock, heartbeatMs: HOUR });
    const t0 = clock.wallNow();
    u.record('p1', 'down', t0);
    clock.advance(MIN);
    u.record('p1', 'up', clock.wallNow());
    clock.advance(MIN);
    // Two minutes old: the same figure in every window, each saying it covers two minutes.
    const young = u.summary('p1', clock.wallNow()).figures;
    expect(young.map((f) => [f.pct, f.monitoredMs, f.since])).toEqual([
      [50, 2 * MIN, t0],
      [50, 2 * MIN, t0],
      [50, 2 * MIN, t0],
      [50, 2 * MIN, t0],
    ]);
    // Two days later the 24 h window is covered from its start; the longer ones are not.
    clock.advance(2 * 24 * HOUR);
    const older = u.summary('p1', clock.wallNow()).figures;
    expect(older.map((f) => [f.window, f.since])).toEqual([
      ['24h', null],
      ['7d', t0],
      ['30d', t0],
      ['1y', t0],
    ]);
    expect(older[0]?.pct).toBe(100);
    expect(u.summary('never', clock.wallNow()).figures.map((f) => f.since)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    u.close();
  });

  it('after a crash the open span ends at its last heartbeat; a restart goes on from the file', () => {
    const before = createFakeClock();
    const file = join(tempDir('sw-uptime-'), 'history.sqlite');
    const first = createUptimeStore({ file, clock: before, heartbeatMs: 30_000 });
    const since = before.wallNow();
    first.record('p1', 'down', before.wallNow());
    // A second profile: one heartbeat stamps every open span (in one commit).
    first.record('p2', 'up', before.wallNow());
    before.advance(10 * MIN + 10_000);
    // Crash: no close(), and its clock stops. The last heartbeat was at 10 min.
    const clock = createFakeClock(before.wallNow() + HOUR);
    const second = createUptimeStore({ file, clock });
    second.record('p1', 'up', clock.wallNow());
    clock.advance(10 * MIN);
    const [day] = second.summary('p1', clock.wallNow()).figures;
    expect(day).toEqual({
      window: '24h',
      pct: 50,
      monitoredMs: 20 * MIN,
      downMs: 10 * MIN,
      since,
    });
    const [other] = second.summary('p2', clock.wallNow()).figures;
    expect(other).toMatchObject({ monitoredMs: 10 * MIN, downMs: 0 });
    second.close();
  });

  it('keeps the first acknowledgement of an incident', () => {
    const clock = createFakeClock();
    const u = createUptimeStore({ file: ':memory:', clock });
    u.recordAck('i1', 'p1', 1000);
    u.recordAck('i1', 'p1', 5000);
    expect([...u.acks(['i1', 'i2'])]).toEqual([['i1', 1000]]);
    u.deleteProfile('p1');
    expect(u.acks(['i1']).size).toBe(0);
    u.close();
  });
});
