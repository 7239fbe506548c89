/**
 * A queue with nothing waiting sets no wake-up. (With the real clock a
 * wake-up "at infinity" fires every millisecond: Node turns a delay it
 * cannot hold into 1 ms, so an idle Shardwatch would spin.) The fake clock
 * counts the timers still set (delivery-rig.ts).
 */
import { describe, expect, it } from 'vitest';
import { add, channelInput, enqueueOpen, receiver, rig } from './delivery-rig';

describe('an idle delivery queue', () => {
  it('sets no timer once every message is delivered', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1, 2]);
    await r.step();
    await r.step();
    expect(hook.requests).toHaveLength(2);
    expect(r.queue.queued(id)).toBe(0);
    expect(r.clock.pendingCount()).toBe(0);
  });

  it('keeps exactly one timer while a message waits for its retry', async () => {
    const hook = await receiver();
    hook.queueAnswers({ status: 503 });
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1]);
    await r.step();
    expect(r.queue.log(id, 1)[0]).toMatchObject({ outcome: 'retrying', status: 503 });
    expect(r.clock.pendingCount()).toBe(1);
    await r.step(5000);
    expect(r.queue.queued(id)).toBe(0);
    expect(r.clock.pendingCount()).toBe(0);
  });
});
