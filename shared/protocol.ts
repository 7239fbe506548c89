/**
 * Wire types of the shard gateway protocol (see `docs/protocol.md`).
 *
 * Pure data and pure functions only: this module is imported by the engine,
 * the simulator and the renderer alike.
 */
import { isRecord } from './validate';

/** The two protocol dialects a profile can speak (docs/protocol.md §1 and §2). */
export const DIALECTS = ['documented', 'http-interaction-0.2.2'] as const;
/** A protocol dialect id. */
export type Dialect = (typeof DIALECTS)[number];

/** Type guard for {@link Dialect}. */
export function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value);
}

/**
 * How a monitor watches a gateway (docs/protocol.md §1 "Register or ping
 * only"): `register` sends "register client" and gets shard stats, but the
 * gateway may then route the bot's interactions to the monitor; `ping-only`
 * never registers and measures latency and liveness only. The 0.2.2 dialect
 * is always `ping-only` (docs/protocol.md §2).
 */
export const MONITOR_MODES = ['register', 'ping-only'] as const;
/** One of {@link MONITOR_MODES}. */
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** Type guard for {@link MonitorMode}. */
export function isMonitorMode(value: unknown): value is MonitorMode {
  return typeof value === 'string' && (MONITOR_MODES as readonly string[]).includes(value);
}

/** Any JSON value after validation. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A decoded frame from the gateway. Only `type` is guaranteed (an integer);
 * everything else is optional and checked where it is used. Unknown fields are
 * kept in place so raw views can show them.
 */
export interface GatewayMessage {
  type: number;
  service?: string;
  event?: string;
  data?: Json;
  possible_error?: boolean;
  message?: string;
  rate_limit?: Json;
  [key: string]: Json | undefined;
}

/** Event names seen from gateway servers (docs/protocol.md §1 "Other events"). */
export const GATEWAY_EVENTS = {
  HELLO: 'GATEWAY_HELLO',
  READY: 'GATEWAY_READY',
  RESUME: 'GATEWAY_RESUME',
  PING: 'GATEWAY_PING',
  SHARD_INFO: 'GATEWAY_SHARD_INFO',
  ERROR: 'GATEWAY_ERROR',
  NO_IDENTIFIED: 'GATEWAY_NO_IDENTIFIED',
  INTERACTION: 'INTERACTION_DISCORD',
} as const;

/** Named register flag bits (docs/protocol.md §1 "Flags"). */
export const GATEWAY_FLAGS = {
  ENCODE_ZLIB: 1,
  DECODE_ZLIB: 2,
  SEND_BINARY: 4,
  SHARD_MODE: 8,
} as const;
/** Name of a known flag bit. */
export type GatewayFlagName = keyof typeof GATEWAY_FLAGS;

/** The five identification headers sent on the WebSocket upgrade (docs/protocol.md §2 "Connecting"). */
export const IDENTIFICATION_HEADERS = {
  id: 'Identification',
  secret: 'Secret',
  publicKey: 'Public-Key',
  shardIn: 'Shard-In',
  shardTotal: 'Shard-Total',
} as const;

/**
 * One shard as reported in `shards_stats` / `GATEWAY_SHARD_INFO`.
 * Field names are the wire names, including the misspelt `receibe_ping`.
 * `extra` keeps every unknown field so the raw view can show it.
 */
export interface ShardStats {
  shard_id: number;
  shard_hash: string;
  development: boolean;
  disconnected: boolean;
  send_ping: number;
  receibe_ping: number;
  sending: number;
  received: number;
  extra: Record<string, Json>;
}

/** What a `GATEWAY_READY` / `GATEWAY_RESUME` answer told us. */
export interface ReadyInfo {
  event: string;
  botId: string | null;
  /** `application_bot.flags` exactly as the server returned it (never recomputed). */
  botFlags: number | null;
  sessionId: string | null;
  /** Flattened `[shard_in, shard_total]` pairs. */
  shardsConfig: Array<[number, number]>;
  /** Flattened shard objects; empty means "no shard has reported yet". */
  shards: ShardStats[];
}

/** What a `GATEWAY_HELLO` told us. */
export interface HelloInfo {
  startingShards: boolean | null;
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Flatten an arbitrarily nested array (docs/protocol.md §1: `shards_config` and
 * `shards_stats` arrive wrapped in any number of array levels). Iterative so a
 * hostile depth cannot overflow the stack.
 */
export function flattenDeep(value: unknown, maxItems = 1_000_000): unknown[] {
  const out: unknown[] = [];
  const stack: Array<{ arr: unknown[]; i: number }> = [];
  if (!Array.isArray(value)) return value === undefined || value === null ? out : [value];
  stack.push({ arr: value, i: 0 });
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.arr.length) {
      stack.pop();
      continue;
    }
    const item = top.arr[top.i++];
    if (Array.isArray(item)) stack.push({ arr: item, i: 0 });
    else {
      out.push(item);
      if (out.length >= maxItems) break;
    }
  }
  return out;
}

/**
 * Flatten `shards_config` into `[shard_in, shard_total]` pairs. The innermost
 * arrays holding two numbers are the pairs, whatever depth they sit at.
 */
export function flattenShardsConfig(value: unknown): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!Array.isArray(item)) continue;
    if (item.length === 2 && typeof item[0] === 'number' && typeof item[1] === 'number') {
      pairs.push([item[0], item[1]]);
      continue;
    }
    for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
  }
  return pairs;
}

