/**
 * The core with real sockets: how a profile watches its gateway (register
 * or ping only, docs/protocol.md §1), the waiting state, the same words for
 * refused and dropped connections in the status and the incidents, the
 * "Detect" command, and shard ids reported twice.
 */
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS_REFUSED,
  DROPPED_BEFORE_ANSWER,
  PINGS_ANSWERED_MEANING,
  WAITING_FOR_BOT,
} from '../../../shared/connection-text';
import { defaultProfileInput } from '../../../shared/profile-validation';
import { startShardListServer } from '../gateway/test-gateway-server';
import {
  createProfile,
  errorOf,
  profileFor,
  startCore,
  startSim,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

describe('how a profile watches its gateway', () => {
  it('documented, ping only: connected with latency, never registers, no shard stats', async () => {
    const sim = await startSim({ shardCount: 3 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { monitorMode: 'ping-only' }));
    const s = await waitForStatus(
      f.core,
      p.id,
      'ready',
      (st) => st.state === 'ready' && st.lastRttMs !== null,
    );
    expect(s.detail).toBe(PINGS_ANSWERED_MEANING);
    expect(s.shards.reportsStats).toBe(false);
    expect(s.ready).toBeNull();
    expect(sim.stats().registers).toBe(0);
  });

  it('0.2.2 on a freshly started gateway: "waiting for the bot", no alert by default, ready once it registers', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2', botRegistered: false });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { pingTimeoutMs: 500 }));
    expect(p.monitorMode).toBe('ping-only');
    const waiting = await waitForStatus(f.core, p.id, 'waiting', (st) => st.state === 'waiting');
    expect(waiting.detail).toBe(WAITING_FOR_BOT);
    expect(waiting.problem).toBeNull();
    expect(waiting.latency['1m'].lost).toBe(0);
    // The tray follows with the next push (a loaded machine may read the snapshot first).
    const snap = await waitFor('the tray to follow', async () => {
      const s = unwrap(await f.core.api['query:snapshot']());
      return s.tray.state === 'ok' ? s : undefined;
    });
    expect(snap.incidents).toEqual([]);

    sim.registerBot();
    await waitForStatus(f.core, p.id, 'ready', (st) => st.state === 'ready', 15_000);
    expect(sim.stats().registers).toBe(0);
  });

  it('refused and dropped say what they are, in the status and in the incident', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2' });
    const broken = await startSim({ dialect: 'http-interaction-0.2.2', misconfigured: true });
    const f = await startCore();
    const refused = await createProfile(
      f.core,
      profileFor(sim, { name: 'Refused', secret: 'wrong' }),
    );
    const dropped = await createProfile(f.core, profileFor(broken, { name: 'Dropped' }));
    const r = await waitForStatus(
      f.core,
      refused.id,
      'refused',
      (st) => st.state === 'auth-refused',
    );
    expect(r.detail?.startsWith(CREDENTIALS_REFUSED)).toBe(true);
    const d = await waitForStatus(f.core, dropped.id, 'dropped', (st) => st.problem === 'dropped');
    expect(d.detail?.startsWith(DROPPED_BEFORE_ANSWER)).toBe(true);
    const incident = await waitFor('the refusal incident', async () =>
      unwrap(await f.core.api['query:incidents'](refused.id, 10)).find(
        (i) => i.rule === 'credentials-refused',
      ),
    );
    expect(incident.body).toContain(CREDENTIALS_REFUSED);
  });
});

describe('command:detect-dialect', () => {
  it('detects a saved profile and an unsaved form, without registering', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2' });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { enabled: false }));
    const saved = unwrap(await f.core.api['command:detect-dialect']({ profileId: p.id }));
    expect(saved).toMatchObject({
      dialect: 'http-interaction-0.2.2',
      credentialsAccepted: true,
      botRegistered: true,
    });
    expect(saved).not.toHaveProperty('failure');
    // A form that says "documented" is still found to be 0.2.2.
    const form = unwrap(
      await f.core.api['command:detect-dialect']({
        input: profileFor(sim, { dialect: 'documented' }),
      }),
    );
    expect(form.dialect).toBe('http-interaction-0.2.2');
    expect(sim.stats()).toMatchObject({ registers: 0, readerKilled: 0 });
    const bad = errorOf(
      await f.core.api['command:detect-dialect']({ input: profileFor(sim, { publicKey: 'a b' }) }),
    );
    expect(bad.code).toBe('validation');
    expect(bad.message).toMatch(/blank inside/);
  });
});

describe('shard ids reported twice', () => {
  it('are kept once and said once in the timeline, a coverage problem', async () => {
    const shard = (id: number) => ({ shard_id: id, shard_hash: `h${id}` });
    const server = await startShardListServer([shard(0), shard(1), shard(1)]);
    try {
      const f = await startCore();
      const p = await createProfile(f.core, {
        ...defaultProfileInput(),
        name: 'Twice',
        url: server.url,
        dialect: 'documented',
        monitorMode: 'register',
        botId: '1',
        shardTotal: 2,
        publicKey: 'pk',
        secret: 'sk',
      });
      const s = await waitForStatus(f.core, p.id, 'shards', (st) => st.shards.reported === 2);
      expect(s.shards.duplicated).toEqual([1]);
      const timeline = unwrap(
        await f.core.api['query:timeline']({ profileId: p.id, limit: 50 }),
      ).events;
      expect(timeline.filter((e) => e.text.includes('reported more than once'))).toHaveLength(1);
      expect(timeline.find((e) => e.text.includes('reported more than once'))?.text).toBe(
        'Shard id 1 reported more than once in one snapshot (each is counted once).',
      );
    } finally {
      await server.close();
    }
  });
});
