import { describe, expect, it } from 'vitest';
import { createListenerSet } from '../../../../renderer/src/ipc/client';

describe('listener sets of the bridge client', () => {
  it('a listener that re-subscribes while called (the detail store on reconnection) runs once per emit', () => {
    const set = createListenerSet<[]>();
    let calls = 0;
    const subscribe = (): void => {
      const off = set.add(() => {
        calls++;
        if (calls > 10) throw new Error('called again by the same emit');
        off();
        subscribe();
      });
    };
    subscribe();
    set.emit();
    expect(calls).toBe(1);
    set.emit();
    expect(calls).toBe(2);
  });

  it('an unsubscribed listener is not called, and every other one is', () => {
    const set = createListenerSet<[number]>();
    const seen: string[] = [];
    const offA = set.add((n) => seen.push(`a${n}`));
    set.add((n) => seen.push(`b${n}`));
    set.emit(1);
    offA();
    set.emit(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });
});
