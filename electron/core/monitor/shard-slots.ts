/**
 * The shard tracker's state in compact form (docs/architecture.md §3.12):
 * one slot per known shard, each field a typed array indexed by slot, so a
 * 50,000-shard snapshot is compared with the last one without touching an
 * object per shard. A {@link ShardView} is made for a slot only when it
 * changed or when someone asks for it, and kept until the slot changes.
 */
import type { Json } from '../../../shared/protocol';
import type { ShardState, ShardView } from '../../../shared/live-status';
import { SHARD_STATES } from '../../../shared/live-status';
import type { ShardColumns as PushColumns } from '../../../shared/shard-columns';
import {
  SHARD_FLAG_DEVELOPMENT,
  SHARD_FLAG_DISCONNECTED,
  SHARD_FLAG_STALLED,
  putShard,
} from '../../../shared/shard-columns';
import { NO_EXTRA } from '../gateway/shard-columns';

/**
 * Health states by code: SHARD_STATES' order, so a slot's code is also the
 * state's index in the renderer's columns.
 */
export const STATES: readonly ShardState[] = SHARD_STATES;
export const UP = 0;
export const DEGRADED = 1;
export const DOWN = 2;
export const NO_DATA = 3;
export const DEV = 4;

/** The renderer's column flags, so a slot's bits go out as they are. */
export const BIT_DEV = SHARD_FLAG_DEVELOPMENT;
export const BIT_DISC = SHARD_FLAG_DISCONNECTED;
export const BIT_STALLED = SHARD_FLAG_STALLED;

/** Growable per-slot columns; a free list reuses the slots of shards that went away. */
export class ShardSlots {
  size = 0;
  /** `shard_id`, or −1 for a free slot. */
  ids = new Float64Array(0);
  sendPing = new Float64Array(0);
  receibePing = new Float64Array(0);
  sending = new Float64Array(0);
  received = new Float64Array(0);
  /** Messages per second; NaN for null. */
  sendRate = new Float64Array(0);
  recvRate = new Float64Array(0);
  /** Wall ms since which the counters have not moved while connected. */
  frozenSince = new Float64Array(0);
  lastChangeAt = new Float64Array(0);
  lastSeenAt = new Float64Array(0);
  restarts = new Float64Array(0);
  state = new Uint8Array(0);
  /** {@link BIT_DEV}, {@link BIT_DISC}, {@link BIT_STALLED}. */
  bits = new Uint8Array(0);
  /** Snapshot generation that last reported the slot's id, and that listed it duplicated. */
  seenGen = new Uint32Array(0);
  dupGen = new Uint32Array(0);
  /** Snapshot generation in which the slot's counters alone last moved (0: never). */
  movedGen = new Uint32Array(0);
  hash: string[] = [];
  extra: Array<Record<string, Json>> = [];
  views: Array<ShardView | undefined> = [];
  private free: number[] = [];

  /** A slot for a new shard. */
  take(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.size === this.ids.length) this.grow();
    return this.size++;
  }

  /** Give a slot back (its shard went away). */
  release(slot: number): void {
    this.ids[slot] = -1;
    this.hash[slot] = '';
    this.extra[slot] = NO_EXTRA;
    this.views[slot] = undefined;
    this.free.push(slot);
  }

  clear(): void {
    this.size = 0;
    this.free = [];
    this.hash = [];
    this.extra = [];
    this.views = [];
    this.ids.fill(-1);
  }

  /** The slot's view, made once and kept until the slot changes. */
  view(slot: number): ShardView {
    const kept = this.views[slot];
    if (kept) return kept;
    const bits = this.bits[slot] as number;
    const sendRate = this.sendRate[slot] as number;
    const recvRate = this.recvRate[slot] as number;
    const sendPing = this.sendPing[slot] as number;
    const receibePing = this.receibePing[slot] as number;
    const view: ShardView = {
      id: this.ids[slot] as number,
      hash: this.hash[slot] ?? '',
      state: STATES[this.state[slot] as number] as ShardState,
      development: (bits & BIT_DEV) !== 0,
      disconnected: (bits & BIT_DISC) !== 0,
      sendPing,
      receibePing,
      sending: this.sending[slot] as number,
      received: this.received[slot] as number,
      sendRate: Number.isNaN(sendRate) ? null : sendRate,
      recvRate: Number.isNaN(recvRate) ? null : recvRate,
      pingGap: sendPing - receibePing,
      stalled: (bits & BIT_STALLED) !== 0,
      restarts: this.restarts[slot] as number,
      lastChangeAt: this.lastChangeAt[slot] as number,
      lastSeenAt: this.lastSeenAt[slot] as number,
      extra: this.extra[slot] ?? NO_EXTRA,
    };
    this.views[slot] = view;
    return view;
  }

  /**
   * Put the slot's shard at position `i` of push columns, as {@link view}
   * would show it, without making the view (a counters push of 5,000 shards
   * otherwise made 5,000 objects that lived just long enough to reach the
   * old generation).
   */
  putTo(c: PushColumns, i: number, slot: number): void {
    putShard(
      c,
      i,
      this.ids[slot] as number,
      this.hash[slot] ?? '',
      this.state[slot] as number,
      this.bits[slot] as number,
      this.sendPing[slot] as number,
      this.receibePing[slot] as number,
      this.sending[slot] as number,
      this.received[slot] as number,
      this.sendRate[slot] as number,
      this.recvRate[slot] as number,
      this.restarts[slot] as number,
      this.lastChangeAt[slot] as number,
      this.lastSeenAt[slot] as number,
      this.extra[slot] ?? NO_EXTRA,
    );
  }

  private grow(): void {
    const n = Math.max(64, this.ids.length * 2);
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(n);
      next.set(a);
      return next;
    };
    this.ids = f64(this.ids);
    this.ids.fill(-1, this.size);
    this.sendPing = f64(this.sendPing);
    this.receibePing = f64(this.receibePing);
    this.sending = f64(this.sending);
    this.received = f64(this.received);
    this.sendRate = f64(this.sendRate);
    this.recvRate = f64(this.recvRate);
    this.frozenSince = f64(this.frozenSince);
    this.lastChangeAt = f64(this.lastChangeAt);
    this.lastSeenAt = f64(this.lastSeenAt);
    this.restarts = f64(this.restarts);
    const u8 = (a: Uint8Array): Uint8Array<ArrayBuffer> => {
      const next = new Uint8Array(n);
      next.set(a);
      return next;
    };
    this.state = u8(this.state);
    this.bits = u8(this.bits);
    const u32 = (a: Uint32Array): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(n);
      next.set(a);
      return next;
    };
    this.seenGen = u32(this.seenGen);
    this.dupGen = u32(this.dupGen);
    this.movedGen = u32(this.movedGen);
  }
}
