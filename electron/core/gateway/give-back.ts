/**
 * A snapshot's memory given back as soon as its owner has read it
 * (docs/architecture.md §3.14).
 *
 * V8 frees an ArrayBuffer's memory only when a collection finds its object
 * dead, and until its next full collection it counts the external memory
 * allocated since the last one against the old generation's limit. A
 * 5,000-shard bot brings 853 KiB of frame text and 386 KiB of columns every
 * second; left to the collector, that memory started a full collection (a
 * marking of the whole heap) of the gateway thread every 5–40 s and of the
 * main thread every ~20 s, though the heaps hardly grew. Detaching a buffer
 * frees its memory at once, and V8's count goes down with it.
 *
 * Only the owner of a buffer may give it back: every view on it reads zero
 * bytes afterwards.
 */

/**
 * Buffers smaller than this are left to the collector: they cost it little,
 * and a small Node `Buffer` may be a slice of a pool shared with others.
 */
export const GIVE_BACK_MIN_BYTES = 16 * 1024;

/**
 * Detach the ArrayBuffer under `bytes` when `bytes` covers all of it and it
 * is at least {@link GIVE_BACK_MIN_BYTES}; true when it was given back.
 * A view on part of a buffer (a slice of Node's pool, a frame `ws` cut from
 * a socket chunk that also holds the next frame) is left alone, as is a
 * SharedArrayBuffer.
 */
export function giveBack(bytes: ArrayBufferView): boolean {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer)) return false;
  if (bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return false;
  return giveBackBuffer(buffer);
}

/** Detach `buffer` itself (its owner's whole buffer) when it is at least {@link GIVE_BACK_MIN_BYTES}. */
export function giveBackBuffer(buffer: ArrayBuffer): boolean {
  if (buffer.detached || buffer.byteLength < GIVE_BACK_MIN_BYTES) return false;
  buffer.transfer(0);
  return true;
}
