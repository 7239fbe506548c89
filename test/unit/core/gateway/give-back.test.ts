/**
 * A buffer's memory given back at once by its owner (give-back.ts): only a
 * buffer that is all its own, and never a slice others may share.
 */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { GIVE_BACK_MIN_BYTES, giveBack } from '../../../../electron/core/gateway/give-back';

/** Whether the memory under `bytes` has been given back (it reads zero bytes now). */
const givenBack = (bytes: ArrayBufferView): boolean =>
  bytes.buffer instanceof ArrayBuffer && bytes.buffer.detached;

const MB = 1024 * 1024;

describe('giveBack', () => {
  it('frees a buffer that is all its own at once, and V8 stops counting it', () => {
    const frames = Array.from({ length: 8 }, () => Buffer.alloc(MB, 0x61));
    const held = getHeapStatistics().external_memory;
    for (const f of frames) expect(giveBack(f)).toBe(true);
    const after = getHeapStatistics().external_memory;
    // No collection ran in between: the 8 MiB went back when given.
    expect(held - after).toBeGreaterThanOrEqual(8 * MB);
    for (const f of frames) {
      expect(f.length).toBe(0);
      expect(givenBack(f)).toBe(true);
    }
  });

  it('leaves alone a view on part of a buffer, which another view may still read', () => {
    const chunk = Buffer.alloc(4 * GIVE_BACK_MIN_BYTES, 0x62);
    // As `ws` cuts a frame from a socket chunk that also holds the next one.
    const frame = chunk.subarray(0, 2 * GIVE_BACK_MIN_BYTES);
    const next = chunk.subarray(2 * GIVE_BACK_MIN_BYTES);
    expect(giveBack(frame)).toBe(false);
    expect(giveBack(next)).toBe(false);
    expect(next[0]).toBe(0x62);
    expect(givenBack(chunk)).toBe(false);
  });

  it("leaves alone a small Buffer, which may be a slice of Node's shared pool", () => {
    const small = Buffer.from('{"type":1,"event":"GATEWAY_PING"}');
    const neighbour = Buffer.from('still here');
    expect(giveBack(small)).toBe(false);
    expect(neighbour.toString()).toBe('still here');
    // Its own buffer below the minimum is left to the collector too.
    expect(giveBack(new Uint8Array(GIVE_BACK_MIN_BYTES - 1))).toBe(false);
    expect(giveBack(new Uint8Array(GIVE_BACK_MIN_BYTES))).toBe(true);
  });

  it('leaves alone shared memory, and a buffer already given back', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(2 * GIVE_BACK_MIN_BYTES));
    expect(giveBack(shared)).toBe(false);
    expect(shared.length).toBe(2 * GIVE_BACK_MIN_BYTES);
    expect(givenBack(shared)).toBe(false);
    const once = new Float64Array(GIVE_BACK_MIN_BYTES);
    expect(giveBack(once)).toBe(true);
    expect(giveBack(once)).toBe(false);
  });
});
