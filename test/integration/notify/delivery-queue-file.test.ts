/**
 * The delivery queue's file on disk: a file with any value out of its
 * bounds (an id too long, a negative attempt count, a fractional status...)
 * is damaged as a whole, moved aside with a notice and never trusted; a
 * queue that cannot be saved says so once per new error and keeps its
 * messages in memory; and a queue with nobody to tell still starts.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChannelStore } from '../../../electron/core/notify/channel-store';
import { createDeliveryQueue, QUEUE_FILE } from '../../../electron/core/notify/delivery-queue';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import { createFakeClock } from '../../support/fake-clock';
import { incidentMessage } from '../../../electron/core/alerts/messages';
import { add, channelInput, enqueueOpen, incident, receiver, rig, tempDir } from './delivery-rig';

type Doc = Record<string, unknown> & {
  items: Array<Record<string, unknown> & { message: Record<string, unknown> }>;
  log: Array<Record<string, unknown>>;
};

/** A queue file as the queue writes it: one waiting message (with a digest item) and one log line. */
function queueFileText(): string {
  const dir = tempDir('sw-queue-seed-');
  const r = rig(dir, createFakeClock(), 1);
  // The second message pushes the first out: one item left, one "dropped" log line.
  enqueueOpen(r, 'ch-1', [1, 2]);
  const doc = JSON.parse(readFileSync(join(dir, QUEUE_FILE), 'utf8')) as Doc;
  doc.items[0]!.message['items'] = [
    { profileName: 'Bot', title: 'incident 0', severity: 'warning', openedAt: 1, clearedAt: null },
  ];
  return JSON.stringify(doc);
}

function opened(text: string) {
  const dir = tempDir('sw-queue-');
  writeFileSync(join(dir, QUEUE_FILE), text);
  const r = rig(dir);
  return { r, dir, moved: !existsSync(join(dir, QUEUE_FILE)) };
}

const long = (n: number) => 'x'.repeat(n);

describe('the queue file', () => {
  const base = queueFileText();

  it('as the queue wrote it, is read back whole', () => {
    const { r, moved } = opened(base);
    expect(r.problems).toEqual([]);
    expect(moved).toBe(false);
    expect(r.queue.queued('ch-1')).toBe(1);
    expect(r.queue.log('ch-1', 10).map((e) => [e.outcome, e.answer])).toEqual([
      ['dropped', 'the queue was full (1 messages waiting); the oldest was dropped'],
    ]);
    expect(r.queue.droppedCount()).toBe(1);
  });

  const damage: Array<[string, (d: Doc) => void]> = [
    ['version 0', (d) => (d['version'] = 0)],
    ['version 1.5', (d) => (d['version'] = 1.5)],
    ['dropped -1', (d) => (d['dropped'] = -1)],
    ['dropped 0.5', (d) => (d['dropped'] = 0.5)],
    ['empty delivery id', (d) => (d.items[0]!['deliveryId'] = '')],
    ['delivery id of 201', (d) => (d.items[0]!['deliveryId'] = long(201))],
    ['empty channel id', (d) => (d.items[0]!['channelId'] = '')],
    ['channel id of 201', (d) => (d.items[0]!['channelId'] = long(201))],
    ['attempts -1', (d) => (d.items[0]!['attempts'] = -1)],
    ['attempts 0.5', (d) => (d.items[0]!['attempts'] = 0.5)],
    ['empty message id', (d) => (d.items[0]!.message['id'] = '')],
    ['message id of 101', (d) => (d.items[0]!.message['id'] = long(101))],
    ['profile id of 201', (d) => (d.items[0]!.message['profileId'] = long(201))],
    ['profile name of 1001', (d) => (d.items[0]!.message['profileName'] = long(1001))],
    ['incident id of 201', (d) => (d.items[0]!.message['incidentId'] = long(201))],
    ['headline of 2001', (d) => (d.items[0]!.message['headline'] = long(2001))],
    ['body of 20001', (d) => (d.items[0]!.message['body'] = long(20_001))],
    ['shard id 1.5', (d) => (d.items[0]!.message['shardIds'] = [1.5])],
    ['shard id -1', (d) => (d.items[0]!.message['shardIds'] = [-1])],
    ['recovered "no"', (d) => (d.items[0]!.message['recovered'] = 'no')],
    [
      'digest profile name of 1001',
      (d) =>
        ((d.items[0]!.message['items'] as Array<Record<string, unknown>>)[0]!['profileName'] =
          long(1001)),
    ],
    [
      'digest title of 2001',
      (d) =>
        ((d.items[0]!.message['items'] as Array<Record<string, unknown>>)[0]!['title'] =
          long(2001)),
    ],
    ['empty log id', (d) => (d.log[0]!['id'] = '')],
    ['log id of 101', (d) => (d.log[0]!['id'] = long(101))],
    ['log channel id of 201', (d) => (d.log[0]!['channelId'] = long(201))],
    ['log channel name of 1001', (d) => (d.log[0]!['channelName'] = long(1001))],
    ['log title of 4001', (d) => (d.log[0]!['title'] = long(4001))],
    ['log status 200.5', (d) => (d.log[0]!['status'] = 200.5)],
    ['log answer of 4001', (d) => (d.log[0]!['answer'] = long(4001))],
    ['log attempt -1', (d) => (d.log[0]!['attempt'] = -1)],
    ['log attempt 0.5', (d) => (d.log[0]!['attempt'] = 0.5)],
  ];

  it.each(damage)('with %s, is moved aside with a notice and delivery starts empty', (_, spoil) => {
    const doc = JSON.parse(base) as Doc;
    spoil(doc);
    const { r, moved } = opened(JSON.stringify(doc));
    expect(moved).toBe(true);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^The queue of undelivered alert messages could not be read \(/);
    expect(r.problems[0]).toContain('; it was moved to ');
    expect(r.queue.queued('ch-1')).toBe(0);
    expect(r.queue.log(null, 10)).toEqual([]);
  });

  it('a damaged file with nobody to tell is still moved aside, and the queue starts', () => {
    const dir = tempDir('sw-queue-');
    writeFileSync(join(dir, QUEUE_FILE), '{"version": 1, "items": [');
    const clock = createFakeClock();
    const store = createChannelStore({ dir, cipher: createFileKeyCipher(dir), clock });
    const queue = createDeliveryQueue({ dir, clock, channels: store });
    expect(existsSync(join(dir, QUEUE_FILE))).toBe(false);
    expect(queue.queued('ch-1')).toBe(0);
    void queue.dispose();
  });
});

