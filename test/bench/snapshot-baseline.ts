/**
 * The per-frame path of a shard snapshot as it was before 2026-11-26, kept
 * here (and only here) as the baseline the core benchmark measures the
 * current path against, side by side in one run. Not used by the app.
 *
 * What it did to every incoming frame, in order: UTF-8 decode with a fatal
 * `TextDecoder`; a nesting-depth scan over the string; four substring scans
 * for prototype-reaching keys (and `JSON.parse` with a reviver when one
 * matched); `JSON.parse`; a read-only walk of the whole redacted frame for
 * the connection's secrets (the frame-log event); `flattenShardsStats` with
 * `Object.keys` and a fresh `extra` object per shard; and another walk of
 * the shard list for the secrets (the `shards` event). Copied from
 * electron/core/gateway/codec.ts, connection.ts and shared/protocol.ts at
 * commit 4dd9100; error texts trimmed, since the benchmark feeds it only
 * valid frames.
 */
import type { GatewayMessage, Json, ShardStats } from '../../shared/protocol';
import { GATEWAY_EVENTS, flattenDeep, shortSessionId } from '../../shared/protocol';
import { createSecretScrubber } from '../../electron/core/gateway/secret-scrub';

const MAX_JSON_DEPTH = 512;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function safeReviver(key: string, value: unknown): unknown {
  return FORBIDDEN_KEYS.has(key) ? undefined : value;
}

function mayHoldForbiddenKey(text: string): boolean {
  return (
    text.includes('__proto__') ||
    text.includes('constructor') ||
    text.includes('prototype') ||
    text.includes('\\u')
  );
}

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The old `decodeFrame` for an uncompressed frame; null when it would have refused it. */
export function baselineDecode(data: Buffer): GatewayMessage | null {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return null;
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return null;
  let parsed: unknown;
  try {
    parsed = mayHoldForbiddenKey(text) ? JSON.parse(text, safeReviver) : JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed['type'] !== 'number') return null;
  return parsed as GatewayMessage;
}

/** The scrub is unchanged (now `createSecretScrubber`); the old path walked with it twice. */
export function baselineScrubber(secrets: readonly string[]): <T>(value: T) => T {
  return createSecretScrubber(secrets).scrub;
}

const KNOWN_SHARD_FIELDS = new Set([
  'shard_id',
  'shard_hash',
  'development',
  'disconnected',
  'send_ping',
  'receibe_ping',
  'sending',
  'received',
]);

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The old `parseShard`. */
export function baselineParseShard(value: unknown): ShardStats | null {
  if (!isRecord(value)) return null;
  const id = value['shard_id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) return null;
  const extra: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    if (!KNOWN_SHARD_FIELDS.has(key)) extra[key] = value[key] as Json;
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
    extra,
  };
}

/** The old `flattenShardsStats`. */
export function baselineFlattenShardsStats(value: unknown): ShardStats[] {
  const shards: ShardStats[] = [];
  for (const item of flattenDeep(value)) {
    const shard = baselineParseShard(item);
    if (shard) shards.push(shard);
  }
  return shards;
}

/** The old frame-log copy of an incoming frame. */
export function baselineRedactIncoming(message: GatewayMessage): GatewayMessage {
  const copy: GatewayMessage = { ...message };
  if (message.type === 8 || message.event === GATEWAY_EVENTS.INTERACTION) {
    copy.data = '[interaction payload not kept]';
  } else if (isRecord(message.data) && typeof message.data['session_id'] === 'string') {
    copy.data = { ...message.data, session_id: shortSessionId(message.data['session_id']) };
  }
  return copy;
}
