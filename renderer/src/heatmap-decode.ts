/**
 * The `query:shard-heatmap` answer (base64 text of the binary slice) decoded
 * without holding a frame: the text is turned into bytes a chunk at a time,
 * yielding to the browser between tasks of at most {@link STEP_MS}, then
 * decoded and validated (`decodeHeatmapSlice`). In one go, 50,000 shards'
 * day (4 MiB of text) held one frame for 30–170 ms: one 3 MiB string from
 * `atob`, copied byte by byte, and collected afterwards. A Web Worker would
 * need `worker-src` in the renderer's Content-Security-Policy, which is
 * `'none'`; chunks do without it.
 */
import type { Checked } from '../../shared/validate';
import { fail, isRecord } from '../../shared/validate';
import { decodeHeatmapSlice } from '../../shared/shard-heatmap';
import type { HeatmapSlice } from '../../shared/shard-heatmap';

/** Characters of base64 decoded per chunk (a multiple of 4, so chunks decode alone). */
export const CHUNK_CHARS = 1 << 17;
/** Longest a task of decoding runs before it yields (ms). */
export const STEP_MS = 4;

/** Let the browser render and handle input before the next chunk. */
export type Yield = () => Promise<void>;

const yieldToBrowser: Yield = () => new Promise((r) => setTimeout(r, 0));

/** How the decoding yields: `pause` between tasks of at most `stepMs` (tests pass their own). */
export interface DecodeSteps {
  pause?: Yield;
  stepMs?: number;
}

/** Decode and validate a `query:shard-heatmap` answer in chunks. Never throws. */
export async function decodeHeatmapAnswer(
  data: unknown,
  steps: DecodeSteps = {},
): Promise<Checked<HeatmapSlice>> {
  const pause = steps.pause ?? yieldToBrowser;
  const stepMs = steps.stepMs ?? STEP_MS;
  if (!isRecord(data) || typeof data.base64 !== 'string')
    return fail('heatmap data must be {"base64": text}');
  const text = data.base64;
  const out = new Uint8Array(Math.ceil(text.length / 4) * 3);
  let written = 0;
  let stepStart = performance.now();
  for (let at = 0; at < text.length; at += CHUNK_CHARS) {
    let binary: string;
    try {
      binary = atob(text.slice(at, at + CHUNK_CHARS));
    } catch {
      return fail('heatmap data is not base64');
    }
    const last = at + CHUNK_CHARS >= text.length;
    // Only the last chunk may be short: padding or line breaks inside would misalign the rest.
    if (!last && binary.length !== (CHUNK_CHARS / 4) * 3)
      return fail('heatmap data is not base64 of one piece (padding or spaces inside)');
    for (let i = 0; i < binary.length; i++) out[written + i] = binary.charCodeAt(i);
    written += binary.length;
    if (!last && performance.now() - stepStart >= stepMs) {
      await pause();
      stepStart = performance.now();
    }
  }
  if (written > 0) await pause();
  return decodeHeatmapSlice(out.subarray(0, written));
}
