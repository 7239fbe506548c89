/**
 * Collects shards that fail together into groups and diagnoses each
 * (group-diagnosis.ts). A group starts with the first failure and takes
 * every failure within `windowMs` of it; the next failure after that starts
 * a new group. No timers: the monitor's calls and ticks drive it.
 */
import type { Clock } from '../../../shared/clock';
import { diagnoseGroup } from './group-diagnosis';
import type { DiagnosisContext, GroupDiagnosis } from './group-diagnosis';

/** Default span of one group: failures within 30 s of the first belong together. */
export const DEFAULT_GROUP_WINDOW_MS = 30_000;

/** Options of {@link createFailureGrouper}. */
export interface FailureGrouperOptions {
  clock: Clock;
  context: DiagnosisContext;
  /** Failures within this long of a group's first belong to it. Default 30 s. */
  windowMs?: number;
  /** Word for the titles: "down" (default), "one-way", "silent". */
  verb?: string;
}

/** One group of failures and what they have in common. */
export interface FailureGroup {
  /** Wall ms of the first and the latest failure. */
  startedAt: number;
  lastAt: number;
  /** Distinct shard ids, ascending. */
  ids: Int32Array;
  diagnosis: GroupDiagnosis;
  /** No more shards can join (its window has passed). */
  closed: boolean;
}

/** Handle returned by {@link createFailureGrouper}. */
export interface FailureGrouper {
  /**
   * Shards that entered the failing state at `atWall`. Returns the previous
   * group when this failure closed it (it came after its window), else null.
   */
  failed(ids: ArrayLike<number>, atWall?: number): FailureGroup | null;
  /** Returns the open group once its window has passed at `atWall`, else null. */
  tick(atWall?: number): FailureGroup | null;
  /** The open group, diagnosed as it stands, or null. */
  current(): FailureGroup | null;
  /** The profile's layout changed (shard total, max_concurrency, clusters). */
  setContext(context: DiagnosisContext): void;
  dispose(): void;
}

/** Create a failure grouper for one profile. */
export function createFailureGrouper(opts: FailureGrouperOptions): FailureGrouper {
  const windowMs = Math.max(0, opts.windowMs ?? DEFAULT_GROUP_WINDOW_MS);
  let context = opts.context;
  let members = new Set<number>();
  let startedAt = 0;
  let lastAt = 0;
  let cached: FailureGroup | null = null;

  const build = (closed: boolean): FailureGroup => {
    const ids = Int32Array.from(members).sort();
    return { startedAt, lastAt, ids, diagnosis: diagnoseGroup(ids, context, opts.verb), closed };
  };

  const close = (at: number): FailureGroup | null => {
    if (members.size === 0 || at - startedAt <= windowMs) return null;
    const group = build(true);
    members = new Set();
    cached = null;
    return group;
  };

  return {
    failed(ids, atWall = opts.clock.wallNow()) {
      if (ids.length === 0) return null;
      const closed = close(atWall);
      if (members.size === 0) {
        startedAt = atWall;
        lastAt = atWall;
      }
      lastAt = Math.max(lastAt, atWall);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (Number.isInteger(id) && id >= 0) members.add(id);
      }
      cached = null;
      return closed;
    },
    tick(atWall = opts.clock.wallNow()) {
      return close(atWall);
    },
    current() {
      if (members.size === 0) return null;
      cached ??= build(false);
      return cached;
    },
    setContext(next) {
      context = next;
      cached = null;
    },
    dispose() {
      members = new Set();
      cached = null;
    },
  };
}
