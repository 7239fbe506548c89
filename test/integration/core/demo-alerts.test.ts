/**
 * The Demo is healthy by default, and its occasional outage is an incident
 * that heals itself and stays in the app: no desktop notification, nothing
 * to a channel.
 */
import { describe, expect, it } from 'vitest';
import { startDemoGateway } from '../../../electron/sim/demo';
import { channelInputFor } from '../../support/channel-input';
import { startReceiver } from '../../support/http-receiver';
import { startCore, unwrap, waitFor, waitForStatus } from './helpers';

describe('the Demo profile', () => {
  it('is healthy by default: every shard up, no incident', async () => {
    const f = await startCore({ startDemo: () => startDemoGateway() });
    const demo = unwrap(await f.core.api['query:snapshot']()).profiles.find((p) => p.demo);
    expect(demo).toBeDefined();
    const st = await waitForStatus(
      f.core,
      demo?.id ?? '',
      'ready with shards',
      (s) => s.state === 'ready' && s.shards.reported === 24,
    );
    expect(st.shards.up).toBe(24);
    expect(st.shards.down).toBe(0);
    expect(unwrap(await f.core.api['query:incidents'](null, 10))).toEqual([]);
  });

  it('an outage opens an incident that heals itself, told to nobody', async () => {
    const hook = await startReceiver();
    try {
      const f = await startCore({
        startDemo: () => startDemoGateway({ outageEveryMs: 8000, outageMs: 3000 }),
      });
      unwrap(
        await f.core.api['command:save-channel'](null, channelInputFor('webhook', hook.url('/in'))),
      );
      const closed = await waitFor(
        'an incident to open and clear',
        async () => {
          const list = unwrap(await f.core.api['query:incidents'](null, 10));
          return list.find((i) => i.rule === 'shards-down' && i.clearedAt !== null);
        },
        30_000,
      );
      expect(closed.title).toMatch(/of 24 shards down$/);
      expect(f.notifier.notifications).toEqual([]);
      expect(hook.requests).toEqual([]);
    } finally {
      await hook.close();
    }
  }, 40_000);
});
