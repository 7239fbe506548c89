/**
 * The largest gateway frame a profile accepts ("Largest frame", in MiB in the
 * profile; docs/architecture.md §3.3). A documented-dialect gateway sending
 * text frames needs about 175 bytes per shard in a snapshot, so the default
 * of 16 MiB fits a bit over 90,000 shards; the cap bounds what one frame may
 * make the app hold in memory.
 */

/** One MiB in bytes. */
export const MIB = 1024 * 1024;

/** The profile setting: default and bounds, in whole MiB. */
export const FRAME_LIMIT_MIB = { default: 16, min: 1, max: 128 } as const;

/** Default largest frame in bytes. */
export const DEFAULT_FRAME_LIMIT_BYTES = FRAME_LIMIT_MIB.default * MIB;

/** Bounds of a connection's limit in bytes (tools and tests may go below a MiB). */
export const FRAME_LIMIT_RANGE = { min: 1024, max: FRAME_LIMIT_MIB.max * MIB } as const;
