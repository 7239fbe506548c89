/**
 * What the delivery queue keeps across a restart of Shardwatch: a message
 * that was delivered is not sent again, and the delivery log (queued
 * deliveries and "Send test" alike) is still there, with the channel's last
 * delivery; a channel whose address cannot be decrypted any more fails with
 * the reason. Real receivers on loopback, backoff on the fake clock
 * (delivery-rig.ts).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE } from '../../../electron/core/profiles/secret-cipher';
import { add, channelInput, enqueueOpen, receiver, rig } from './delivery-rig';

describe('delivery queue after a restart', () => {
  it('a delivered message is not sent again, and its log line is kept', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1]);
    await r.step();
    expect(hook.requests).toHaveLength(1);

    // Shardwatch quits right after the delivery, with nothing else changed.
    await r.queue.dispose();
    const again = r.reopen();
    await again.step();
    await again.step(60 * 60_000);
    expect(hook.requests).toHaveLength(1);
    expect(again.queue.queued(id)).toBe(0);
    expect(again.queue.log(id, 10).map((e) => [e.title, e.outcome])).toEqual([
      ['Bot: incident 1', 'delivered'],
    ]);
  });

  it('a test send is logged as delivered, is the channel’s last delivery, and is kept', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    expect(await r.queue.testSend(id)).toEqual({ ok: true, status: 204, answer: '204' });
    // The first line of the log is the channel's last delivery.
    expect(r.queue.log(id, 10).map((e) => [e.messageKind, e.outcome])).toEqual([
      ['test', 'delivered'],
    ]);
    expect(r.queue.last(id)).toEqual({ at: r.clock.wallNow(), ok: true, status: 204 });

    await r.queue.dispose();
    const again = r.reopen();
    expect(again.queue.log(id, 10).map((e) => [e.messageKind, e.outcome])).toEqual([
      ['test', 'delivered'],
    ]);
    expect(again.queue.last(id)).toMatchObject({ ok: true, status: 204 });
  });

  it('each test send carries its own delivery id, so a receiver that drops duplicates keeps both', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    await r.queue.testSend(id);
    r.clock.advance(1000);
    await r.queue.testSend(id);
    const ids = hook.requests.map((q) => q.headers['x-shardwatch-delivery']);
    expect(ids).toHaveLength(2);
    for (const d of ids) expect(d).toMatch(/\S/);
    expect(new Set(ids).size).toBe(2);
  });

  it('with another key file, a channel whose address cannot be decrypted fails at once, saying why', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    await r.queue.dispose();
    // The key file was replaced (another machine's copy, a restore from backup).
    writeFileSync(join(r.dir, KEY_FILE), `${randomBytes(32).toString('base64')}\n`);
    const again = r.reopen();
    const why =
      'The stored value could not be decrypted: it was encrypted with another key, or it is damaged.';
    expect(await again.queue.testSend(id)).toEqual({ ok: false, status: null, answer: why });
    enqueueOpen(again, id, [1]);
    await again.step();
    expect(again.queue.queued(id)).toBe(0);
    expect(again.queue.log(id, 1)[0]).toMatchObject({ outcome: 'failed', answer: why });
    expect(hook.requests).toHaveLength(0);
  });
});
