import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../../electron/core/gateway/emitter';

describe('typed emitter', () => {
  it('delivers payloads, unsubscribes, and isolates throwing listeners', () => {
    const errors: unknown[] = [];
    const e = createEmitter<{ a: number; b: string }>((err) => errors.push(err));
    const got: number[] = [];
    const off = e.on('a', (n) => got.push(n));
    e.on('a', () => {
      throw new Error('boom');
    });
    e.emit('a', 1);
    off();
    e.emit('a', 2);
    expect(got).toEqual([1]);
    expect(errors).toHaveLength(2);
    expect(e.listenerCount()).toBe(1);
    e.clear();
    expect(e.listenerCount()).toBe(0);
  });
});
