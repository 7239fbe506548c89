/**
 * What crosses the port between a gateway connection's worker thread and the
 * main thread (docs/architecture.md §3.12): the messages, shard lists as
 * columns (typed arrays, transferred, not cloned), sentences as tokens the
 * main thread words in the user's language; frames cross as their frame-log
 * text (`frame-text.ts`).
 */
import type { MessagePort } from 'node:worker_threads';
import type { MessageParams, Say } from '../../../shared/i18n/translator';
import type { EngineKey } from '../../../shared/i18n/translator';
import { sayEnglish } from '../../../shared/i18n/translator';
import type { GatewayConnectionOptions } from './options';
import type { GatewayEvents, GatewayCounters, GatewaySnapshot } from './connection-types';
import type { ShardColumns } from './shard-columns';

/** The options a worker can be given: everything but functions and the clock. */
export type WorkerConnectionOptions = Omit<
  GatewayConnectionOptions,
  'say' | 'clock' | 'random' | 'probe'
>;

/** Main thread → worker; `seq` numbers the commands of one connection. */
export interface HostCommand {
  cmd: 'connect' | 'disconnect' | 'reconnectNow' | 'dispose';
  seq: number;
}

/** What a connection is started with in its thread. */
export interface WorkerStart {
  options: WorkerConnectionOptions;
  /** The `seq` of the last command sent before this connection's thread had it. */
  seq: number;
}

/**
 * Main thread → a gateway thread (`worker-pool.ts`): host one more
 * connection, talking over `port`; or end, every connection in it with it.
 */
export type PoolCommand = { cmd: 'open'; start: WorkerStart; port: MessagePort } | { cmd: 'end' };

/** One event as sent: shard lists travel as {@link ShardColumns}. */
export type WireEvent =
  | {
      event: 'shards';
      payload: Omit<GatewayEvents['shards'], 'shards' | 'columns'>;
      columns: ShardColumns;
    }
  | { event: 'ready'; payload: GatewayEvents['ready']; columns: ShardColumns }
  | {
      event: Exclude<keyof GatewayEvents, 'shards' | 'ready'>;
      payload: GatewayEvents[keyof GatewayEvents];
    };

/** Worker → main thread: what happened since the last batch, and the facts after it. */
export interface WorkerBatch {
  /** `seq` of the last command the worker had acted on when these events happened. */
  ack: number;
  /** Sentences first seen in this batch: token id, key, parameters (secrets scrubbed). */
  sayings: Array<[number, EngineKey, MessageParams]>;
  events: WireEvent[];
  /**
   * `snapshot({ shards: false })` after the events: the fields that changed
   * since the last batch (every one in a connection's first batch and in the
   * first after each command), to be laid over the facts the main thread has.
   */
  facts: Partial<GatewaySnapshot>;
  counters: GatewayCounters;
}

/** A worker's message: a batch, or its heartbeat while idle. */
export type WorkerMessage = { kind: 'batch'; batch: WorkerBatch } | { kind: 'alive' };

/** A worker with nothing else to send says it is alive this often (ms). */
export const HEARTBEAT_MS = 1000;
/** A worker silent this long is hung: it is ended and the connection retried (ms). */
export const SILENT_WORKER_MS = 15_000;

// Shard lists cross as columns (`shard-columns.ts`); these names are kept for the port's users.
export type { ShardColumns } from './shard-columns';
export { columnBuffers, fromColumns, toColumns } from './shard-columns';

// ---- sentences --------------------------------------------------------------

const OPEN = '\u0001';
const CLOSE = '\u0002';
const TOKEN = /\u0001(\d+)\u0002/g;

/**
 * Distinct sentences one connection's worker side words by token. Some carry
 * what a gateway sent (a refused frame's size, the JSON parser's position), so
 * a hostile gateway could make new ones without end; past this many, both
 * threads would only grow, so further new sentences are sent already worded,
 * in English.
 */
export const MAX_TOKEN_SENTENCES = 1024;

/**
 * The worker's `say`: a token standing for the sentence, worded on the main
 * thread in the language of the moment. `clean` scrubs secrets from the
 * parameters; each distinct sentence gets one id, told once through `onNew`
 * (at most {@link MAX_TOKEN_SENTENCES}; after that, new ones come as English text).
 */
export function tokenSay(
  clean: (p: MessageParams) => MessageParams,
  onNew: (id: number, key: EngineKey, params: MessageParams) => void,
): Say {
  const ids = new Map<string, number>();
  return (key, params = {}) => {
    const p = clean(params);
    const k = `${key}\u0000${JSON.stringify(p)}`;
    let id = ids.get(k);
    if (id === undefined) {
      if (ids.size >= MAX_TOKEN_SENTENCES) return sayEnglish(key, p);
      id = ids.size;
      ids.set(k, id);
      onNew(id, key, p);
    }
    return `${OPEN}${id}${CLOSE}`;
  };
}

/** The main thread's side of {@link tokenSay}: words tokens with `say`. */
export interface Wording {
  learn(sayings: WorkerBatch['sayings']): void;
  /**
   * `value` with every token in its strings worded: a copy of the objects and
   * arrays where something changed, `value` itself where nothing did (a ping's
   * batch usually has no sentence in it).
   */
  word<T>(value: T): T;
}

export function createWording(say: Say): Wording {
  const known = new Map<number, [EngineKey, MessageParams]>();

  function text(s: string, depth: number): string {
    if (!s.includes(OPEN)) return s;
    return s.replace(TOKEN, (whole, id: string) => {
      const entry = known.get(Number(id));
      if (!entry || depth > 8) return '';
      const [key, params] = entry;
      const worded: Record<string, string | number> = {};
      for (const [name, v] of Object.entries(params))
        worded[name] = typeof v === 'string' ? text(v, depth + 1) : v;
      return say(key, worded);
    });
  }

  function word<T>(value: T): T {
    if (typeof value === 'string') return text(value, 0) as T;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const w = word(v);
        if (!Object.is(w, v)) (copy ??= value.slice())[i] = w;
      }
      return (copy ?? value) as T;
    }
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const k of Object.keys(record)) {
      const v = record[k];
      const w = word(v);
      if (!Object.is(w, v)) (copy ??= { ...record })[k] = w;
    }
    return (copy ?? value) as T;
  }

  return {
    learn(sayings) {
      for (const [id, key, params] of sayings) known.set(id, [key, params]);
    },
    word,
  };
}
