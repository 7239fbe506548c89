/**
 * A gateway connection in a worker thread (docs/architecture.md §3.12),
 * behind the same {@link GatewayConnection} interface as the in-process one.
 * The thread runs `createGatewayConnection` — the same code, not a copy — so
 * its socket is read, its frames decoded and parsed and its pings timed on an
 * event loop the main thread does not share: a busy main thread cannot delay
 * them. A big bot gets a thread of its own; small ones share a few threads
 * (`worker-pool.ts`). What crosses the port is in `worker-wire.ts`.
 *
 * A thread that crashes, exits or stops answering is a connection failure
 * like a dropped socket: the state says so and the connection is started
 * again in a thread after the usual backoff; the process is never affected.
 */
import type { MessagePort } from 'node:worker_threads';
import { systemClock } from '../../../shared/clock';
import type { TimerHandle } from '../../../shared/clock';
import { dialectSpec } from '../../../shared/dialects';
import type { ShardStats } from '../../../shared/protocol';
import { sayEnglish } from '../../../shared/i18n/translator';
import { backoffDelay } from './backoff';
import { countersOf, factsSnapshot, newFacts } from './connection-facts';
import { createGatewayConnection } from './connection';
import type {
  GatewayConnection,
  GatewayState,
  GatewayCounters,
  GatewayEvents,
  GatewaySnapshot,
  StateEvent,
} from './connection-types';
import { createEmitter } from './emitter';
import { seconds } from './failures';
import { createSecretScrubber } from './secret-scrub';
import type { GatewayConnectionOptions } from './options';
import { displayUrl, resolveGatewayOptions } from './options';
import type { ThreadFailure, ThreadLease, WorkerPool } from './worker-pool';
import { OWN_THREAD_SHARDS, workerPool } from './worker-pool';
import type { HostCommand, WireEvent, WorkerBatch, WorkerMessage } from './worker-wire';
import type { WorkerConnectionOptions } from './worker-wire';
import { SILENT_WORKER_MS, createWording, fromColumns } from './worker-wire';
import type { ShardColumns } from './shard-columns';
import { columnsGivenBack, giveBackColumns } from './shard-columns';

/**
 * Open a gateway connection where it measures best: in a worker thread on
 * the system clock; in this thread for any other clock (a fake clock cannot
 * drive another thread's timers). Validation errors are thrown at once.
 */
export function openGatewayConnection(options: GatewayConnectionOptions): GatewayConnection {
  const onSystemClock = options.clock === undefined || options.clock === systemClock;
  return onSystemClock ? createWorkerGatewayConnection(options) : createGatewayConnection(options);
}

/**
 * Create a connection whose work runs in a worker thread. Validates
 * `options` at once (throws {@link GatewayOptionsError}); the worker starts
 * on the first `connect()`. `clock` drives only this side's watchdog and
 * retry timers; the worker times on the system clock. `say`, `random` and
 * `probe` stay on this side: the worker has its own probe for its own thread.
 */
