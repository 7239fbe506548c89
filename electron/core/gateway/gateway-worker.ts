/**
 * Entry of a gateway thread (docs/architecture.md §3.12): runs one or more
 * {@link createGatewayConnection}s — sockets, decoding, parsing, ping timing
 * — on an event loop the main thread does not share. `worker-pool.ts`
 * decides which connections share a thread; each connection talks to the
 * main thread over a `MessagePort` of its own: events go in batches
 * (`worker-wire.ts`), commands come back on the same port.
 *
 * Secrets arrive with each connection's start and go only where the
 * in-process connection sends them (the upgrade headers and the register
 * frame); every sentence parameter is scrubbed, with that connection's
 * secrets, before it crosses. Nothing here logs.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { MessageParams } from '../../../shared/i18n/translator';
import { createGatewayConnection } from './connection';
import type { GatewayEvents, GatewaySnapshot } from './connection-types';
import { systemClock } from '../../../shared/clock';
import { createSecretScrubber } from './secret-scrub';
import { createBatcher } from './worker-batch';
import type {
  HostCommand,
  PoolCommand,
  WireEvent,
  WorkerBatch,
  WorkerMessage,
} from './worker-wire';
import { HEARTBEAT_MS, columnBuffers, toColumns, tokenSay } from './worker-wire';
import type { WorkerStart } from './worker-wire';
import { frameLogText } from './frame-text';

const EVENTS = [
  'state',
  'hello',
  'ready',
  'shards',
  'ping',
  'ping-late',
  'protocol-error',
  'server-message',
  'interaction',
  'unknown-event',
  'frame',
] as const satisfies ReadonlyArray<keyof GatewayEvents>;

/** The connections this thread runs, by their ports: each one's way to stop. */
const hosted = new Map<MessagePort, () => void>();

/** Run one connection, talking over `port`, until told to dispose (or the thread ends). */
function host(port: MessagePort, start: WorkerStart): void {
  const { options, seq } = start;
  let ack = seq;
  const { identity } = options;
  const scrubber = createSecretScrubber(
    [identity.secret, identity.publicKey].filter((s) => s.length > 0),
  );
  let sayings: WorkerBatch['sayings'] = [];
  const say = tokenSay(
    (p) => scrubber.scrub<MessageParams>(p),
    (id, key, params) => sayings.push([id, key, params]),
  );
  let events: WireEvent[] = [];
  let transfer: ArrayBuffer[] = [];
  let sentAt = Date.now();
  // Batches wait while a ping is in flight (`worker-batch.ts`).
  const batcher = createBatcher(flush, {
    clock: systemClock,
    soon(fn) {
      const h = setImmediate(fn);
      return () => clearImmediate(h);
    },
  });
  // Shard-info frames into columns at once: that is how they cross the port.
  const conn = createGatewayConnection(
    { ...options, say },
    // One scrubber for the connection and its sentences (its tables are ~0.4 MB).
    { columns: true, scrubber, onPingInFlight: (inFlight) => batcher.pingInFlight(inFlight) },
  );

  function post(m: WorkerMessage, list: ArrayBuffer[] = []): void {
    port.postMessage(m, list);
    sentAt = Date.now();
  }

  /** The facts as last sent, and the command they followed (`changedFacts`). */
  let sentFacts: GatewaySnapshot | null = null;
  let sentFactsAck = -1;

  /**
   * The facts that changed since the last batch; all of them in the first and
   * after a command, whose answer the main thread may have said already.
   * Unchanged HELLO and READY facts are the same objects (`rareFactsOf`).
   */
  function changedFacts(): Partial<GatewaySnapshot> {
    const next = conn.snapshot({ shards: false });
    const last = sentFacts;
    const whole = last === null || sentFactsAck !== ack;
    sentFacts = next;
    sentFactsAck = ack;
    if (whole) return next;
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next))
      if (!Object.is(v, last[k as keyof GatewaySnapshot])) changed[k] = v;
    return changed as Partial<GatewaySnapshot>;
  }

  function flush(): void {
    const batch: WorkerBatch = {
      ack,
      sayings,
      events,
      facts: changedFacts(),
      counters: conn.counters(),
    };
    const list = transfer;
    sayings = [];
    events = [];
    transfer = [];
    post({ kind: 'batch', batch }, list);
  }

  function queue(e: WireEvent): void {
    events.push(e);
    // Frames read in one turn of the event loop travel together.
    batcher.queued();
  }

  for (const event of EVENTS)
    conn.on(event, (payload: GatewayEvents[typeof event]) => {
      if (event === 'shards') {
        const { source, at, reportsShardStats } = payload as GatewayEvents['shards'];
        const given = (payload as GatewayEvents['shards']).columns;
        const columns = given ?? toColumns((payload as GatewayEvents['shards']).shards);
        const rest = { source, at, reportsShardStats };
        transfer.push(...columnBuffers(columns));
        return queue({ event, payload: rest, columns });
      }
      if (event === 'ready') {
        const ready = payload as GatewayEvents['ready'];
        const columns = toColumns(ready.shards);
        transfer.push(...columnBuffers(columns));
        return queue({ event, payload: { ...ready, shards: [] }, columns });
      }
      if (event === 'frame') {
        // The frame log's text, made here from the scrubbed frame: the main thread neither
        // clones the parsed frame nor serialises it again.
        const f = payload as GatewayEvents['frame'];
        return queue({ event, payload: { ...f, raw: null, text: frameLogText(f) } });
      }
      queue({ event, payload });
    });

  const heartbeat = setInterval(() => {
    if (Date.now() - sentAt >= HEARTBEAT_MS) post({ kind: 'alive' });
  }, HEARTBEAT_MS);
  // The ports keep the thread alive; the heartbeat alone must not.
  heartbeat.unref();

  function stop(): void {
    conn.dispose();
    batcher.dispose();
    clearInterval(heartbeat);
    hosted.delete(port);
    port.close();
  }
  hosted.set(port, stop);

  port.on('message', (m: HostCommand) => {
    // What happened before this command travels apart from what it causes.
    batcher.flushNow();
    ack = m.seq;
    switch (m.cmd) {
      case 'connect':
        return conn.connect();
      case 'disconnect':
        return conn.disconnect();
      case 'reconnectNow':
        return conn.reconnectNow();
      case 'dispose':
        return stop();
    }
  });
}

parentPort?.on('message', (m: PoolCommand) => {
  if (m.cmd === 'open') return host(m.port, m.start);
  // The pool ends a thread whose last connection left (or the process is stopping).
  for (const stop of [...hosted.values()]) stop();
  parentPort?.close();
});
