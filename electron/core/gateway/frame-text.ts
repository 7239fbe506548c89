/**
 * The text the raw frame log (profile detail → Frames) keeps of a frame: its
 * JSON, at most {@link FRAME_TEXT_MAX} characters of it. A worker connection
 * makes it in its thread from the frame it already parsed and scrubbed, and
 * sends the text instead of the frame (docs/architecture.md §3.12); an
 * in-process connection's frames are worded the same way on the main thread.
 */
import type { FrameEvent } from './connection-types';

/** Longest text kept per frame in the raw frame log. */
export const FRAME_TEXT_MAX = 4096;

/**
 * `JSON.stringify(value)` when it is at most `max` characters long, else its
 * first `max` characters with `cut` set — without serialising the rest. The
 * frame log keeps 4 KiB per frame, and stringifying a whole 10 000-shard
 * `GATEWAY_SHARD_INFO` (~1.8 MB) only to cut it cost 10–20 ms per snapshot.
 */
export function jsonPrefix(value: unknown, max: number): { text: string; cut: boolean } {
  const parts: string[] = [];
  let length = 0;
  const put = (s: string): boolean => {
    parts.push(s);
    length += s.length;
    return length <= max;
  };
  const walk = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return put(JSON.stringify(v) ?? 'null');
    if (Array.isArray(v)) {
      if (!put('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !put(',')) return false;
        if (!walk(v[i] === undefined ? null : v[i])) return false;
      }
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function') continue;
      if (!first && !put(',')) return false;
      first = false;
      if (!put(`${JSON.stringify(k)}:`) || !walk(x)) return false;
    }
    return put('}');
  };
  const whole = walk(value);
  const text = parts.join('');
  return whole ? { text, cut: false } : { text: text.slice(0, max), cut: true };
}

/**
 * A frame's frame-log text: the text a worker made of it, else its JSON up to
 * {@link FRAME_TEXT_MAX} characters, a cut one followed by its size on the
 * wire; '' for a frame that could not be decoded.
 */
export function frameLogText(ev: FrameEvent): string {
  if (ev.text !== undefined) return ev.text;
  if (!ev.raw) return '';
  // Most frames are a few dozen bytes: one JSON.stringify, not the walk. (A frame's
  // parsed JSON, redacted, serialises as `jsonPrefix` does: no toJSON, undefined or symbols.)
  if (ev.bytes <= FRAME_TEXT_MAX / 2) {
    const whole = JSON.stringify(ev.raw);
    if (whole.length <= FRAME_TEXT_MAX) return whole;
  }
  const json = jsonPrefix(ev.raw, FRAME_TEXT_MAX);
  return json.cut ? `${json.text}… (${ev.bytes} bytes)` : json.text;
}
