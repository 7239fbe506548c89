/**
 * Per-shard state of the analyses in typed arrays indexed by shard id: a
 * 50,000-shard bot costs a few hundred KiB and no object per shard. Ids are
 * bounded so a hostile `shard_id` cannot make an array huge.
 */

/** Highest shard id the analyses track (about a million). */
export const MAX_TRACKED_SHARD_ID = (1 << 20) - 1;

/** Whether an id can index the per-shard arrays. */
export function isTrackedId(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= MAX_TRACKED_SHARD_ID;
}

function capacityFor(id: number, current: number): number {
  let size = Math.max(64, current);
  while (size <= id) size *= 2;
  return Math.min(size, MAX_TRACKED_SHARD_ID + 1);
}

/** `a` if it already holds index `id`, else a longer copy with new slots set to `fill`. */
export function growFloat64(
  a: Float64Array<ArrayBuffer>,
  id: number,
  fill: number,
): Float64Array<ArrayBuffer> {
  if (id < a.length) return a;
  const next = new Float64Array(capacityFor(id, a.length)).fill(fill);
  next.set(a);
  return next;
}

/** `a` if it already holds index `id`, else a longer copy with new slots set to `fill`. */
export function growUint8(
  a: Uint8Array<ArrayBuffer>,
  id: number,
  fill: number,
): Uint8Array<ArrayBuffer> {
  if (id < a.length) return a;
  const next = new Uint8Array(capacityFor(id, a.length)).fill(fill);
  next.set(a);
  return next;
}
