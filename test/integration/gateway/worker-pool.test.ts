/**
 * Where gateway connections run (electron/core/gateway/worker-pool.ts): small
 * bots share a few threads and each one still connects and times its pings,
 * a big bot gets a thread of its own (as its profile says, or as its gateway
 * reports once it starts again), a thread whose last connection leaves is
 * ended, and a thread that fails takes down only its own connections, each
 * retried, with no connection's secret in any other's words.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConnection } from '../../../electron/core/gateway/connection';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import { OWN_THREAD_SHARDS, createWorkerPool } from '../../../electron/core/gateway/worker-pool';
import type { WorkerPool } from '../../../electron/core/gateway/worker-pool';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import { createFakeClock } from '../../support/fake-clock';
import { tempDirs } from '../../reliability/core-harness';
import { BOT_ID, PUBLIC_KEY, SECRET, next } from './harness';

const dirs = tempDirs();
const sims: SimulatorHandle[] = [];
const conns: GatewayConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) c.dispose();
  for (const s of sims.splice(0)) await s.stop();
  dirs.cleanup();
});

/** Resolves once `test` holds, checked every 10 ms; rejects with `what` after 10 s. */
async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function simulator(shardCount: number): Promise<SimulatorHandle> {
  const sim = await createSimulator({
    random: 3,
    shardCount,
    credentials: { botId: BOT_ID, publicKey: PUBLIC_KEY, secret: SECRET },
  });
  sims.push(sim);
  return sim;
}

function open(pool: WorkerPool, url: string, shardTotal: number): GatewayConnection {
  const c = createWorkerGatewayConnection(
    {
      url,
      dialect: 'documented',
      mode: 'register',
      identity: { botId: BOT_ID, publicKey: PUBLIC_KEY, secret: SECRET, shardIn: 0, shardTotal },
      flags: 0,
      pingIntervalMs: 50,
      pingIntervalFloorMs: 50,
    },
    { pool },
  );
  conns.push(c);
  return c;
}

describe('threads for gateway connections', () => {
  it('puts small bots in a few shared threads, where each connects and times its pings', async () => {
    const sim = await simulator(4);
    const pool = createWorkerPool({ capacity: 3 });
    const seven = Array.from({ length: 7 }, () => open(pool, sim.url, 4));
    const pinged = seven.map((c) => next(c, 'ping', (p) => !p.lost && p.rttMs !== null));
    for (const c of seven) c.connect();
    expect(pool.threads).toEqual({ shared: 3, own: 0 });
    const pings = await Promise.all(pinged);
    expect(pings.every((p) => (p.rttMs ?? -1) >= 0)).toBe(true);
    expect(seven.every((c) => c.state === 'ready')).toBe(true);
    expect(sim.stats().connectionsOpen).toBe(7);
    // A connection that leaves a shared thread closes its socket; its thread-mates stay connected.
    seven[0]?.dispose();
    await until(
      () => sim.stats().connectionsOpen === 6,
      'the socket of the disposed connection closed',
    );
    const mate = seven[1];
    if (!mate) throw new Error('no mate');
    const after = Date.now();
    await next(mate, 'ping', (p) => !p.lost && p.at > after);
    expect(mate.state).toBe('ready');
    // A thread whose connections all left is ended.
    for (const c of seven.slice(1)) c.dispose();
    expect(pool.threads).toEqual({ shared: 0, own: 0 });
    await until(() => sim.stats().connectionsOpen === 0, 'every socket closed');
  });

  it('gives a big bot a thread of its own', async () => {
    const sim = await simulator(4);
    const pool = createWorkerPool({ capacity: 3 });
    const small = open(pool, sim.url, 4);
    const big = open(pool, sim.url, OWN_THREAD_SHARDS);
    small.connect();
    big.connect();
    expect(pool.threads).toEqual({ shared: 1, own: 1 });
    await Promise.all([next(small, 'ping'), next(big, 'ping')]);
  });

  it('moves a bot that reports many shards to a thread of its own when it starts again', async () => {
    const sim = await simulator(OWN_THREAD_SHARDS + 200);
    const pool = createWorkerPool({ capacity: 3 });
    // Its profile says one shard; its gateway says otherwise.
    const c = open(pool, sim.url, 1);
    const shards = next(c, 'shards');
    c.connect();
    expect((await shards).columns?.count).toBe(OWN_THREAD_SHARDS + 200);
    expect(pool.threads).toEqual({ shared: 1, own: 0 });
    const again = next(c, 'state', (s) => s.state === 'ready');
    c.reconnectNow();
    expect(pool.threads).toEqual({ shared: 0, own: 1 });
    await again;
    expect((await next(c, 'shards')).columns?.count).toBe(OWN_THREAD_SHARDS + 200);
  });

  it("fails every connection of a crashed thread, each with its own retry and no one's secret", async () => {
    const dir = dirs.make();
    const entry = join(dir, 'crash-second.mjs');
    // Takes a first connection, then crashes on the second, quoting both connections' secrets.
    writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads';\n" +
        'const seen = [];\n' +
        "parentPort.on('message', (m) => {\n" +
        "  if (m.cmd !== 'open') return;\n" +
        '  seen.push(m.start.options.identity.secret);\n' +
        "  if (seen.length === 2) throw new Error('thread boom: ' + seen.join(' '));\n" +
        '});\n',
    );
    const pool = createWorkerPool({ capacity: 5, entry: () => entry });
    const clock = createFakeClock();
    const secrets = ['Zq9xW2vLp0Kd7Hs3mN5b', 'Tr8cY1uE4aJ6gB2nWf0k'];
    const two = secrets.map((secret) => {
      const c = createWorkerGatewayConnection(
        {
          url: 'ws://127.0.0.1:9/',
          dialect: 'documented',
          identity: { botId: BOT_ID, publicKey: PUBLIC_KEY, secret, shardIn: 0, shardTotal: 1 },
          flags: 0,
          clock,
          random: () => 0,
        },
        { pool },
      );
      conns.push(c);
      return c;
    });
    const failed = two.map((c) => next(c, 'state', (s) => s.state === 'reconnecting'));
    for (const c of two) c.connect();
    expect(pool.threads).toEqual({ shared: 1, own: 0 });
    const states = await Promise.all(failed);
    for (const s of states) {
      expect(s.detail).toContain('thread boom');
      for (const secret of secrets) expect(s.detail).not.toContain(secret);
    }
    expect(pool.threads).toEqual({ shared: 0, own: 0 });
  });
});
