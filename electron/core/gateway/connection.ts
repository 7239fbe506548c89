/**
 * One live connection to a shard gateway: upgrade with identification
 * headers, HELLO, then register (documented dialect, register mode) or ping
 * only, the ping loop and reconnects (docs/protocol.md §1, §2, §4). Plain
 * Node + `ws`, never `electron` (docs/architecture.md §2); dialect
 * differences come from the {@link DialectSpec}, states are on
 * {@link GatewayState}, failure meanings in `failures.ts`. This file holds the
 * phases, retries and the handle; frames read from the socket are handled in
 * `connection-incoming.ts`, the ping loop's wiring is `connection-ping.ts`.
 *
 * Decisions worth knowing:
 * - Ping only (every 0.2.2 connection): nothing but the dialect's ping is
 *   ever sent, so the bot keeps its interactions. HELLO proves the
 *   credentials; pings lost before the first answer are the `waiting` state,
 *   not losses, and never tear the connection down (`ping-loop.ts`).
 * - A gateway that behaves like the other dialect fails with
 *   `wrong-dialect`, names it, and is not retried: each retry of the wrong
 *   dialect kills a 0.2.2 connection task for nothing.
 * - No WebSocket control frames where the dialect forbids them (`socket.ts`).
 * - A frame over the profile's "Largest frame" is refused by the codec and
 *   counted, the connection kept — unless it was the register answer
 *   (`too-large`, no retry).
 * - A connection over its budgets (`budget.ts`) is throttled: its socket is
 *   not read for the rest of the second and buffered frames are dropped.
 */
import type WebSocket from 'ws';
import type { TimerHandle } from '../../../shared/clock';
import { dialectSpec } from '../../../shared/dialects';
import type { Dialect, ShardStats } from '../../../shared/protocol';
import { sayEnglish } from '../../../shared/i18n/translator';
import type { OutgoingFrame } from './codec';
import type {
  GatewayConnection,
  GatewayEvents,
  GatewayState,
  ProtocolErrorEvent,
  ShardsSource,
  StateKind,
} from './connection-types';
import { backoffDelay } from './backoff';
import { createEmitter } from './emitter';
import type { Failure } from './failures';
import { classifyClose, classifyHttp, failure, phaseTimeout, seconds } from './failures';
import { encodeOutgoing } from './frames';
import { countersOf, factsSnapshot, newFacts, rareFactsOf } from './connection-facts';
import { createIncoming } from './connection-incoming';
import type { GatewayConnectionOptions } from './options';
import { displayUrl, resolveGatewayOptions } from './options';
import type { PingLoop } from './ping-loop';
import { startConnectionPing } from './connection-ping';
import { createSecretScrubber } from './secret-scrub';
import type { SecretScrubber } from './secret-scrub';
import type { SocketInfo } from './socket';
import { createSocketRetirer, newSocketInfo, openGatewaySocket } from './socket';
import type { ShardColumns } from './shard-columns';
import { fromColumns } from './shard-columns';

export * from './connection-types';
export { WIRE_MAX_PAYLOAD } from './socket';
export { countersOf } from './connection-facts';

/**
 * Create a connection to a shard gateway. Validates `options` at once and
 * throws {@link GatewayOptionsError} when they are wrong; nothing is opened
 * until `connect()`.
 *
 * Secrets (`identity.secret`, `identity.publicKey`) go on the wire only in the
 * upgrade headers and the register frame; every emitted payload is scrubbed of
 * them, and no error message contains them.
 */
