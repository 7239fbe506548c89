/**
 * Incident recorder (docs/analytics.md "Incident recorder"): a ring of each
 * profile's recent frames, bounded in bytes, from which an incident takes
 * the frames of a few minutes before it opened and keeps collecting for a few
 * minutes after, for the report attached to a bug report
 * (incident-report.ts). Frames arrive with secrets already replaced by the
 * connection's scrubber; the recorder only bounds what it keeps.
 */
import type { FrameLogEntry } from '../../../shared/profile-detail';
import type { Clock } from '../../../shared/clock';

/** Options of {@link createIncidentRecorder}; defaults and reasons in docs/analytics.md. */
export interface IncidentRecorderOptions {
  clock: Clock;
  /** Frames kept from before an incident opened. Default 3 min. */
  beforeMs?: number;
  /** Frames collected after it opened. Default 3 min. */
  afterMs?: number;
  /** Budget of each profile's ring of recent frames. Default 2 MiB. */
  ringBytes?: number;
  /** Budget of one incident's frames. Default 1 MiB. */
  captureBytes?: number;
  /** Captures kept in all (the oldest go first). Default 50. */
  maxCaptures?: number;
  /** Longest frame text kept; longer text is cut. Default 8,192 characters. */
  maxFrameChars?: number;
}

/** Defaults of {@link IncidentRecorderOptions}. */
export const RECORDER_DEFAULTS = {
  beforeMs: 3 * 60_000,
  afterMs: 3 * 60_000,
  ringBytes: 2 * 1024 * 1024,
  captureBytes: 1024 * 1024,
  maxCaptures: 50,
  maxFrameChars: 8192,
} as const;

/** The frames around one incident. */
export interface IncidentCapture {
  incidentId: string;
  profileId: string;
  openedAt: number;
  /** Wall ms the capture covers: `[from, to]`. */
  from: number;
  to: number;
  /** Oldest first. */
  frames: FrameLogEntry[];
  /** Bytes counted against the budget (see {@link frameBytes}). */
  bytes: number;
  /** Frames left out because the budget was full (before the incident / after it). */
  droppedBefore: number;
  droppedAfter: number;
  /** The "after" period is over: nothing more will be added. */
  complete: boolean;
}

/** Handle returned by {@link createIncidentRecorder}. */
export interface IncidentRecorder {
  /** A frame of a profile (already scrubbed), in arrival order. */
  frame(profileId: string, entry: FrameLogEntry): void;
  /** An incident opened: start its capture. A second call for the same id does nothing. */
  incidentOpened(incident: { id: string; profileId: string; openedAt: number }): void;
  /** The capture of an incident (a copy), or null when none is kept. */
  capture(incidentId: string): IncidentCapture | null;
  /** Close captures whose "after" period is over. Also done on every frame. */
  tick(atWall?: number): void;
  /** Forget a profile's ring and captures. */
  removeProfile(profileId: string): void;
  /** Bytes held in rings and captures (for support). */
  bytes(): number;
  dispose(): void;
}

/**
 * The cost of one frame: its strings as UTF-16 (two bytes a character, as
 * JavaScript holds them) plus a fixed allowance for the entry itself.
 */
export function frameBytes(e: FrameLogEntry): number {
  return 2 * (e.text.length + (e.event?.length ?? 0) + (e.error?.length ?? 0)) + 64;
}

interface Ring {
  frames: FrameLogEntry[];
  head: number;
  bytes: number;
}

