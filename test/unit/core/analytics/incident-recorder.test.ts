import { describe, expect, it } from 'vitest';
import {
  createIncidentRecorder,
  frameBytes,
} from '../../../../electron/core/analytics/incident-recorder';
import type { FrameLogEntry } from '../../../../shared/profile-detail';
import { createFakeClock } from '../../../support/fake-clock';

const SEC = 1000;
const MIN = 60 * SEC;

function frame(at: number, text: string, event = 'GATEWAY_PING'): FrameLogEntry {
  return { at, direction: 'in', type: 3, event, text, error: null };
}

describe('incident recorder', () => {
  it('keeps the frames from a few minutes before an incident to a few minutes after', () => {
    const clock = createFakeClock();
    const r = createIncidentRecorder({ clock, beforeMs: 2 * MIN, afterMs: MIN });
    const t0 = clock.wallNow();
    for (let s = 0; s < 600; s += 10) {
      clock.advance(10 * SEC);
      r.frame('p', frame(clock.wallNow(), `f${s}`));
      r.frame('other', frame(clock.wallNow(), `o${s}`));
      if (s === 300) r.incidentOpened({ id: 'i1', profileId: 'p', openedAt: clock.wallNow() });
    }
    const c = r.capture('i1');
    const opened = t0 + 310 * SEC;
    expect(c).toMatchObject({ profileId: 'p', openedAt: opened, complete: true });
    const times = c?.frames.map((f) => f.at) ?? [];
    expect(times[0]).toBe(opened - 2 * MIN);
    expect(times.at(-1)).toBe(opened + MIN);
    expect(times).toHaveLength(19);
    expect(c?.frames.every((f) => f.text.startsWith('f'))).toBe(true);
    expect(r.capture('nope')).toBeNull();
  });

  it('keeps no frame older than a capture could take, so a quiet profile holds little', () => {
    const clock = createFakeClock();
    const r = createIncidentRecorder({ clock, beforeMs: MIN });
    const cost = frameBytes(frame(0, 'ping'));
    for (let s = 0; s < 3600; s++) {
      clock.advance(SEC);
      r.frame('p', frame(clock.wallNow(), 'ping'));
    }
    // An hour of one frame a second, but only the last minute (and the frame at its edge) is held.
    expect(r.bytes()).toBe(61 * cost);
  });

  it('never holds more than its byte budgets, keeping the frames nearest the incident', () => {
    const clock = createFakeClock();
    const big = 'x'.repeat(1000);
    const cost = frameBytes(frame(0, big));
    const r = createIncidentRecorder({
      clock,
      ringBytes: cost * 10,
      captureBytes: cost * 4,
      maxFrameChars: 1000,
    });
    for (let i = 0; i < 50; i++) {
      clock.advance(SEC);
      r.frame('p', frame(clock.wallNow(), big));
    }
    // Only the last 10 frames are in the ring.
    expect(r.bytes()).toBe(cost * 10);
    r.incidentOpened({ id: 'i', profileId: 'p', openedAt: clock.wallNow() });
    for (let i = 0; i < 5; i++) {
      clock.advance(SEC);
      r.frame('p', frame(clock.wallNow(), big));
    }
    const c = r.capture('i');
    expect(c?.frames.map((f) => f.at)).toEqual(
      [3, 2, 1, 0].map((k) => clock.wallNow() - (5 + k) * SEC),
    );
    expect([c?.droppedBefore, c?.droppedAfter]).toEqual([6, 5]);
    expect(c?.bytes).toBe(cost * 4);
    // An oversized frame is cut, not kept whole.
    r.frame('p', frame(clock.wallNow(), 'y'.repeat(5000)));
    expect(r.bytes()).toBeLessThanOrEqual(cost * 10 + cost * 4);
  });

  it('keeps a bounded number of captures and forgets a removed profile', () => {
    const clock = createFakeClock();
    const r = createIncidentRecorder({ clock, maxCaptures: 2 });
    r.frame('p', frame(clock.wallNow(), 'a'));
    for (const id of ['a', 'b', 'c'])
      r.incidentOpened({ id, profileId: 'p', openedAt: clock.wallNow() });
    expect(r.capture('a')).toBeNull();
    expect(r.capture('c')?.frames).toHaveLength(1);
    r.removeProfile('p');
    expect(r.capture('c')).toBeNull();
    expect(r.bytes()).toBe(0);
  });
});
