/**
 * The delivery queue's retries, limits and log: the backoff schedule, giving
 * up after maxAgeMs, per-channel rate limits, log trimming, full-queue
 * notices, forgetting a channel, a damaged queue file and dispose(). On the
 * fake clock with real receivers (delivery-rig.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentMessage } from '../../../electron/core/alerts/messages';
import { defaultBackoffMs, QUEUE_FILE } from '../../../electron/core/notify/delivery-queue';
import { channelInput, incident, rig, receiver, enqueueOpen, add, tempDir } from './delivery-rig';

describe('delivery: retries, limits and the log', () => {
  it('backs off 5 s, 15 s, 45 s, 2 min 15 s, then every 5 min', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(defaultBackoffMs)).toEqual([
      5000, 5000, 15_000, 45_000, 135_000, 300_000, 300_000,
    ]);
  });

  it('retries a receiver that is down on that schedule, never earlier', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    const attempts = () => r.queue.log(id, 100).filter((e) => e.outcome === 'retrying').length;
    expect(attempts()).toBe(1);
    expect(r.queue.log(id, 1)[0]?.nextAttemptAt).toBe(r.clock.wallNow() + 5000);
    await r.step(4999);
    expect(attempts()).toBe(1);
    await r.step(1);
    expect(attempts()).toBe(2);
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      attempt: 2,
      nextAttemptAt: r.clock.wallNow() + 15_000,
    });
  });

  it('gives up on a message still undelivered after maxAgeMs and says after how long', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig(undefined, undefined, undefined, {
      maxAgeMs: 2 * 3_600_000,
      backoffMs: () => 3_600_000,
    });
    const id = add(r, channelInput('webhook', hook.url('/in')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    await r.step(3_600_000);
    // One hour old: still retried.
    expect(r.queue.queued(id)).toBe(1);
    await r.step(3_600_000);
    // Exactly maxAgeMs old: given up.
    expect(r.queue.queued(id)).toBe(0);
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'failed',
      attempt: 3,
      nextAttemptAt: null,
      answer: 'connection refused (ECONNREFUSED); gave up after 2 h',
    });
    expect(r.queue.last(id)).toEqual({ at: r.clock.wallNow(), ok: false, status: null });
  });

  it("a channel's rate limit holds back only that channel", async () => {
    const slow = await receiver();
    slow.queueAnswers({ status: 429, body: JSON.stringify({ retry_after: 60 }) });
    const fast = await receiver();
    const r = rig();
    const a = add(r, channelInput('discord', slow.url('/api/webhooks/1/slowslowslow')));
    const b = add(r, channelInput('discord', fast.url('/api/webhooks/2/fastfastfast')));
    enqueueOpen(r, a, [1]);
    enqueueOpen(r, b, [2, 3]);
    await r.step();
    await r.step();
    expect(fast.requests).toHaveLength(2);
    expect(r.queue.queued(a)).toBe(1);
    expect(r.queue.queued(b)).toBe(0);
    expect(r.queue.last(b)).toMatchObject({ ok: true, status: 204 });
  });

  it('keeps the newest maxLog log lines, newest first, per channel or all', async () => {
    const hook = await receiver();
    const r = rig(undefined, undefined, undefined, { maxLog: 3 });
    const a = add(r, channelInput('webhook', hook.url('/a')));
    const b = add(r, channelInput('webhook', hook.url('/b'), { name: 'Other' }));
    enqueueOpen(r, a, [1, 2]);
    await r.step();
    await r.step();
    enqueueOpen(r, b, [3, 4]);
    await r.step();
    await r.step();
    const all = r.queue.log(null, 10);
    expect(all.map((e) => e.title)).toEqual([
      'Bot: incident 4',
      'Bot: incident 3',
      'Bot: incident 2',
    ]);
    expect(all.map((e) => e.channelName)).toEqual(['Other', 'Other', expect.any(String)]);
    expect(r.queue.log(null, 1)).toHaveLength(1);
    expect(r.queue.log(a, 10).map((e) => e.title)).toEqual(['Bot: incident 2']);
    expect(r.queue.log('no-such-channel', 10)).toEqual([]);
    expect(r.queue.last('no-such-channel')).toBeNull();
  });

  it('a full queue says so again only after ten minutes, counting every drop', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig(undefined, undefined, 1);
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1, 2]);
    enqueueOpen(r, id, [3]);
    expect(r.problems).toHaveLength(1);
    r.clock.advance(10 * 60_000 - 1);
    enqueueOpen(r, id, [4]);
    expect(r.problems).toHaveLength(1);
    r.clock.advance(1);
    enqueueOpen(r, id, [5]);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[1]).toMatch(/\b4 messages were dropped\b.*holds 1\b/);
    expect(r.queue.droppedCount()).toBe(4);
    // A drop is not a delivery attempt: "last" tells of real attempts only (none has ended yet).
    expect(r.queue.last(id)).toBeNull();
  });

  it('forgetting a channel drops its waiting messages, not the others, and saves', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig();
    const a = add(r, channelInput('webhook', hook.url('/a')));
    const b = add(r, channelInput('webhook', hook.url('/b'), { name: 'Other' }));
    enqueueOpen(r, a, [1, 2]);
    enqueueOpen(r, b, [3]);
    r.queue.forgetChannel(a);
    expect([r.queue.queued(a), r.queue.queued(b)]).toEqual([0, 1]);
    const saved = JSON.parse(readFileSync(join(r.dir, QUEUE_FILE), 'utf8')) as {
      items: Array<{ channelId: string }>;
    };
    expect(saved.items.map((i) => i.channelId)).toEqual([b]);
  });

  it('a message for a channel deleted meanwhile fails at once, logged under "(deleted channel)"', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1]);
    r.store.delete(id);
    await r.step();
    expect(hook.requests).toEqual([]);
    expect(r.queue.queued(id)).toBe(0);
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'failed',
      channelName: '(deleted channel)',
      status: null,
    });
    expect(await r.queue.testSend(id)).toEqual({
      ok: false,
      status: null,
      answer: expect.stringMatching(/no longer exists/),
    });
  });

  it('a damaged queue file is moved aside with a notice, and delivery starts empty', () => {
    const dir = tempDir('sw-notify-');
    writeFileSync(join(dir, QUEUE_FILE), '{"version": 1, "items": [');
    const r = rig(dir);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      /could not be read \(it is not valid JSON\); it was moved to .*corrupt/,
    );
    expect(existsSync(join(dir, QUEUE_FILE))).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('notify-queue.corrupt-'))).toBe(true);
    expect(r.queue.droppedCount()).toBe(0);
  });

  it('after dispose() nothing more is queued or sent', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    await r.queue.dispose();
    enqueueOpen(r, id, [1]);
    await r.step(60_000);
    expect(r.queue.queued(id)).toBe(0);
    expect(hook.requests).toEqual([]);
  });
});