/** Create the incident recorder (one for all profiles). */
export function createIncidentRecorder(opts: IncidentRecorderOptions): IncidentRecorder {
  const d = RECORDER_DEFAULTS;
  const pos = (v: number | undefined, f: number): number =>
    v !== undefined && Number.isFinite(v) && v > 0 ? v : f;
  const beforeMs = pos(opts.beforeMs, d.beforeMs);
  const afterMs = pos(opts.afterMs, d.afterMs);
  const ringBytes = pos(opts.ringBytes, d.ringBytes);
  const captureBytes = pos(opts.captureBytes, d.captureBytes);
  const maxCaptures = Math.floor(pos(opts.maxCaptures, d.maxCaptures));
  const maxFrameChars = Math.floor(pos(opts.maxFrameChars, d.maxFrameChars));

  const rings = new Map<string, Ring>();
  // Insertion order = age: the oldest capture is the first key.
  const captures = new Map<string, IncidentCapture>();
  let captureTotal = 0;

  const bounded = (e: FrameLogEntry): FrameLogEntry =>
    e.text.length <= maxFrameChars
      ? { ...e }
      : { ...e, text: `${e.text.slice(0, maxFrameChars)}… (cut, ${e.text.length} characters)` };

  const ringOf = (profileId: string): Ring => {
    let r = rings.get(profileId);
    if (!r) {
      r = { frames: [], head: 0, bytes: 0 };
      rings.set(profileId, r);
    }
    return r;
  };

  const trimRing = (r: Ring, at: number): void => {
    // Frames older than `beforeMs` are never taken by a capture: a ring of a
    // quiet profile need not fill its byte budget (100 profiles × 2 MiB).
    while (
      r.head < r.frames.length &&
      (r.bytes > ringBytes || (r.frames[r.head] as FrameLogEntry).at < at - beforeMs)
    ) {
      r.bytes -= frameBytes(r.frames[r.head] as FrameLogEntry);
      r.head++;
    }
    if (r.head > 1024 && r.head > r.frames.length / 2) {
      r.frames = r.frames.slice(r.head);
      r.head = 0;
    }
  };

  const closeDue = (at: number): void => {
    for (const c of captures.values()) if (!c.complete && at > c.to) c.complete = true;
  };

  const dropCapture = (id: string): void => {
    const c = captures.get(id);
    if (!c) return;
    captureTotal -= c.bytes;
    captures.delete(id);
  };

  return {
    frame(profileId, entry) {
      const e = bounded(entry);
      const size = frameBytes(e);
      closeDue(e.at);
      const r = ringOf(profileId);
      r.frames.push(e);
      r.bytes += size;
      trimRing(r, e.at);
      for (const c of captures.values()) {
        if (c.complete || c.profileId !== profileId || e.at < c.from) continue;
        if (c.bytes + size > captureBytes) {
          c.droppedAfter++;
          continue;
        }
        c.frames.push(e);
        c.bytes += size;
        captureTotal += size;
      }
    },

    incidentOpened(incident) {
      if (captures.has(incident.id) || !Number.isFinite(incident.openedAt)) return;
      const from = incident.openedAt - beforeMs;
      const r = rings.get(incident.profileId);
      // Newest first until the budget is full: the moments nearest the incident matter most.
      const taken: FrameLogEntry[] = [];
      let bytes = 0;
      let droppedBefore = 0;
      if (r) {
        for (let i = r.frames.length - 1; i >= r.head; i--) {
          const e = r.frames[i] as FrameLogEntry;
          if (e.at < from) break;
          const size = frameBytes(e);
          if (bytes + size > captureBytes) {
            droppedBefore++;
            continue;
          }
          taken.push(e);
          bytes += size;
        }
      }
      taken.reverse();
      captures.set(incident.id, {
        incidentId: incident.id,
        profileId: incident.profileId,
        openedAt: incident.openedAt,
        from,
        to: incident.openedAt + afterMs,
        frames: taken,
        bytes,
        droppedBefore,
        droppedAfter: 0,
        complete: false,
      });
      captureTotal += bytes;
      while (captures.size > maxCaptures) {
        const oldest = captures.keys().next().value;
        if (oldest === undefined) break;
        dropCapture(oldest);
      }
      closeDue(opts.clock.wallNow());
    },

    capture(id) {
      const c = captures.get(id);
      if (!c) return null;
      closeDue(opts.clock.wallNow());
      return { ...c, frames: c.frames.map((f) => ({ ...f })) };
    },

    tick(atWall = opts.clock.wallNow()) {
      closeDue(atWall);
    },

    removeProfile(profileId) {
      rings.delete(profileId);
      for (const [id, c] of [...captures]) if (c.profileId === profileId) dropCapture(id);
    },

    bytes() {
      let n = captureTotal;
      for (const r of rings.values()) n += r.bytes;
      return n;
    },

    dispose() {
      rings.clear();
      captures.clear();
      captureTotal = 0;
    },
  };
}
