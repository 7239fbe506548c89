/**
 * Delivery to real HTTP receivers on loopback: Discord embeds and signed
 * webhooks arrive, a 429 is honoured (and a Retry-After it cannot read is
 * not), a receiver that is down gets every message in order when it comes
 * back (also after a restart), a full queue drops its oldest with a notice,
 * and "Send test" shows the answer with the channel's secrets removed.
 * Backoff waits run on the fake clock (delivery-rig.ts).
 */
import { createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentMessage } from '../../../electron/core/alerts/messages';
import { defaultBackoffMs } from '../../../electron/core/notify/delivery-queue';
import {
  channelInput,
  incident,
  rig,
  receiver,
  enqueueOpen,
  add,
  SIGNING_SECRET,
} from './delivery-rig';

describe('delivery to real receivers', () => {
  it('an outage reaches Discord as an embed coloured by severity, and comes back as a recovery', async () => {
    const discord = await receiver();
    const r = rig();
    const id = add(r, channelInput('discord', discord.url('/api/webhooks/123/tok3n-abcdefgh')));
    const open = incident();
    r.queue.enqueue(id, incidentMessage('open', open, 'Prod bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    const cleared = { ...open, clearedAt: open.openedAt + 4 * 60_000 };
    r.queue.enqueue(id, incidentMessage('recovery', cleared, 'Prod bot', r.clock.wallNow(), 'UTC'));
    await r.step();

    expect(discord.requests.map((q) => q.path)).toEqual([
      '/api/webhooks/123/tok3n-abcdefgh',
      '/api/webhooks/123/tok3n-abcdefgh',
    ]);
    const [first, second] = discord.requests.map(
      (q) => q.json as { embeds: Array<Record<string, unknown>> },
    );
    expect(first?.embeds[0]).toMatchObject({
      title: 'Prod bot: 3 of 16 shards down',
      color: 0xd64545,
      fields: [
        { name: 'Profile', value: 'Prod bot', inline: true },
        { name: 'Severity', value: 'critical', inline: true },
        { name: 'Shards', value: 'Shards 1, 2, 3', inline: true },
        { name: 'Open for', value: '4 min', inline: true },
      ],
    });
    expect(second?.embeds[0]).toMatchObject({
      title: 'Prod bot: recovered: 3 of 16 shards down',
      description: 'Recovered after 4 min (open since 11:56).',
      color: 0x2e9e5b,
    });
    expect(r.queue.log(id, 10).map((e) => e.outcome)).toEqual(['delivered', 'delivered']);
  });

  it('a generic webhook is signed: HMAC-SHA256 over "<timestamp>.<body>" with the channel secret', async () => {
    const hook = await receiver();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/shardwatch')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Prod bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    const [req] = hook.requests;
    const ts = String(req?.headers['x-shardwatch-timestamp']);
    expect(Number(ts)).toBe(Math.floor(r.clock.wallNow() / 1000));
    const expected = `sha256=${createHmac('sha256', SIGNING_SECRET).update(`${ts}.${req?.body}`).digest('hex')}`;
    expect(req?.headers['x-shardwatch-signature']).toBe(expected);
    expect(req?.json).toMatchObject({
      version: 1,
      kind: 'open',
      severity: 'critical',
      recovered: false,
      title: 'Prod bot: 3 of 16 shards down',
      profile: { id: 'p1', name: 'Prod bot' },
      incident: { id: 'inc-1', rule: 'shards-down', openedAt: '2026-11-26T11:56:00.000Z' },
      shards: [1, 2, 3],
    });
  });

  it('a 429 with retry_after holds the channel back exactly that long; later messages keep their order', async () => {
    const discord = await receiver();
    discord.queueAnswers({
      status: 429,
      body: JSON.stringify({ message: 'rate limited', retry_after: 2.5, global: false }),
    });
    const r = rig();
    const id = add(r, channelInput('discord', discord.url('/api/webhooks/1/abcdefghij')));
    enqueueOpen(r, id, [1, 2, 3]);
    await r.step();
    expect(discord.requests).toHaveLength(1);
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'retrying',
      status: 429,
      nextAttemptAt: r.clock.wallNow() + 2500,
    });
    await r.step(2499);
    expect(discord.requests).toHaveLength(1);
    await r.step(1);
    await r.step();
    await r.step();
    const titles = discord.requests.map(
      (q) => (q.json as { embeds: Array<{ title: string }> }).embeds[0]?.title,
    );
    expect(titles).toEqual([
      'Bot: incident 1',
      'Bot: incident 1',
      'Bot: incident 2',
      'Bot: incident 3',
    ]);
    expect(r.queue.queued(id)).toBe(0);
  });

  it('a Retry-After header is honoured too', async () => {
    const slack = await receiver();
    slack.queueAnswers({ status: 429, body: 'slow down', headers: { 'Retry-After': '30' } });
    const r = rig();
    const id = add(r, channelInput('slack', slack.url('/services/T0/B0/xyzxyzxyz')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    await r.step(29_999);
    expect(slack.requests).toHaveLength(1);
    await r.step(1);
    expect(slack.requests).toHaveLength(2);
    expect(slack.requests[1]?.json).toMatchObject({
      text: 'Shardwatch: Bot: 3 of 16 shards down',
      attachments: [{ color: '#d64545', title: 'Bot: 3 of 16 shards down' }],
    });
  });

  it('a negative Retry-After is not a wait: the normal backoff applies', async () => {
    const slack = await receiver();
    slack.queueAnswers({ status: 429, body: 'slow down', headers: { 'Retry-After': '-5' } });
    const r = rig();
    const id = add(r, channelInput('slack', slack.url('/services/T0/B0/xyzxyzxyz')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'retrying',
      status: 429,
      nextAttemptAt: r.clock.wallNow() + defaultBackoffMs(1),
    });
    await r.step();
    await r.step(defaultBackoffMs(1) - 1);
    expect(slack.requests).toHaveLength(1);
    await r.step(1);
    expect(slack.requests).toHaveLength(2);
  });

  it('a receiver that is down gets every message, in order, once it is back — even after a restart', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig();
    const id = add(r, channelInput('webhook', hook.url('/in')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    r.queue.enqueue(
      id,
      incidentMessage(
        'recovery',
        { ...incident(), clearedAt: r.clock.wallNow() },
        'Bot',
        r.clock.wallNow(),
        'UTC',
      ),
    );
    await r.step(5000);
    await r.step(15_000);
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'retrying',
      status: null,
      answer: 'connection refused (ECONNREFUSED)',
    });
    expect(r.queue.queued(id)).toBe(2);
    // The queue file holds them, private to this user.
    const file = join(r.dir, 'notify-queue.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).items).toHaveLength(2);

    // Shardwatch restarts while the receiver is still down…
    await r.queue.dispose();
    const again = r.reopen();
    expect(again.queue.queued(id)).toBe(2);
    // …and the receiver comes back.
    await hook.up();
    await again.step(5 * 60_000);
    await again.step();
    expect(hook.requests.map((q) => (q.json as { kind: string }).kind)).toEqual([
      'open',
      'recovery',
    ]);
    const ids = hook.requests.map((q) => q.headers['x-shardwatch-delivery']);
    expect(new Set(ids).size).toBe(2);
    expect(again.queue.queued(id)).toBe(0);
  });

  it('a full queue drops its oldest message, counts it and says so once', async () => {
    const hook = await receiver();
    await hook.down();
    const r = rig(undefined, undefined, 3);
    const id = add(r, channelInput('webhook', hook.url('/in')));
    enqueueOpen(r, id, [1, 2, 3, 4, 5]);
    expect(r.queue.queued(id)).toBe(3);
    expect(r.queue.droppedCount()).toBe(2);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/1 message was dropped so far, oldest first/);
    expect(
      r.queue
        .log(id, 10)
        .filter((e) => e.outcome === 'dropped')
        .map((e) => e.title),
    ).toEqual(['Bot: incident 2', 'Bot: incident 1']);
  });

  it('a permanent refusal (404) is not retried; a redirect is refused: messages go only to the saved address', async () => {
    const hook = await receiver();
    hook.queueAnswers(
      { status: 404, body: '{"message": "Unknown Webhook"}' },
      { status: 302, headers: { Location: 'http://127.0.0.1:1/elsewhere' } },
    );
    const r = rig();
    const id = add(r, channelInput('discord', hook.url('/api/webhooks/9/gone-gone-gone')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    r.queue.enqueue(
      id,
      incidentMessage('open', incident({ id: 'i2' }), 'Bot', r.clock.wallNow(), 'UTC'),
    );
    await r.step();
    await r.step();
    await r.step(60 * 60_000);
    expect(hook.requests).toHaveLength(2);
    expect(r.queue.log(id, 10).map((e) => [e.outcome, e.status])).toEqual([
      ['failed', 302],
      ['failed', 404],
    ]);
  });

  it('"Send test" shows the receiver answer with the channel secrets removed', async () => {
    const echo = await receiver();
    echo.fallback = (req) => ({
      status: 400,
      body: `{"error":"bad token for ${(req.json as { topic: string }).topic}"}`,
    });
    const r = rig();
    const id = add(
      r,
      channelInput('ntfy', echo.url('/alerts-Zq8Pw2Lm9xTopic'), {
        signingSecret: 'tk_ntfy-access-token-1234',
      }),
    );
    const result = await r.queue.testSend(id);
    expect(result.ok).toBe(false);
    expect(result.status).toBe(400);
    expect(result.answer).toBe('400 {"error":"bad token for [REDACTED]"}');
    expect(result.answer).not.toContain('Zq8Pw2Lm9x');
    const [req] = echo.requests;
    expect(req?.path).toBe('/');
    expect(req?.headers.authorization).toBe('Bearer tk_ntfy-access-token-1234');
    expect(req?.json).toMatchObject({
      topic: 'alerts-Zq8Pw2Lm9xTopic',
      priority: 3,
      title: 'Shardwatch: test message',
    });
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      messageKind: 'test',
      outcome: 'failed',
      status: 400,
    });

    echo.fallback = () => ({ status: 200, body: '{"id":"abc"}' });
    expect(await r.queue.testSend(id)).toEqual({
      ok: true,
      status: 200,
      answer: '200 {"id":"abc"}',
    });
  });
});