describe('a queue that cannot be saved', () => {
  it('says so once per new error, keeps its messages, and saves again when it can', () => {
    const dir = tempDir('sw-queue-');
    const r = rig(dir);
    const file = join(dir, QUEUE_FILE);
    mkdirSync(file);
    enqueueOpen(r, 'ch-1', [1]);
    expect(r.problems).toEqual([
      `Undelivered alert messages could not be saved to disk: ${file} could not be written (EISDIR). They are kept in memory.`,
    ]);
    enqueueOpen(r, 'ch-1', [2]);
    expect(r.problems).toHaveLength(1);
    expect(r.queue.queued('ch-1')).toBe(2);

    rmdirSync(file);
    enqueueOpen(r, 'ch-1', [3]);
    expect(r.problems).toHaveLength(1);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Doc).items).toHaveLength(3);

    // Failing again after a good save is news again.
    rmSync(file);
    mkdirSync(file);
    enqueueOpen(r, 'ch-1', [4]);
    expect(r.problems).toHaveLength(2);
  });
});

describe('the queue and its listener', () => {
  it('a message that fits raises no notice', () => {
    const r = rig();
    enqueueOpen(r, 'ch-1', [1, 2, 3]);
    expect(r.problems).toEqual([]);
    expect(r.queue.droppedCount()).toBe(0);
  });

  it('drops with nobody to tell still drop the oldest', () => {
    const dir = tempDir('sw-queue-');
    const clock = createFakeClock();
    const store = createChannelStore({ dir, cipher: createFileKeyCipher(dir), clock });
    const queue = createDeliveryQueue({ dir, clock, channels: store, maxItems: 1 });
    for (const n of [1, 2])
      queue.enqueue(
        'ch-1',
        incidentMessage('open', incident({ id: `i${n}` }), 'Bot', clock.wallNow(), 'UTC'),
      );
    expect(queue.droppedCount()).toBe(1);
    expect(queue.queued('ch-1')).toBe(1);
    void queue.dispose();
  });

  it('a Retry-After date is read against the wall clock of the moment', async () => {
    const hook = await receiver();
    const r = rig();
    r.clock.advance(3_600_000);
    const at = new Date(r.clock.wallNow() + 90_000).toUTCString();
    hook.queueAnswers({ status: 429, headers: { 'Retry-After': at } });
    const id = add(r, channelInput('discord', hook.url('/api/webhooks/1/abcdefghij')));
    r.queue.enqueue(id, incidentMessage('open', incident(), 'Bot', r.clock.wallNow(), 'UTC'));
    await r.step();
    expect(r.queue.log(id, 1)[0]).toMatchObject({
      outcome: 'retrying',
      nextAttemptAt: r.clock.wallNow() + 90_000,
    });
  });
});
