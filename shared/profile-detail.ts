/**
 * What the profile detail screen asks for beyond the live status: the
 * timeline of events and the raw frame log.
 */
/** One entry in the raw frame log (secrets redacted). */
export interface FrameLogEntry {
  at: number;
  direction: 'in' | 'out';
  /** Opcode, when known. */
  type: number | null;
  event: string | null;
  /** Redacted, size-capped JSON text. */
  text: string;
  error: string | null;
}

/** Kinds of timeline entry. */
export const TIMELINE_KINDS = [
  'state',
  'shard-state',
  'shard-restart',
  'incident-open',
  'incident-update',
  'incident-close',
  'server-message',
  'unknown-event',
  'protocol-error',
  /** A rolling restart (a deploy), summed up as one event once it is over. */
  'deploy',
] as const;
/** One kind of timeline entry. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Timeline entry for the profile detail. */
export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  text: string;
  shardId: number | null;
}
