/**
 * The gateway flag bits by name, as the profile editor offers them
 * (docs/protocol.md §1 "Flags"), and the bit arithmetic that keeps the bits
 * it has no name for untouched.
 */
import type { GatewayFlagName } from './protocol';
import { GATEWAY_FLAGS } from './protocol';

/** One named flag bit as offered by the profile editor. */
export interface FlagOption {
  name: GatewayFlagName;
  bit: number;
  label: string;
  description: string;
}

/** The named flag bits (docs/protocol.md §1 "Flags"), in bit order. */
export const FLAG_OPTIONS: readonly FlagOption[] = [
  {
    name: 'ENCODE_ZLIB',
    bit: GATEWAY_FLAGS.ENCODE_ZLIB,
    label: 'Server compresses (zlib)',
    description: 'The server compresses what it sends.',
  },
  {
    name: 'DECODE_ZLIB',
    bit: GATEWAY_FLAGS.DECODE_ZLIB,
    label: 'Server decompresses (zlib)',
    description: 'The server decompresses what it receives.',
  },
  {
    name: 'SEND_BINARY',
    bit: GATEWAY_FLAGS.SEND_BINARY,
    label: 'Binary frames',
    description: 'The server sends binary frames.',
  },
  {
    name: 'SHARD_MODE',
    bit: GATEWAY_FLAGS.SHARD_MODE,
    label: 'Shard mode',
    description: 'Releases resources for shard development.',
  },
];

const NAMED_FLAG_MASK = FLAG_OPTIONS.reduce((mask, f) => mask | f.bit, 0);

/** Names of the known bits set in `flags`. */
export function flagNames(flags: number): GatewayFlagName[] {
  return FLAG_OPTIONS.filter((f) => (flags & f.bit) !== 0).map((f) => f.name);
}

/** The bits of `flags` that have no name; the editor keeps them untouched. */
export function otherFlagBits(flags: number): number {
  return flags & ~NAMED_FLAG_MASK;
}

/** `flags` with one named bit switched on or off, every other bit kept. */
export function withFlag(flags: number, name: GatewayFlagName, on: boolean): number {
  const bit = GATEWAY_FLAGS[name];
  return on ? flags | bit : flags & ~bit;
}
