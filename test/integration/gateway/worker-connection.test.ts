/**
 * The gateway connection in a worker thread (electron/core/gateway/
 * worker-connection.ts): the same events, facts and counters as in process,
 * shard lists intact across the port, sentences in the caller's language,
 * secrets never in what comes back, and a worker that crashes or hangs
 * turned into a retried connection failure instead of a process crash.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConnection } from '../../../electron/core/gateway/connection';
import {
  createWorkerGatewayConnection,
  openGatewayConnection,
} from '../../../electron/core/gateway/worker-connection';
import { SILENT_WORKER_MS } from '../../../electron/core/gateway/worker-wire';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import { createTranslator } from '../../../shared/i18n/translator';
import { createFakeClock } from '../../support/fake-clock';
import { tempDirs } from '../../reliability/core-harness';
import { BOT_ID, PUBLIC_KEY, SECRET, next, record } from './harness';

const dirs = tempDirs();
let sim: SimulatorHandle | null = null;
let conn: GatewayConnection | null = null;
afterEach(async () => {
  conn?.dispose();
  conn = null;
  await sim?.stop();
  sim = null;
  dirs.cleanup();
});

const identity = {
  botId: BOT_ID,
  publicKey: PUBLIC_KEY,
  secret: SECRET,
  shardIn: 0,
  shardTotal: 1,
};

describe('a gateway connection in a worker thread', () => {
  it('registers, reports every shard and times pings like the in-process connection', async () => {
    sim = await createSimulator({
      random: 7,
      shardCount: 3000,
      credentials: { botId: BOT_ID, publicKey: PUBLIC_KEY, secret: SECRET },
    });
    const pt = createTranslator('pt-BR');
    conn = createWorkerGatewayConnection({
      url: sim.url,
      dialect: 'documented',
      mode: 'register',
      identity: { ...identity, shardTotal: 3000 },
      flags: 0,
      pingIntervalMs: 50,
      pingIntervalFloorMs: 50,
      say: pt.say,
    });
    const rec = record(conn);
    const shards = next(conn, 'shards');
    const pinged = next(conn, 'ping', (p) => !p.lost);
    conn.connect();
    const ev = await shards;
    const ping = await pinged;

    const expected = sim.shards();
    expect(ev.shards).toHaveLength(3000);
    // Ids and hashes do not move while the simulator runs; the counters may have.
    const idsAndHashes = (l: readonly { shard_id: number; shard_hash: string }[]) =>
      l.map((x) => `${x.shard_id}:${x.shard_hash}`);
    expect(idsAndHashes(ev.shards)).toEqual(idsAndHashes(expected));
    expect(ev.shards.every((x) => typeof x.sending === 'number' && x.extra !== undefined)).toBe(
      true,
    );
    expect(ping.rttMs).toBeGreaterThanOrEqual(0);
    expect(conn.state).toBe('ready');
    const snap = conn.snapshot();
    expect(snap.shards).toHaveLength(3000);
    expect(snap.ready?.shards).toHaveLength(3000);
    expect(snap.pingsSent).toBeGreaterThan(0);
    expect(conn.counters().framesIn).toBeGreaterThan(0);
    // Sentences made in the worker are worded here, in the caller's language.
    const registered = rec.of('state').find((s) => s.state === 'ready');
    expect(registered?.detail).toBe(pt.say('connection.registered', { event: 'GATEWAY_READY' }));
    // Nothing that crossed the port carries a secret.
    const text = JSON.stringify(rec.events) + JSON.stringify(snap);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PUBLIC_KEY);
  });

  it('keeps a fake clock in this thread', () => {
    const clock = createFakeClock();
    const c = openGatewayConnection({
      url: 'ws://127.0.0.1:9/',
      dialect: 'documented',
      identity,
      flags: 0,
      clock,
    });
    // In process: `connect()` emits `connecting` at once, which a worker could not.
    const states: string[] = [];
    c.on('state', (s) => states.push(s.state));
    c.connect();
    expect(states[0]).toBe('connecting');
    c.dispose();
  });

  it('turns a crashing worker into a retried connection failure', async () => {
    const dir = dirs.make();
    const entry = join(dir, 'crash.mjs');
    // A crash whose message carries the secret it was given (the worker's own words cross the port).
    writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.once('message', (m) => { throw new Error('worker boom with ' + m.start.options.identity.secret); });\n",
    );
    const clock = createFakeClock();
    conn = createWorkerGatewayConnection(
      {
        url: 'ws://127.0.0.1:9/',
        dialect: 'documented',
        identity,
        flags: 0,
        clock,
        random: () => 0,
      },
      { entry },
    );
    const failed = next(conn, 'state', (s) => s.state === 'reconnecting');
    conn.connect();
    const s = await failed;
    expect(s.kind).toBe('network');
    expect(s.detail).toContain('worker boom');
    expect(s.detail).toMatch(/worker thread stopped/);
    expect(s.detail).not.toContain(SECRET);
    // The retry starts a new worker, which fails the same way: a second failure, no crash.
    const again = next(conn, 'state', (x) => x.state === 'reconnecting');
    // Exactly to the retry: the new worker's watchdog has not fired yet.
    clock.advance((s.retryAt ?? 0) - clock.wallNow());
    expect((await again).detail).toContain('worker boom');
  });

  it('turns a hung worker into a retried connection failure', async () => {
    const dir = dirs.make();
    const entry = join(dir, 'hang.mjs');
    // Takes its connection, says it is alive once, then never runs its event loop again.
    writeFileSync(
      entry,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.once('message', (m) => { m.port.postMessage({ kind: 'alive' }); for (;;) {} });\n",
    );
    const clock = createFakeClock();
    conn = createWorkerGatewayConnection(
      {
        url: 'ws://127.0.0.1:9/',
        dialect: 'documented',
        identity,
        flags: 0,
        clock,
        random: () => 0,
      },
      { entry },
    );
    const c = conn;
    const states: string[] = [];
    c.on('state', (s) => states.push(s.state));
    c.connect();
    // Said at once, as in process; the worker never confirms it.
    expect(states).toEqual(['connecting']);
    clock.advance(SILENT_WORKER_MS);
    expect(states).toEqual(['connecting', 'reconnecting']);
    expect(c.snapshot().detail).toMatch(/sent nothing for 15 s/);
  });
});