export function createGatewayConnection(
  options: GatewayConnectionOptions,
  /**
   * `columns`: read shard-info frames into columns (`shard-info-decoder.ts`)
   * and emit them so, with no object per shard (the worker's connection).
   * Such a connection's snapshot has no shard list of its own.
   * `onPingInFlight`: told when a ping goes out (true) and when it is
   * answered, lost or its loop stops (false); the worker holds its batches
   * back meanwhile (`worker-batch.ts`).
   * `scrubber`: one already made for these secrets (the worker's, which
   * scrubs its sentences too: a scrubber's tables are about 0.4 MB).
   */
  internals: {
    columns?: boolean;
    onPingInFlight?: (inFlight: boolean) => void;
    scrubber?: SecretScrubber;
  } = {},
): GatewayConnection {
  const opts = resolveGatewayOptions(options);
  // The user's language at the moment each sentence is made (docs/architecture.md §4).
  const say = options.say ?? sayEnglish;
  const { clock, identity } = opts;
  const spec = dialectSpec(opts.dialect);
  const registers = opts.mode === 'register';
  const reportsShardStats = spec.reportsShardStats && registers;
  const urlText = displayUrl(opts.url);
  const secrets = [identity.secret, identity.publicKey].filter((s) => s.length > 0);
  const scrubber = internals.scrubber ?? createSecretScrubber(secrets);
  const { scrub, scrubString } = scrubber;
  const retirer = createSocketRetirer(clock, spec);

  let listenerErrors = 0;
  const emitter = createEmitter<GatewayEvents>(() => {
    listenerErrors++;
  });

  let state: GatewayState = 'idle';
  let detail = 'Not connected yet.';
  let kind: StateKind | null = null;
  let httpStatus: number | null = null;
  let retryAt: number | null = null;
  let suggestedDialect: Dialect | null = null;

  let socket: WebSocket | null = null;
  let info: SocketInfo = newSocketInfo();
  let phaseTimer: TimerHandle | null = null;
  let retryTimer: TimerHandle | null = null;
  let pinger: PingLoop | null = null;
  let disposed = false;
  let attempt = 0;
  let readyAt: number | null = null;

  const f = newFacts();
  const n = f.n;
  const rareFacts = rareFactsOf(f, scrub, urlText);

  /** `secretFree`: built from a frame the codec proved secret-free, so no second walk. */
  function emit<K extends keyof GatewayEvents>(
    event: K,
    payload: GatewayEvents[K],
    secretFree = false,
  ): void {
    // Skipping unheard events also skips the deep copy of large frames.
    if (disposed || !emitter.has(event)) return;
    emitter.emit(event, secretFree ? payload : scrub(payload));
  }

  function setState(
    next: GatewayState,
    nextDetail: string,
    nextKind: StateKind | null = null,
    extra: { httpStatus?: number | null; retryAt?: number | null } = {},
  ): void {
    state = next;
    detail = scrubString(nextDetail);
    kind = nextKind;
    httpStatus = extra.httpStatus ?? null;
    retryAt = extra.retryAt ?? null;
    emit('state', {
      state,
      detail,
      kind,
      at: clock.wallNow(),
      httpStatus,
      retryAt,
      suggestedDialect,
    });
  }

  // ---- timers and sockets -------------------------------------------------

  function clearPhase(): void {
    clock.clearTimeout(phaseTimer);
    phaseTimer = null;
  }

  function startPhase(phase: 'connecting' | 'handshaking' | 'registering'): void {
    clearPhase();
    phaseTimer = clock.setTimeout(() => {
      phaseTimer = null;
      connectionLost(phaseTimeout(phase, urlText, opts.phaseTimeoutMs, say));
    }, opts.phaseTimeoutMs);
  }

  function stopPinger(): void {
    pinger?.stop();
    pinger = null;
  }

  function clearRetry(): void {
    clock.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function dropSocket(): void {
    stopPinger();
    clearPhase();
    incoming.resetThrottle();
    const ws = socket;
    socket = null;
    if (ws) retirer.retire(ws, false);
  }

  /** Frames go out here: enforces the dialect's forbidden opcodes via `encodeFrame`. */
  function send(frame: OutgoingFrame): boolean {
    if (!socketOpen()) return false;
    return sendEncoded(encodeOutgoing(spec, frame, clock.wallNow()));
  }

  /** The dialect's ping, encoded once per connection (see {@link sendPing}). */
  let pingOut: ReturnType<typeof encodeOutgoing> | null = null;

  /**
   * Send the dialect's ping. Its bookkeeping and frame-log entry come first;
   * then `stamp` (the ping loop reads its clock) and `ws.send`, with nothing
   * after them: the frame is encoded once, not per ping, and the thread goes
   * idle right after the send, so the answer never waits for this ping's own
   * work (docs/architecture.md §3.11).
   */
  function sendPing(beforeSend: () => void, stamp: () => void): boolean {
    if (!socketOpen()) return false;
    pingOut ??= encodeOutgoing(spec, { type: spec.pingOpcode }, 0);
    return sendEncoded(pingOut, { beforeSend, stamp });
  }

  function socketOpen(): boolean {
    return socket !== null && socket.readyState === socket.OPEN;
  }

  /**
   * The one place frames go out, on the open socket. `ping`: this is the
   * ping's own encoding, reused; its `beforeSend` runs and its frame-log
   * entry is emitted (made afresh, and with no scrub: a ping is its opcode
   * and nothing else) before `stamp` and the send.
   */
  function sendEncoded(
    out: ReturnType<typeof encodeOutgoing>,
    ping: { beforeSend: () => void; stamp: () => void } | null = null,
  ): boolean {
    const ws = socket;
    if (!ws) return false;
    if (!out.ok) {
      recordProtocolError({ kind: 'forbidden-opcode', reason: out.reason, at: clock.wallNow() });
      return false;
    }
    if (ping === null) {
      ws.send(out.encoded);
      n.framesOut++;
      emit('frame', out.event);
      return true;
    }
    ping.beforeSend();
    emit('frame', { ...out.event, at: clock.wallNow(), raw: { type: spec.pingOpcode } }, true);
    // A frame-log listener may have closed the connection.
    if (socket !== ws || !socketOpen()) return false;
    n.framesOut++;
    ping.stamp();
    ws.send(out.encoded);
    return true;
  }

  function startAttempt(): void {
    clearRetry();
    dropSocket();
    info = newSocketInfo();
    setState('connecting', say('connection.connecting', { url: urlText }));
    if (disposed || state !== 'connecting') return;
    let ws: WebSocket;
    try {
      ws = openGatewaySocket(
        opts.url,
        identity,
        spec,
        {
          onOpen: () => ws === socket && onOpen(),
          // The clock is read first: a ping's RTT ends when its answer is taken from the socket.
          onMessage: (data, isBinary) =>
            ws === socket && incoming.onMessage(ws, data, isBinary, clock.now()),
          onHttpError: (status, text, body) =>
            ws === socket && connectionLost(classifyHttp(status, text, body, say)),
          onError: (err) => {
            if (ws === socket) info.lastError = err;
          },
          onClose: (code, reason) => {
            if (ws !== socket) return;
            const opened = info.openedAt !== null;
            const registering = state === 'registering';
            const { maxFrameBytes } = opts;
            const facts = { ...info, spec, urlText, code, reason, error: info.lastError };
            const why = { ...facts, opened, registering, maxFrameBytes };
            connectionLost(classifyClose(why, say));
          },
        },
        opts.maxFrameBytes,
      );
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      connectionLost(
        failure('network', say('detect.couldNotStart', { url: urlText, why: msg }), 'backoff'),
      );
      return;
    }
    socket = ws;
    startPhase('connecting');
  }

  // ---- phases -------------------------------------------------------------

  function onOpen(): void {
    info.openedAt = clock.now();
    clearPhase();
    if (!spec.sendsHello) return afterHello();
    setState('handshaking', say('connection.waitingHello'));
    if (state === 'handshaking') startPhase('handshaking');
  }

  /** HELLO came (or the dialect sends none): register, or start pinging. */
  function afterHello(): void {
    clearPhase();
    if (registers) return sendRegister();
    setState('handshaking', say('connection.waitingFirstPing'));
    if (state === 'handshaking') startPinger();
  }

  function sendRegister(): void {
    setState('registering', say('connection.registering'));
    if (state !== 'registering') return;
    startPhase('registering');
    send({
      type: spec.registerOpcode,
      d: { public_key: identity.publicKey, shard_in: identity.shardIn, flags: opts.flags },
    });
  }

  function startPinger(): void {
    stopPinger();
    pinger = startConnectionPing({
      opts,
      say,
      armed: registers,
      f,
      sendPing,
      pingInFlight: internals.onPingInFlight ?? null,
      emit,
      state: () => state,
      setState,
      markReady: () => {
        readyAt = clock.now();
      },
      connectionLost,
    });
  }

  function updateShards(list: ShardStats[], source: ShardsSource, secretFree: boolean): void {
    f.shards = list;
    f.shardsSource = source;
    f.shardsAt = clock.wallNow();
    emit('shards', { shards: list, source, at: f.shardsAt, reportsShardStats }, secretFree);
  }

  function updateShardColumns(columns: ShardColumns): void {
    f.shards = null;
    f.shardsSource = 'shard-info';
    f.shardsAt = clock.wallNow();
    if (disposed || !emitter.has('shards')) return;
    let list: ShardStats[] | null = null;
    const at = f.shardsAt;
    // Decoded secret-free (the decoder refuses every frame that may hold a secret): no scrub.
    emitter.emit('shards', {
      columns,
      get shards() {
        return (list ??= fromColumns(columns));
      },
      source: 'shard-info',
      at,
      reportsShardStats,
    });
  }

  // ---- incoming -----------------------------------------------------------

  function recordProtocolError(e: ProtocolErrorEvent): void {
    n.protocolErrors++;
    f.lastProtocolError = e;
    emit('protocol-error', e);
  }

  const incoming = createIncoming({
    spec,
    clock,
    say,
    maxFrameBytes: opts.maxFrameBytes,
    scrubber,
    budget: opts.budget,
    f,
    info: () => info,
    state: () => state,
    socket: () => socket,
    pinger: () => pinger,
    emit,
    recordProtocolError,
    connectionLost,
    afterHello,
    updateShards,
    updateShardColumns: internals.columns ? updateShardColumns : null,
    clearPhase,
    setState,
    startPinger,
    markReady: () => {
      readyAt = clock.now();
    },
  });

  // ---- failures -----------------------------------------------------------

  /** Tear down the current socket and decide what comes next. */
  function connectionLost(f: Failure): void {
    dropSocket();
    if (readyAt !== null && clock.now() - readyAt >= opts.backoff.resetAfterReadyMs) attempt = 0;
    readyAt = null;
    suggestedDialect = f.suggestedDialect;
    const extra = { httpStatus: f.httpStatus };
    if (f.kind === 'auth-refused') return setState('auth-refused', f.text, f.kind, extra);
    if (f.policy === 'none' || !opts.autoReconnect)
      return setState('failed', f.text, f.kind, extra);
    const delay = backoffDelay(f.policy === 'max' ? Infinity : attempt, opts.backoff, opts.random);
    attempt++;
    const at = clock.wallNow() + delay;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      n.reconnects++;
      startAttempt();
    }, delay);
    setState(
      'reconnecting',
      say('connection.retrying', { what: f.text, seconds: seconds(delay) }),
      f.kind,
      {
        ...extra,
        retryAt: at,
      },
    );
  }

  // ---- handle -------------------------------------------------------------

  function assertUsable(): void {
    if (disposed) throw new Error('This gateway connection has been disposed.');
  }

  return {
    on: (event, listener) => emitter.on(event, listener),
    connect() {
      assertUsable();
      const live = ['connecting', 'handshaking', 'registering', 'waiting', 'ready'];
      if (live.includes(state)) return;
      attempt = 0;
      startAttempt();
    },
    disconnect() {
      // Tolerant of teardown order: stopping a disposed connection is a no-op.
      if (disposed) return;
      clearRetry();
      stopPinger();
      clearPhase();
      const ws = socket;
      socket = null;
      if (ws) retirer.retire(ws, true);
      readyAt = null;
      setState('closed', say('connection.stoppedByUser'), 'user');
    },
    reconnectNow() {
      assertUsable();
      if (state !== 'idle') n.reconnects++;
      attempt = 0;
      startAttempt();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearRetry();
      dropSocket();
      retirer.dispose();
      emitter.clear();
    },
    get state() {
      return state;
    },
    counters: () => countersOf({ ...n, lastProtocolError: f.lastProtocolError }, scrubString),
    snapshot(o = {}) {
      const withShards = o.shards ?? true;
      const { hello, ready, lastProtocolError, lastServerMessage, url, shards } = withShards
        ? scrub({ ...factsSnapshot(f, true), url: urlText })
        : rareFacts();
      // The rest changes with every ping and is numbers, flags and names from this code
      // but for `detail`, the one free text (scrubbed when set, and here again).
      const now = {
        state,
        detail: scrubString(detail),
        kind,
        httpStatus,
        suggestedDialect,
        dialect: spec.id,
        mode: opts.mode,
        reportsShardStats,
        ...n,
        lastRttMs: f.lastRttMs,
        shardsSource: f.shardsSource,
        shardsAt: f.shardsAt,
        attempt,
        retryAt,
        listenerErrors,
      };
      return {
        ...now,
        url,
        lastProtocolError,
        hello,
        ready,
        shards,
        lastServerMessage,
      };
    },
  };
}
