/**
 * Delivery of channel messages: a bounded queue kept on disk
 * (`notify-queue.json` in the data folder, 0600, written atomically after
 * every change) so nothing is lost while a receiver is down or Shardwatch
 * restarts, a worker that sends each channel's messages in order with
 * backoff and honours rate limits, and the delivery log.
 *
 * Per channel one request is in flight at a time and the oldest message goes
 * first, so a `429` (or a receiver that is down) holds back that channel's
 * later messages too, and they arrive in order once it answers. Messages of
 * other channels are not held up. A message the receiver refuses for good
 * (a 4xx other than 408/425/429, a redirect) is dropped with a log line; one
 * still undelivered after `maxAgeMs` is dropped too. When the queue is full
 * the oldest message is dropped and counted.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { DeliveryLogEntry, DeliverySummary, TestSendResult } from '../../../shared/alerting';
import { DELIVERY_OUTCOMES, MESSAGE_KINDS, SEVERITIES } from '../../../shared/alerting';
import { ALERT_RULES } from '../../../shared/incident-model';
import { arrayOf, bool, nullable, num, object, oneOf, str } from '../../../shared/validate';
import type { Validator } from '../../../shared/validate';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { NoticeText, Say } from '../../../shared/i18n/translator';
import type { AlertMessage } from '../alerts/messages';
import { messageTitle, testMessage } from '../alerts/messages';
import { createSecretScrubber } from '../gateway/secret-scrub';
import type { ChannelStore } from './channel-store';
import { postToReceiver } from './http-post';
import type { PostOutcome } from './http-post';
import { buildRequest } from './payloads';
import { readJsonFile, writeJsonFile } from './json-file';

/** File name of the queue in the data folder. */
export const QUEUE_FILE = 'notify-queue.json';

/** One message waiting for one channel. */
interface QueueItem {
  deliveryId: string;
  channelId: string;
  message: AlertMessage;
  attempts: number;
  /** Wall ms of the next attempt. */
  nextAt: number;
  createdAt: number;
}

interface QueueFile {
  version: number;
  items: QueueItem[];
  dropped: number;
  log: DeliveryLogEntry[];
}

/** Options of {@link createDeliveryQueue}. */
export interface DeliveryQueueOptions {
  dir: string;
  clock: Clock;
  channels: ChannelStore;
  /** Most messages waiting at once (all channels). Default 1000. */
  maxItems?: number;
  /** Delivery log lines kept. Default 500. */
  maxLog?: number;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** An undelivered message is dropped after this long. Default 24 h. */
  maxAgeMs?: number;
  /** Wait before attempt `n + 1` after `n` failures (no rate limit given). */
  backoffMs?: (attempts: number) => number;
  /** Something the user should be told (a damaged file, dropped messages). */
  onProblem?: (text: NoticeText) => void;
  /** The queue or the log changed (for pushes to the UI). */
  onChange?: () => void;
  /** Words what a request carries besides the message (the app's language at send time). */
  say?: Say;
}

/** The delivery queue and worker. */
export interface DeliveryQueue {
  enqueue(channelId: string, message: AlertMessage): void;
  /** Send a test message now, outside the queue, and report the answer. */
  testSend(channelId: string): Promise<TestSendResult>;
  /** Newest first. */
  log(channelId: string | null, limit: number): DeliveryLogEntry[];
  queued(channelId: string): number;
  last(channelId: string): DeliverySummary | null;
  /** Messages dropped because the queue was full, since the file was created. */
  droppedCount(): number;
  forgetChannel(channelId: string): void;
  /** Resolves when no request is in flight (tests, shutdown). */
  idle(): Promise<void>;
  /** Stop: abort requests in flight (their messages stay queued), release timers. */
  dispose(): Promise<void>;
}

/** Default backoff: 5 s, 15 s, 45 s, 2 min 15 s, then 5 min. */
export function defaultBackoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 5000 * 3 ** Math.max(0, attempts - 1));
}

const messageValidator: Validator<AlertMessage> = (v, p) => {
  const sev = oneOf(SEVERITIES);
  return object<AlertMessage>({
    id: str({ min: 1, max: 100 }),
    kind: oneOf(MESSAGE_KINDS),
    severity: sev,
    recovered: bool,
    profileId: nullable(str({ max: 200 })),
    profileName: nullable(str({ max: 1000 })),
    incidentId: nullable(str({ max: 200 })),
    rule: nullable(oneOf(ALERT_RULES)),
    headline: str({ max: 2000 }),
    body: str({ max: 20_000 }),
    shardIds: arrayOf(num({ int: true, min: 0 }), 1000),
    openedAt: nullable(num()),
    durationMs: nullable(num()),
    at: num(),
    items: arrayOf(
      object({
        profileName: str({ max: 1000 }),
        title: str({ max: 2000 }),
        severity: sev,
        openedAt: num(),
        clearedAt: nullable(num()),
      }),
      1000,
    ),
  })(v, p);
};

