/**
 * The delivery queue's test rig: a real channel store and queue in a temp
 * folder on a fake clock, real HTTP receivers on loopback, and builders for
 * channels, incidents and messages. Everything it starts is stopped after
 * each test. Used by delivery-queue.test.ts and delivery-queue-retries.test.ts.
 */
import { afterEach } from 'vitest';
import type { ChannelInput, ChannelKind } from '../../../shared/alerting';
import type { Incident } from '../../../shared/incident-model';
import { incidentMessage } from '../../../electron/core/alerts/messages';
import type { ChannelStore } from '../../../electron/core/notify/channel-store';
import { createChannelStore } from '../../../electron/core/notify/channel-store';
import type {
  DeliveryQueue,
  DeliveryQueueOptions,
} from '../../../electron/core/notify/delivery-queue';
import { createDeliveryQueue } from '../../../electron/core/notify/delivery-queue';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import type { FakeClock } from '../../support/fake-clock';
import { createFakeClock } from '../../support/fake-clock';
import type { HttpReceiver } from '../../support/http-receiver';
import { startReceiver } from '../../support/http-receiver';
import { channelInputFor } from '../../support/channel-input';
import { useTempDirs } from '../../support/temp-dir-per-test';
import { sayEnglish, wordNotice } from '../../../shared/i18n/translator';

export const tempDir = useTempDirs('shardwatch-alerts-');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export const SIGNING_SECRET = 'sign-me-please-0123456789';

export function channelInput(
  kind: ChannelKind,
  url: string,
  over: Partial<ChannelInput> = {},
): ChannelInput {
  return channelInputFor(kind, url, {
    signingSecret: kind === 'webhook' ? SIGNING_SECRET : null,
    ...over,
  });
}

export function incident(over: Partial<Incident> = {}): Incident {
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

export interface Rig {
  dir: string;
  clock: FakeClock;
  store: ChannelStore;
  queue: DeliveryQueue;
  problems: string[];
  /** Fire due timers and wait for the requests they started. */
  step(ms?: number): Promise<void>;
  reopen(): Rig;
}

export function rig(
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

export async function receiver(): Promise<HttpReceiver> {
  const r = await startReceiver();
  cleanups.push(() => r.close());
  return r;
}

/** Queue "incident n" opening, for n in `ns`. */
export function enqueueOpen(r: Rig, id: string, ns: number[]): void {
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

export function add(r: Rig, input: ChannelInput): string {
  const created = r.store.create(input);
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}
