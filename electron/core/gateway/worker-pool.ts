/**
 * The threads gateway connections run in (docs/architecture.md §3.12).
 *
 * A worker thread costs about 24 MiB (a V8 isolate and the connection code),
 * so a fleet of 100 small bots in a thread each would take 2.4 GiB and start
 * 100 isolates at once. Connections are therefore placed:
 * - **in a thread of their own** when they are big: a bot of at least
 *   {@link OWN_THREAD_SHARDS} shards (as the profile says, or as its gateway
 *   has reported), whose snapshots take milliseconds to read, or when a test
 *   names its own worker script;
 * - **in a shared thread** otherwise, up to {@link SHARED_CAPACITY}
 *   connections each, with a small young generation ({@link SHARED_YOUNG_MB}). Their frames are small; each connection keeps its own
 *   budgets (`budget.ts`, `throttle.ts`), and a ping whose thread stalled
 *   (another connection's burst included) is marked disturbed by the
 *   thread's timing probe and left out of the figures, as in a thread of its
 *   own.
 *
 * Each connection talks to its thread over a `MessageChannel` of its own
 * (`worker-wire.ts` messages, unchanged), so a connection does not know or
 * care whether it shares. A thread that crashes, exits or hangs fails every
 * connection in it; each is retried with its own backoff in a thread found
 * then. A thread whose last connection leaves is ended.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { gatewayWorkerEntry } from './worker-entry';
import type { PoolCommand, WorkerStart } from './worker-wire';

/** Bots at least this big get a thread of their own. */
export const OWN_THREAD_SHARDS = 1000;
/**
 * Most connections in one shared thread: 100 small bots take two threads.
 * Each thread costs about 20 MB (its isolate and the connection code) on top
 * of its connections; four threads of 25 took about 70 MB more than two of 50
 * (docs/benchmarks.md, part b), and a small bot's work (a ping a second, a
 * snapshot of under 1,000 shards) keeps a thread of 50 idle most of the time.
 */
export const SHARED_CAPACITY = 50;
/**
 * Young generation of a shared thread (MB). V8's default let it grow to
 * about 16 MB of a shared thread's 33; small bots' frames are small (a frame
 * over a few hundred KiB is a large object, outside the young generation),
 * and 4 MB saved about 10 MB a thread at no measurable CPU (part b).
 */
export const SHARED_YOUNG_MB = 4;
/** A thread told to stop is ended if it has not within this time (ms). */
const END_GRACE_MS = 2000;

/** Why a connection's thread went away. */
export type ThreadFailure =
  { kind: 'error'; message: string } | { kind: 'exit'; code: number } | { kind: 'ended' };

/** A connection's place in a thread. */
export interface ThreadLease {
  /** The connection's own end of its channel to the thread. */
  readonly port: MessagePort;
  /** Whether the thread is shared with other connections. */
  readonly shared: boolean;
  /** The connection leaves the thread (after telling its side to stop). */
  release(): void;
  /** End the whole thread (it hangs): every connection in it fails. */
  endThread(): void;
}

/** What a lease is asked with. */
export interface LeaseRequest {
  start: WorkerStart;
  /** A thread of its own. */
  own: boolean;
  /** Another worker script (tests of crashing and hung workers); always a thread of its own. */
  entry?: string;
  /** Called once if the thread goes away while the lease holds it. */
  onFailure(failure: ThreadFailure): void;
  /** Heard from the thread outside the channel (its own heartbeat). */
  onAlive(): void;
  /** This connection's secrets taken out of a text (a thread's error may quote any of its connections). */
  scrub(text: string): string;
}

interface Thread {
  worker: Worker;
  shared: boolean;
  leases: Set<LeaseRequest>;
  ended: boolean;
}

/** The threads of this process. */
export interface WorkerPool {
  lease(request: LeaseRequest): ThreadLease;
  /** Threads running now, shared and own. */
  readonly threads: { shared: number; own: number };
}

export function createWorkerPool(o: { capacity?: number; entry?: () => string } = {}): WorkerPool {
  const capacity = o.capacity ?? SHARED_CAPACITY;
  const entryOf = o.entry ?? gatewayWorkerEntry;
  const threads = new Set<Thread>();

  function fail(t: Thread, failure: ThreadFailure): void {
    if (t.ended) return;
    t.ended = true;
    threads.delete(t);
    const leases = [...t.leases];
    t.leases.clear();
    // Every connection's secrets out of the thread's words before any connection shows them.
    const told: ThreadFailure =
      failure.kind === 'error'
        ? { kind: 'error', message: leases.reduce((m, l) => l.scrub(m), failure.message) }
        : failure;
    for (const l of leases) l.onFailure(told);
  }

  function open(entry: string, shared: boolean): Thread {
    const worker = shared
      ? new Worker(entry, {
          name: 'gateway (shared)',
          resourceLimits: { maxYoungGenerationSizeMb: SHARED_YOUNG_MB },
        })
      : new Worker(entry, { name: 'gateway' });
    // A connection never keeps the process alive on its own (the app, the server or the test does).
    worker.unref();
    const t: Thread = { worker, shared, leases: new Set(), ended: false };
    worker.on('message', () => {
      for (const l of t.leases) l.onAlive();
    });
    worker.on('error', (err: Error) => fail(t, { kind: 'error', message: String(err.message) }));
    worker.on('exit', (code: number) => fail(t, { kind: 'exit', code }));
    threads.add(t);
    return t;
  }

  function end(t: Thread): void {
    if (t.ended) return;
    t.ended = true;
    threads.delete(t);
    const { worker } = t;
    worker.postMessage({ cmd: 'end' } satisfies PoolCommand);
    const kill = setTimeout(() => void worker.terminate().catch(() => undefined), END_GRACE_MS);
    kill.unref();
    worker.once('exit', () => clearTimeout(kill));
  }

  function place(request: LeaseRequest): Thread {
    if (request.own || request.entry !== undefined) return open(request.entry ?? entryOf(), false);
    let best: Thread | null = null;
    for (const t of threads) {
      if (!t.shared || t.leases.size >= capacity) continue;
      if (!best || t.leases.size < best.leases.size) best = t;
    }
    return best ?? open(entryOf(), true);
  }

  return {
    lease(request) {
      const t = place(request);
      const { port1, port2 } = new MessageChannel();
      t.leases.add(request);
      t.worker.postMessage(
        { cmd: 'open', start: request.start, port: port2 } satisfies PoolCommand,
        [port2],
      );
      let held = true;
      return {
        port: port1,
        shared: t.shared,
        release() {
          if (!held) return;
          held = false;
          port1.close();
          t.leases.delete(request);
          if (t.leases.size === 0) end(t);
        },
        endThread() {
          if (!held) return;
          held = false;
          t.leases.delete(request);
          port1.close();
          void t.worker.terminate().catch(() => undefined);
          fail(t, { kind: 'ended' });
        },
      };
    },
    get threads() {
      let shared = 0;
      let own = 0;
      for (const t of threads) {
        if (t.shared) shared++;
        else own++;
      }
      return { shared, own };
    },
  };
}

let processPool: WorkerPool | null = null;

/** The pool of this process (made on first use). */
export function workerPool(): WorkerPool {
  processPool ??= createWorkerPool();
  return processPool;
}