const logValidator = object<DeliveryLogEntry>({
  id: str({ min: 1, max: 100 }),
  at: num(),
  channelId: str({ max: 200 }),
  channelName: str({ max: 1000 }),
  messageKind: oneOf(MESSAGE_KINDS),
  title: str({ max: 4000 }),
  outcome: oneOf(DELIVERY_OUTCOMES),
  status: nullable(num({ int: true })),
  answer: str({ max: 4000 }),
  attempt: num({ int: true, min: 0 }),
  nextAttemptAt: nullable(num()),
});

const fileValidator = object<QueueFile>({
  version: num({ int: true, min: 1 }),
  items: arrayOf(
    object<QueueItem>({
      deliveryId: str({ min: 1, max: 200 }),
      channelId: str({ min: 1, max: 200 }),
      message: messageValidator,
      attempts: num({ int: true, min: 0 }),
      nextAt: num(),
      createdAt: num(),
    }),
    100_000,
  ),
  dropped: num({ int: true, min: 0 }),
  log: arrayOf(logValidator, 100_000),
});

/** Start the queue; messages saved by an earlier run are sent as soon as their time comes. */
export function createDeliveryQueue(opts: DeliveryQueueOptions): DeliveryQueue {
  const { clock, channels } = opts;
  const file = path.join(opts.dir, QUEUE_FILE);
  const maxItems = Math.max(1, opts.maxItems ?? 1000);
  const maxLog = Math.max(1, opts.maxLog ?? 500);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxAgeMs = opts.maxAgeMs ?? 24 * 3_600_000;
  const backoff = opts.backoffMs ?? defaultBackoffMs;
  const aborter = new AbortController();

  let state: QueueFile = { version: 1, items: [], dropped: 0, log: [] };
  const read = readJsonFile(file, fileValidator, clock.wallNow());
  if (read.kind === 'ok') state = read.value;
  else if (read.kind === 'damaged')
    opts.onProblem?.(
      read.movedTo
        ? { key: 'notice.queueMoved', params: { reason: read.reason, movedTo: read.movedTo } }
        : { key: 'notice.queueStuck', params: { reason: read.reason } },
    );

  const inFlight = new Map<string, Promise<void>>();
  let timer: TimerHandle | null = null;
  let disposed = false;
  let lastDropNotice = -Infinity;
  let saveError: string | null = null;

  function save(): void {
    const err = writeJsonFile(file, state);
    if (err !== null && err !== saveError)
      opts.onProblem?.({ key: 'notice.queueNotSaved', params: { reason: err } });
    saveError = err;
    opts.onChange?.();
  }

  function addLog(e: Omit<DeliveryLogEntry, 'id' | 'at' | 'channelName'> & { at?: number }): void {
    const ch = channels.get(e.channelId);
    state.log.push({
      id: randomUUID(),
      at: e.at ?? clock.wallNow(),
      channelName: ch?.name ?? '(deleted channel)',
      ...e,
    });
    // A negative count removes nothing.
    state.log.splice(0, state.log.length - maxLog);
  }

  function scrubberFor(channelId: string): (text: string) => string {
    const s = channels.secretsOf(channelId);
    const values: string[] = [];
    if (s.url) {
      values.push(s.url, s.url.replace(/^https?:\/\//, ''));
      try {
        const u = new URL(s.url);
        // The path and the query alone (a receiver may echo either); a run of
        // 8 characters of one path segment is a run of the path, so segments
        // need no entry of their own.
        values.push(u.pathname, u.search);
      } catch {
        // An unparsable stored URL is scrubbed as a whole only.
      }
    }
    if (s.signingSecret) values.push(s.signingSecret);
    // Shorter values (an empty query, the root path `/`) would hide ordinary text.
    const scrubber = createSecretScrubber(values.filter((v) => v.length >= 4));
    return (text) => scrubber.scrubString(text);
  }

  async function attempt(
    channelId: string,
    m: AlertMessage,
    deliveryId: string,
  ): Promise<PostOutcome> {
    const ch = channels.get(channelId);
    const s = channels.secretsOf(channelId);
    if (!ch || !s.url) {
      return {
        ok: false,
        status: null,
        answer:
          s.error ?? 'the channel has no address saved; edit it and enter the webhook address',
        retryAfterMs: null,
        permanent: true,
      };
    }
    const req = buildRequest(
      ch.kind,
      m,
      { url: s.url, signingSecret: s.signingSecret },
      deliveryId,
      clock.wallNow(),
      opts.say,
    );
    return postToReceiver(req, {
      timeoutMs,
      scrub: scrubberFor(channelId),
      nowWall: () => clock.wallNow(),
      signal: aborter.signal,
    });
  }

  function schedule(): void {
    clock.clearTimeout(timer);
    timer = null;
    if (disposed) return;
    let earliest = Infinity;
    for (const item of heads())
      if (!inFlight.has(item.channelId)) earliest = Math.min(earliest, item.nextAt);
    if (earliest === Infinity) return;
    timer = clock.setTimeout(run, Math.max(0, earliest - clock.wallNow()));
  }

  /** The oldest waiting message of each channel. */
  function heads(): QueueItem[] {
    const seen = new Set<string>();
    const out: QueueItem[] = [];
    for (const item of state.items) {
      if (seen.has(item.channelId)) continue;
      seen.add(item.channelId);
      out.push(item);
    }
    return out;
  }

  function run(): void {
    timer = null;
    if (disposed) return;
    const now = clock.wallNow();
    for (const item of heads()) {
      if (inFlight.has(item.channelId) || item.nextAt > now) continue;
      const p = deliver(item).finally(() => {
        inFlight.delete(item.channelId);
        schedule();
      });
      inFlight.set(item.channelId, p);
    }
    schedule();
  }

  async function deliver(item: QueueItem): Promise<void> {
    const outcome = await attempt(item.channelId, item.message, item.deliveryId);
    if (aborter.signal.aborted) return;
    item.attempts++;
    const now = clock.wallNow();
    const base = {
      channelId: item.channelId,
      messageKind: item.message.kind,
      title: messageTitle(item.message, opts.say),
      status: outcome.status,
      answer: outcome.answer,
      attempt: item.attempts,
    };
    const remove = (): void => {
      state.items = state.items.filter((x) => x !== item);
    };
    if (outcome.ok) {
      remove();
      addLog({ ...base, outcome: 'delivered', nextAttemptAt: null });
    } else if (outcome.permanent || now - item.createdAt >= maxAgeMs) {
      remove();
      const why = outcome.permanent
        ? outcome.answer
        : `${outcome.answer}; gave up after ${Math.round(maxAgeMs / 3_600_000)} h`;
      addLog({ ...base, answer: why, outcome: 'failed', nextAttemptAt: null });
    } else {
      item.nextAt = now + (outcome.retryAfterMs ?? backoff(item.attempts));
      addLog({ ...base, outcome: 'retrying', nextAttemptAt: item.nextAt });
    }
    save();
  }

  function dropOldest(): void {
    let n = 0;
    while (state.items.length > maxItems) {
      const [old] = state.items.splice(0, 1);
      if (!old) break;
      n++;
      addLog({
        channelId: old.channelId,
        messageKind: old.message.kind,
        title: messageTitle(old.message, opts.say),
        outcome: 'dropped',
        status: null,
        answer: `the queue was full (${maxItems} messages waiting); the oldest was dropped`,
        attempt: old.attempts,
        nextAttemptAt: null,
      });
    }
    if (n === 0) return;
    state.dropped += n;
    const now = clock.now();
    // One notice per ten minutes at most, however many are dropped.
    if (now - lastDropNotice >= 10 * 60_000) {
      lastDropNotice = now;
      opts.onProblem?.({
        key: state.dropped === 1 ? 'notice.queueDroppedOne' : 'notice.queueDroppedMany',
        params: { count: state.dropped, max: maxItems },
      });
    }
  }

  if (state.items.length > 0) schedule();

  return {
    enqueue(channelId, message) {
      if (disposed) return;
      const now = clock.wallNow();
      state.items.push({
        deliveryId: `${message.id}.${channelId}`.slice(0, 200),
        channelId,
        message,
        attempts: 0,
        nextAt: now,
        createdAt: now,
      });
      dropOldest();
      save();
      if (!inFlight.has(channelId)) schedule();
    },

    async testSend(channelId) {
      const ch = channels.get(channelId);
      if (!ch) return { ok: false, status: null, answer: 'That channel no longer exists.' };
      const m = testMessage(ch.name, clock.wallNow(), opts.say);
      const outcome = await attempt(channelId, m, `${m.id}.${channelId}`);
      addLog({
        channelId,
        messageKind: 'test',
        title: messageTitle(m, opts.say),
        outcome: outcome.ok ? 'delivered' : 'failed',
        status: outcome.status,
        answer: outcome.answer,
        attempt: 1,
        nextAttemptAt: null,
      });
      save();
      return { ok: outcome.ok, status: outcome.status, answer: outcome.answer };
    },

    log(channelId, limit) {
      const out: DeliveryLogEntry[] = [];
      for (let i = state.log.length - 1; i >= 0 && out.length < limit; i--) {
        const e = state.log[i];
        if (e && (channelId === null || e.channelId === channelId)) out.push({ ...e });
      }
      return out;
    },

    queued: (channelId) => state.items.filter((x) => x.channelId === channelId).length,

    last(channelId) {
      for (let i = state.log.length - 1; i >= 0; i--) {
        const e = state.log[i];
        if (e && e.channelId === channelId && e.outcome !== 'dropped')
          return { at: e.at, ok: e.outcome === 'delivered', status: e.status };
      }
      return null;
    },

    droppedCount: () => state.dropped,

    forgetChannel(channelId) {
      const before = state.items.length;
      state.items = state.items.filter((x) => x.channelId !== channelId);
      if (state.items.length !== before) save();
    },

    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      clock.clearTimeout(timer);
      timer = null;
      aborter.abort();
      // Every change was saved as it happened; an aborted attempt leaves its message queued.
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