/**
 * The `extra` of every shard without unknown fields: one frozen object
 * instead of one per shard per report (a 10,000-shard snapshot allocated
 * 10,000 empty objects, and the tracker compared them field by field).
 */
const NO_EXTRA: Record<string, Json> = Object.freeze({});

/** The known fields of a shard object, in the order the protocol lists them (docs/protocol.md §1). */
export const SHARD_STATS_FIELDS = [
  'shard_id',
  'shard_hash',
  'development',
  'disconnected',
  'send_ping',
  'receibe_ping',
  'sending',
  'received',
] as const satisfies readonly (keyof ShardStats)[];

/**
 * Whether a value is a usable shard id: a non-negative safe integer. `1e308`
 * and `2 ** 53 + 1` are integers to JavaScript but not ids anyone can tell
 * apart from their neighbours, so they are refused, not rounded.
 */
export function isShardId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Normalise one shard object; returns null when it has no usable `shard_id`. */
export function parseShard(value: unknown): ShardStats | null {
  if (!isRecord(value)) return null;
  const id = value['shard_id'];
  if (!isShardId(id)) return null;
  let extra: Record<string, Json> | null = null;
  // for…in with hasOwn visits exactly Object.keys(value), in the same order,
  // without allocating the key array for each of thousands of shards; the
  // switch is the known-field test (cheaper per key than a Set lookup); its
  // cases are SHARD_STATS_FIELDS.
  for (const key in value) {
    switch (key) {
      case 'shard_id':
      case 'shard_hash':
      case 'development':
      case 'disconnected':
      case 'send_ping':
      case 'receibe_ping':
      case 'sending':
      case 'received':
        continue;
    }
    if (Object.hasOwn(value, key)) (extra ??= {})[key] = value[key] as Json;
  }
  return {
    shard_id: id,
    shard_hash: typeof value['shard_hash'] === 'string' ? value['shard_hash'] : '',
    development: value['development'] === true,
    disconnected: value['disconnected'] === true,
    send_ping: toCount(value['send_ping']),
    receibe_ping: toCount(value['receibe_ping']),
    sending: toCount(value['sending']),
    received: toCount(value['received']),
    extra: extra ?? NO_EXTRA,
  };
}

/**
 * Flatten `shards_stats` (or a `GATEWAY_SHARD_INFO` `data` nest) into shard
 * objects: the walk of {@link flattenDeep} (same order, same item cap), with
 * each item parsed where it is found instead of collected first. Items that
 * are not shard objects with a usable id are skipped and counted in
 * `rejected.count` when a counter is given, so the caller can report them.
 */
export function flattenShardsStats(
  value: unknown,
  maxItems = 1_000_000,
  rejected?: { count: number },
): ShardStats[] {
  const shards: ShardStats[] = [];
  if (!Array.isArray(value)) {
    const shard = value === undefined || value === null ? null : parseShard(value);
    if (shard) shards.push(shard);
    else if (rejected && value !== undefined && value !== null) rejected.count++;
    return shards;
  }
  const stack: Array<{ arr: unknown[]; i: number }> = [{ arr: value, i: 0 }];
  let items = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const arr = top.arr;
    let i = top.i;
    let descended = false;
    while (i < arr.length) {
      const item = arr[i++];
      if (Array.isArray(item)) {
        top.i = i;
        stack.push({ arr: item, i: 0 });
        descended = true;
        break;
      }
      const shard = parseShard(item);
      if (shard) shards.push(shard);
      else if (rejected) rejected.count++;
      if (++items >= maxItems) return shards;
    }
    if (!descended) stack.pop();
  }
  return shards;
}

/** Read the facts of a READY / RESUME answer out of its `data`. */
export function parseReady(event: string, data: unknown, rejected?: { count: number }): ReadyInfo {
  const d = isRecord(data) ? data : {};
  const bot = isRecord(d['application_bot']) ? d['application_bot'] : {};
  return {
    event,
    botId: typeof bot['id'] === 'string' ? bot['id'] : null,
    botFlags: typeof bot['flags'] === 'number' ? bot['flags'] : null,
    sessionId: typeof d['session_id'] === 'string' ? d['session_id'] : null,
    shardsConfig: flattenShardsConfig(d['shards_config']),
    shards: flattenShardsStats(d['shards_stats'], undefined, rejected),
  };
}

/** Read a HELLO's `data`. */
export function parseHello(data: unknown): HelloInfo {
  const d = isRecord(data) ? data : {};
  return {
    startingShards: typeof d['starting_shards'] === 'boolean' ? d['starting_shards'] : null,
  };
}

/**
 * The flags value the 0.2.2 server derives for `application_bot.flags`
 * (docs/protocol.md §2): the sum of `1 << f` for f in 0..2 where `(f & sent) == f`.
 * Used by the simulator; the client always displays what the server sent.
 */
export function deriveServerBotFlags(sentFlags: number): number {
  let out = 0;
  for (let f = 0; f <= 2; f++) if ((f & sentFlags) === f) out += 1 << f;
  return out;
}

/** Shorten a session id for display: never print the whole opaque value. */
export function shortSessionId(id: string | null): string | null {
  if (id === null) return null;
  return id.length <= 12 ? id : `${id.slice(0, 8)}…${id.slice(-4)}`;
}
