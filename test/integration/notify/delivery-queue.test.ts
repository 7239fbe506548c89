/**
 * Delivery to real HTTP receivers on loopback: Discord embeds and signed
 * webhooks arrive, a 429 is honoured, a receiver that is down gets every
 * message in order when it comes back (also after a restart), a full queue
 * drops its oldest with a notice, and "Send test" shows the answer with the
 * channel's secrets removed. Backoff waits run on the fake clock.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelKind } from '../../../shared/alerting';
import type { Incident } from '../../../shared/model';
import { incidentMessage } from '../../../electron/core/alerts/messages';
import type { ChannelStore } from '../../../electron/core/notify/channel-store';
import { createChannelStore } from '../../../electron/core/notify/channel-store';
import type {
  DeliveryQueue,
  DeliveryQueueOptions,
} from '../../../electron/core/notify/delivery-queue';
import {
  createDeliveryQueue,
  defaultBackoffMs,
  QUEUE_FILE,
} from '../../../electron/core/notify/delivery-queue';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import type { FakeClock } from '../../support/fake-clock';
import { createFakeClock } from '../../support/fake-clock';
import type { HttpReceiver } from '../../support/http-receiver';
import { startReceiver } from '../../support/http-receiver';
import { channelInputFor } from '../../support/channel-input';
import { useTempDirs } from '../../support/temp-dir-per-test';
import { sayEnglish, wordNotice } from '../../../shared/i18n/translator';

const tempDir = useTempDirs('shardwatch-alerts-');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SIGNING_SECRET = 'sign-me-please-0123456789';

function channelInput(
  kind: ChannelKind,
  url: string,
  over: Partial<ChannelInput> = {},
): ChannelInput {
  return channelInputFor(kind, url, {
    signingSecret: kind === 'webhook' ? SIGNING_SECRET : null,
    ...over,
  });
}

function incident(over: Partial<Incident> = {}): Incident {
  const at = Date.UTC(2026, 10, 26, 11, 56);
  return {
    id: 'inc-1',
    profileId: 'p1',
    rule: 'shards-down',
    severity: 'critical',
    title: '3 of 16 shards down',
    body: 'Shards 1, 2, 3 are disconnected since 11:56. Open the profile to see which.',
    shardIds: [1, 2, 3],
    openedAt: at,
    updatedAt: at,
    clearedAt: null,
    acknowledged: false,
    suppressed: false,
    ...over,
  };
}

interface Rig {
  dir: string;
  clock: FakeClock;
  store: ChannelStore;
  queue: DeliveryQueue;
  problems: string[];
  /** Fire due timers and wait for the requests they started. */
  step(ms?: number): Promise<void>;
  reopen(): Rig;
}

function rig(
  dir = tempDir('sw-notify-'),
  clock = createFakeClock(),
  maxItems?: number,
  extra: Partial<DeliveryQueueOptions> = {},
): Rig {
  const problems: string[] = [];
  const store = createChannelStore({ dir, cipher: createFileKeyCipher(dir), clock });
  const queue = createDeliveryQueue({
    dir,
    clock,
    channels: store,
    onProblem: (m) => problems.push(wordNotice(m, sayEnglish)),
    ...(maxItems ? { maxItems } : {}),
    ...extra,
  });
  cleanups.push(() => queue.dispose());
  const r: Rig = {
    dir,
    clock,
    store,
    queue,
    problems,
    async step(ms = 0) {
      clock.advance(ms);
      await queue.idle();
    },
    reopen: () => rig(dir, clock, maxItems, extra),
  };
  return r;
}

async function receiver(): Promise<HttpReceiver> {
  const r = await startReceiver();
  cleanups.push(() => r.close());
  return r;
}

/** Queue "incident n" opening, for n in `ns`. */
function enqueueOpen(r: Rig, id: string, ns: number[]): void {
  for (const n of ns)
    r.queue.enqueue(
      id,
      incidentMessage(
        'open',
        incident({ id: `i${n}`, title: `incident ${n}` }),
        'Bot',
        r.clock.wallNow(),
        'UTC',
      ),
    );
}

function add(r: Rig, input: ChannelInput): string {
  const created = r.store.create(input);
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

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