export function createWorkerGatewayConnection(
  options: GatewayConnectionOptions,
  /**
   * `entry`: another worker script (tests of crashing and hung workers), in a
   * thread of its own; `pool`: the threads to use (the process's by default).
   */
  internals: { entry?: string; pool?: WorkerPool } = {},
): GatewayConnection {
  const opts = resolveGatewayOptions(options);
  const say = options.say ?? sayEnglish;
  const { clock } = opts;
  const wording = createWording(say);
  const { say: _say, clock: _clock, random: _random, probe: _probe, ...plain } = options;
  const workerOptions: WorkerConnectionOptions = plain;
  const spec = dialectSpec(opts.dialect);

  let listenerErrors = 0;
  const emitter = createEmitter<GatewayEvents>(() => {
    listenerErrors++;
  });

  let facts: GatewaySnapshot = {
    state: 'idle',
    detail: 'Not connected yet.',
    kind: null,
    httpStatus: null,
    suggestedDialect: null,
    dialect: spec.id,
    mode: opts.mode,
    url: displayUrl(opts.url),
    reportsShardStats: spec.reportsShardStats && opts.mode === 'register',
    ...factsSnapshot(newFacts()),
    attempt: 0,
    retryAt: null,
    listenerErrors: 0,
  };
  let counters: GatewayCounters = countersOf({ ...newFacts().n, lastProtocolError: null });
  /** The last shard-info list, as it came (objects are made only if a snapshot asks). */
  let shardColumns: ShardColumns | null = null;
  let shards: ShardStats[] | null = null;
  let readyShards: ShardStats[] = [];

  let worker: ThreadLease | null = null;
  /** Whether this connection's bot is big enough for a thread of its own (it may learn it). */
  let big = opts.identity.shardTotal >= OWN_THREAD_SHARDS;
  /** Whether the user wants the connection running (connect / reconnectNow, not disconnect). */
  let running = false;
  let disposed = false;
  let lastHeard = 0;
  let failures = 0;
  let watchdog: TimerHandle | null = null;
  /** Commands sent so far (`HostCommand.seq`). */
  let seq = 0;
  /**
   * A state said here at once (as the in-process connection does) and the
   * command it came with: the worker's events from before that command are
   * stale for the state, and its own saying of the same state is not repeated.
   */
  let said: { state: GatewayState; seq: number } | null = null;
  let saidSeq = 0;
  let restartTimer: TimerHandle | null = null;

  function emit<K extends keyof GatewayEvents>(event: K, payload: GatewayEvents[K]): void {
    if (!disposed) emitter.emit(event, payload);
  }

  function apply(batch: WorkerBatch): void {
    wording.learn(batch.sayings);
    const stale = batch.ack < saidSeq;
    for (const e of batch.events) applyEvent(e, stale);
    const next: GatewaySnapshot = { ...facts, ...wording.word(batch.facts) };
    facts = stale ? { ...next, ...stateOf(facts) } : next;
    counters = wording.word(batch.counters);
    if (facts.state === 'ready') failures = 0;
  }

  function stateOf(s: GatewaySnapshot) {
    const { state, detail, kind, httpStatus, retryAt, suggestedDialect } = s;
    return { state, detail, kind, httpStatus, retryAt, suggestedDialect };
  }

  function applyEvent(e: WireEvent, stale: boolean): void {
    switch (e.event) {
      case 'shards': {
        const columns = e.columns;
        // A bot bigger than its profile said: its next thread is its own.
        if (columns.count >= OWN_THREAD_SHARDS) big = true;
        const before = shardColumns;
        shardColumns = columns;
        shards = null;
        let list: ShardStats[] | null = null;
        // Objects only for a listener that reads them (and once); the shard tracker reads the columns.
        emit('shards', {
          ...e.payload,
          columns,
          get shards() {
            if (list === null && columnsGivenBack(columns))
              throw new Error(
                "A shard list was read after its connection's next snapshot; read it during the 'shards' event.",
              );
            list ??= shardColumns === columns ? (shardList() ?? []) : fromColumns(columns);
            return list;
          },
        });
        // The last snapshot's columns came across the port and are this
        // connection's alone; every listener has read the new ones (the
        // tracker compared them with the last), so the old ones' memory
        // goes back now, not at the next full collection (give-back.ts).
        if (before !== null && before !== columns) giveBackColumns(before);
        return;
      }
      case 'ready':
        readyShards = fromColumns(e.columns);
        giveBackColumns(e.columns);
        return emit('ready', { ...e.payload, shards: readyShards });
      case 'frame':
        return emit('frame', e.payload as GatewayEvents['frame']);
      case 'state': {
        if (stale) return;
        const ev = wording.word(e.payload as StateEvent);
        const echo = said !== null && said.state === ev.state;
        said = null;
        if (!echo) emit('state', ev);
        return;
      }
      default:
        emit(e.event, wording.word(e.payload) as never);
    }
  }

  /** The last list as objects, made from its columns once. */
  function shardList(): ShardStats[] | null {
    if (shards === null && shardColumns !== null) shards = fromColumns(shardColumns);
    return shards;
  }

  function command(cmd: HostCommand['cmd']): number {
    seq++;
    worker?.port.postMessage({ cmd, seq } satisfies HostCommand);
    return seq;
  }

  /** Say `state` at once, for the command numbered `at`. */
  function sayNow(ev: Omit<StateEvent, 'at'>, at: number): void {
    setState({ ...ev, at: clock.wallNow() });
    said = { state: ev.state, seq: at };
    saidSeq = at;
  }

  let scrubber: ReturnType<typeof createSecretScrubber> | null = null;
  function errorScrubber(): ReturnType<typeof createSecretScrubber> {
    const { secret, publicKey } = opts.identity;
    return (scrubber ??= createSecretScrubber([secret, publicKey]));
  }

  function spawn(): ThreadLease {
    const pool = internals.pool ?? workerPool();
    const lease: ThreadLease = pool.lease({
      start: { options: workerOptions, seq },
      own: big,
      ...(internals.entry !== undefined ? { entry: internals.entry } : {}),
      onAlive: () => {
        if (lease === worker) lastHeard = clock.now();
      },
      onFailure: (f) => {
        if (lease === worker) stopped(failureText(f));
      },
      scrub: (text) => errorScrubber().scrubString(text),
    });
    const port: MessagePort = lease.port;
    // A connection never keeps the process alive on its own (the app, the server or the test does).
    port.unref();
    port.on('message', (m: WorkerMessage) => {
      if (lease !== worker) return;
      lastHeard = clock.now();
      if (m.kind === 'batch') apply(m.batch);
    });
    worker = lease;
    lastHeard = clock.now();
    armWatchdog();
    return lease;
  }

  /** Why the thread went away, in the user's words; an error's message is scrubbed. */
  function failureText(f: ThreadFailure): string {
    if (f.kind === 'exit') return say('connection.workerExited', { code: f.code });
    if (f.kind === 'ended') return say('connection.workerEnded');
    // An uncaught error's message is the thread's own words: scrubbed like everything it says.
    return errorScrubber().scrubString(f.message);
  }

  function armWatchdog(): void {
    clock.clearTimeout(watchdog);
    watchdog = clock.setTimeout(() => {
      watchdog = null;
      if (!worker) return;
      const silent = clock.now() - lastHeard;
      if (silent >= SILENT_WORKER_MS)
        return stopped(say('connection.workerSilent', { seconds: seconds(silent) }));
      armWatchdog();
    }, SILENT_WORKER_MS / 3);
  }

  function endWorker(): void {
    const w = worker;
    worker = null;
    clock.clearTimeout(watchdog);
    watchdog = null;
    if (!w) return;
    w.port.postMessage({ cmd: 'dispose', seq: ++seq } satisfies HostCommand);
    w.release();
  }

  /** The worker crashed, exited or hung: a connection failure, retried with backoff. */
  function stopped(why: string): void {
    const w = worker;
    worker = null;
    clock.clearTimeout(watchdog);
    watchdog = null;
    // The thread may still run (it hangs): end it, and every connection in it.
    w?.endThread();
    if (disposed || !running) return;
    const delay = backoffDelay(failures++, opts.backoff, opts.random);
    const what = say('connection.workerStopped', { why });
    const retryAt = clock.wallNow() + delay;
    setState({
      state: 'reconnecting',
      detail: say('connection.retrying', { what, seconds: seconds(delay) }),
      kind: 'network',
      at: clock.wallNow(),
      httpStatus: null,
      retryAt,
      suggestedDialect: null,
    });
    clock.clearTimeout(restartTimer);
    restartTimer = clock.setTimeout(() => {
      restartTimer = null;
      if (disposed || !running) return;
      spawn();
      command('connect');
    }, delay);
  }

  function setState(ev: StateEvent): void {
    const { at: _at, ...rest } = ev;
    facts = { ...facts, ...rest };
    emit('state', ev);
  }

  function assertUsable(): void {
    if (disposed) throw new Error('This gateway connection has been disposed.');
  }

  /**
   * Tell the worker to (re)connect, doing at once what the in-process
   * connection does at once — count the reconnect, say `connecting` — so
   * callers see the same thing whichever thread the work runs in.
   */
  function start(cmd: 'connect' | 'reconnectNow'): void {
    running = true;
    clock.clearTimeout(restartTimer);
    restartTimer = null;
    const live = ['connecting', 'handshaking', 'registering', 'waiting', 'ready'];
    // A bot found to be big since its thread was chosen starts again in one of its own.
    const moving = worker !== null && worker.shared && big;
    const starts = moving || cmd === 'reconnectNow' || !live.includes(facts.state);
    if (cmd === 'reconnectNow' && facts.state !== 'idle') {
      counters = { ...counters, reconnects: counters.reconnects + 1 };
      facts = { ...facts, reconnects: facts.reconnects + 1 };
    }
    if (moving) endWorker();
    // A new thread's connection starts from `idle`: connect is what it needs.
    const sent = worker ? command(cmd) : (spawn(), command('connect'));
    if (!starts) return;
    const { url, suggestedDialect } = facts;
    const detail = say('connection.connecting', { url });
    sayNow(
      {
        state: 'connecting',
        detail,
        kind: null,
        httpStatus: null,
        retryAt: null,
        suggestedDialect,
      },
      sent,
    );
  }

  return {
    on: (event, listener) => emitter.on(event, listener),
    connect() {
      assertUsable();
      start('connect');
    },
    disconnect() {
      if (disposed) return;
      running = false;
      clock.clearTimeout(restartTimer);
      restartTimer = null;
      const sent = worker ? command('disconnect') : seq;
      const detail = say('connection.stoppedByUser');
      const { suggestedDialect } = facts;
      sayNow(
        {
          state: 'closed',
          detail,
          kind: 'user',
          httpStatus: null,
          retryAt: null,
          suggestedDialect,
        },
        sent,
      );
    },
    reconnectNow() {
      assertUsable();
      start('reconnectNow');
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      running = false;
      clock.clearTimeout(restartTimer);
      restartTimer = null;
      endWorker();
      emitter.clear();
    },
    get state() {
      return facts.state;
    },
    counters: () => counters,
    snapshot(o = {}) {
      const withShards = o.shards ?? true;
      const ready =
        facts.ready && withShards ? { ...facts.ready, shards: readyShards } : facts.ready;
      return { ...facts, ready, shards: withShards ? shardList() : null, listenerErrors };
    },
  };
}
