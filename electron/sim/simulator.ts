/**
 * The shard gateway simulator: a real WebSocket server on loopback that speaks
 * either dialect of docs/protocol.md, with scenarios and injectable faults.
 *
 * Used by integration tests, benchmarks, `shardwatch sim` and the in-process
 * Demo profile, so it is plain Node + `ws` and owns every timer and socket it
 * opens (`stop()` releases them all, docs/architecture.md §3.4). This file is
 * the plumbing; each dialect's behaviour is in `dialect-*.ts`, scenarios and
 * faults in `faults.ts`.
 */
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { GATEWAY_EVENTS, IDENTIFICATION_HEADERS } from '../../shared/protocol';
import type { Dialect } from '../../shared/protocol';
import { systemClock } from '../../shared/clock';
import type { TimerHandle } from '../../shared/clock';
import type { BotState, Conn, HttpAnswer, MutableStats, SimContext, SimDialect } from './context';
import { isNonNegInt } from './context';
import { createDialect022 } from './dialect-022';
import { createDocumented } from './dialect-documented';
import { createScenarioControl } from './faults';
import { createSeededRandom, randomFrom } from './random';
import type { SimRandom } from './random';
import { createShardTable } from './shards';
import type { SimCredentials, SimInteraction, SimulatorHandle, SimulatorOptions } from './types';
import { DEFAULT_SIM_CREDENTIALS } from './types';
import { encodeFrame } from './wire';
import type { WireEncoding } from './wire';

// The public shapes live in `types.ts`; importing them from here keeps working.
export * from './types';

const GATEWAY_PATH = '/gateway';
const REDACTED_HEADERS = new Set(['secret', 'public-key']);

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name.toLowerCase()];
  return Array.isArray(raw) ? raw[0] : raw;
}

/** A lenient count for the documented dialect (0.2.2 parses its headers itself, strictly). */
function parseCount(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sim.invalid').pathname;
  } catch {
    return '/';
  }
}

function allHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = REDACTED_HEADERS.has(k) ? '[REDACTED]' : v;
  return out;
}

function checkNumber(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`simulator option ${name} out of range: ${value}`);
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function newStats(): MutableStats {
  return {
    connectionsTotal: 0,
    upgradesRejected: 0,
    authRefused: 0,
    shardRefused: 0,
    dropped: 0,
    framesReceived: 0,
    framesIgnored: 0,
    framesByOpcode: {},
    framesSent: 0,
    pingsReceived: 0,
    pingsAnswered: 0,
    pingsUnanswered: 0,
    registers: 0,
    resumes: 0,
    readerKilled: 0,
    readerKillReasons: [],
    controlFramesReceived: 0,
    type3Registrations: 0,
    shardInfoSent: 0,
    interactionsSent: 0,
    botInteractions: 0,
    interactionsLost: 0,
    garbageSent: 0,
  };
}

/**
 * Start a gateway simulator and resolve once it listens.
 *
 * `http-interaction-0.2.2` reproduces the real server as measured
 * (docs/protocol.md §2): the authentication score, 1005 refusals and 1006
 * drops, interactions routed to the last registered connection, readers that
 * die on anything but gzip, deaf sockets after a register. `documented`
 * follows §1. Scenarios and faults are described in `scenarios.ts`.
 */
export async function createSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const dialect: Dialect = options.dialect ?? 'documented';
  const is022 = dialect === 'http-interaction-0.2.2';
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const random: SimRandom =
    typeof options.random === 'function'
      ? randomFrom(options.random)
      : createSeededRandom(options.random);
  const credentials: SimCredentials = { ...DEFAULT_SIM_CREDENTIALS, ...options.credentials };
  const latencyMs = options.latencyMs ?? 0;
  const jitterMs = options.jitterMs ?? 0;
  const scenarioTickMs = options.scenarioTickMs ?? 250;
  const shardInfoIntervalMs = options.shardInfoIntervalMs ?? 1000;
  const output: WireEncoding = is022 ? 'zlib' : (options.documentedOutput ?? 'text');
  const log = options.log ?? (() => undefined);
  const initialShards = options.shardCount ?? (is022 ? 0 : 4);
  checkNumber('port', options.port ?? 0, 0, 65535);
  checkNumber('shardCount', initialShards, 0, 100_000);
  checkNumber('latencyMs', latencyMs, 0);
  checkNumber('jitterMs', jitterMs, 0);
  checkNumber('scenarioTickMs', scenarioTickMs, 1);
  checkNumber('shardInfoIntervalMs', shardInfoIntervalMs, 0);
  checkNumber('dropProbability', options.dropProbability ?? 0.15, 0, 1);
  checkNumber('garbageProbability', options.garbageProbability ?? 0.5, 0, 1);
  checkNumber('degradeMsPerSecond', options.degradeMsPerSecond ?? 200, 0);
  checkNumber('maxDegradeMs', options.maxDegradeMs ?? 10_000, 0);
  checkNumber('floodPerTick', options.floodPerTick ?? 2000, 0);

  const shards = createShardTable(initialShards, random);
  const bots = new Map<string, BotState>();
  const conns = new Set<Conn>();
  const rawSockets = new Set<Socket>();
  const timers = new Set<TimerHandle>();
  const stats = newStats();
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let connSeq = 0;
  let lastHeaders: Record<string, string> | null = null;

  function schedule(fn: () => void, ms: number, conn?: Conn): TimerHandle {
    const handle: TimerHandle = clock.setTimeout(() => {
      timers.delete(handle);
      conn?.timers.delete(handle);
      if (!stopped) fn();
    }, ms);
    timers.add(handle);
    conn?.timers.add(handle);
    return handle;
  }

  function bot(id: string): BotState {
    let state = bots.get(id);
    if (!state)
      bots.set(id, (state = { registered: false, sessionId: null, lastRegistered: null }));
    return state;
  }

  const isLive = (c: Conn): boolean => !c.halfOpen && c.ws.readyState === WebSocket.OPEN;

  function send(conn: Conn, message: Record<string, unknown>): boolean {
    if (!isLive(conn)) return false;
    control.beforeSend(conn);
    const frame = encodeFrame(message, output);
    conn.ws.send(frame.data, { binary: frame.binary });
    stats.framesSent++;
    return true;
  }

  function answerPing(conn: Conn): void {
    if (control.stalled()) {
      stats.pingsUnanswered++;
      return;
    }
    let delay =
      latencyMs + (jitterMs > 0 ? random.next() * jitterMs : 0) + control.extraLatencyMs();
    if (conn.lateAnswerMs !== null) {
      delay = Math.max(delay, conn.lateAnswerMs);
      conn.lateAnswerMs = null;
    }
    const duplicate = conn.duplicateNext;
    conn.duplicateNext = false;
    // Pings are unnumbered and answered in order (docs/protocol.md §1), so
    // jitter must never let a later answer overtake an earlier one.
    const now = clock.now();
    const at = Math.max(now + delay, conn.lastAnswerAt);
    conn.lastAnswerAt = at;
    const answer = { type: 3, service: 'gateway', event: GATEWAY_EVENTS.PING, data: {} };
    // The 0.2.2 server writes keys in sorted order (measured).
    const wire = is022
      ? { data: {}, event: GATEWAY_EVENTS.PING, service: 'gateway', type: 3 }
      : answer;
    const fire = (): void => {
      if (control.stalled()) {
        stats.pingsUnanswered++;
        return;
      }
      if (send(conn, wire)) stats.pingsAnswered++;
      if (duplicate) send(conn, wire);
    };
    if (at - now <= 0) fire();
    else schedule(fire, at - now, conn);
  }

  const ctx: SimContext = {
    clock,
    random,
    credentials,
    stats,
    shards,
    log,
    bot,
    send,
    answerPing,
    killReader(conn, reason) {
      if (conn.readerDead) return;
      conn.readerDead = true;
      stats.readerKilled++;
      stats.readerKillReasons.push(reason);
      log(`connection #${conn.seq}: reader died (${reason})`);
    },
    countOpcode(type) {
      stats.framesByOpcode[type] = (stats.framesByOpcode[type] ?? 0) + 1;
    },
    schedule,
  };

  const control = createScenarioControl(ctx, () => [...conns], {
    dropProbability: options.dropProbability ?? 0.15,
    garbageProbability: options.garbageProbability ?? 0.5,
    degradeMsPerSecond: options.degradeMsPerSecond ?? 200,
    maxDegradeMs: options.maxDegradeMs ?? 10_000,
    floodPerTick: options.floodPerTick ?? 2000,
    output,
    analytics: options.scenarioOptions ?? {},
  });

  const behaviour: SimDialect = is022
    ? createDialect022(ctx, options.misconfigured ?? false)
    : createDocumented(ctx, {
        requireIdentification: options.requireIdentification ?? !!options.credentials,
        helloOnConnect: options.helloInDocumented ?? true,
        shardInfoIntervalMs,
      });
  if (options.botRegistered ?? true) registerBot();

  function registerBot(): void {
    const state = bot(credentials.botId);
    state.registered = true;
    state.lastRegistered = 'outside';
    log('the bot registered (outside the simulator)');
  }

  function onConnection(ws: WebSocket, req: IncomingMessage, socket: Duplex): void {
    const id = headerValue(req, IDENTIFICATION_HEADERS.id);
    const ident = {
      id,
      secret: headerValue(req, IDENTIFICATION_HEADERS.secret),
      publicKey: headerValue(req, IDENTIFICATION_HEADERS.publicKey),
      shardIn: headerValue(req, IDENTIFICATION_HEADERS.shardIn),
      shardTotal: headerValue(req, IDENTIFICATION_HEADERS.shardTotal),
    };
    const realClose = ws.close.bind(ws);
    const conn: Conn = {
      seq: ++connSeq,
      ws,
      socket,
      ident,
      botId: id ?? credentials.botId,
      shardIn: parseCount(ident.shardIn) ?? 0,
      shardTotal: parseCount(ident.shardTotal) ?? Math.max(1, shards.list().length),
      accepted: false,
      registered: false,
      readerDead: false,
      halfOpen: false,
      lastAnswerAt: 0,
      lateAnswerMs: null,
      duplicateNext: false,
      pushTimer: null,
      timers: new Set(),
      closeFrame: (code, reason) => realClose(code, reason),
    };
    conns.add(conn);
    stats.connectionsTotal++;
    log(`connection #${conn.seq}: shard ${ident.shardIn ?? '?'}/${ident.shardTotal ?? '?'}`);
    ws.on('message', (data, isBinary) => {
      stats.framesReceived++;
      if (stopped || conn.readerDead || conn.halfOpen) {
        stats.framesIgnored++;
        return;
      }
      behaviour.onMessage(conn, data, isBinary);
    });
    const onControl = (kind: 'ping' | 'pong') => () => {
      stats.controlFramesReceived++;
      if (!conn.readerDead && !conn.halfOpen) behaviour.onControlFrame(conn, kind);
    };
    ws.on('ping', onControl('ping'));
    ws.on('pong', onControl('pong'));
    ws.on('error', (err) => log(`connection #${conn.seq}: socket error ${err.message}`));
    ws.on('close', () => {
      conns.delete(conn);
      for (const t of conn.timers) {
        clock.clearTimeout(t);
        timers.delete(t);
      }
      conn.timers.clear();
      conn.pushTimer = null;
    });
    behaviour.onConnection(conn);
  }

  function httpAnswer(socket: Duplex, a: HttpAnswer): void {
    stats.upgradesRejected++;
    socket.end(
      `HTTP/1.1 ${a.status} ${STATUS_CODES[a.status] ?? 'Error'}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(a.body)}\r\n` +
        'Connection: close\r\n\r\n' +
        a.body,
    );
    log(`upgrade rejected: ${a.status}`);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (stopped) return void socket.destroy();
    lastHeaders = allHeaders(req);
    const refusal = behaviour.checkUpgrade(req, pathOf(req.url));
    if (refusal) return httpAnswer(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, socket));
  }

  function onPlainRequest(req: IncomingMessage, res: ServerResponse): void {
    const a = behaviour.plainRequest(pathOf(req.url));
    res.writeHead(a.status, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(a.body);
  }

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // 0.2.2 never answers control frames: its reader dies on them (§2 "Framing").
    autoPong: !is022,
  });
  const server = createServer(onPlainRequest);
  server.on('upgrade', onUpgrade);
  server.on('connection', (socket: Socket) => {
    rawSockets.add(socket);
    socket.on('close', () => rawSockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log(`server error: ${err.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `ws://${urlHost(host)}:${port}${GATEWAY_PATH}`;

  control.set(options.scenario ?? 'steady');
  const tick = (): void => {
    control.tick();
    schedule(tick, scenarioTickMs);
  };
  schedule(tick, scenarioTickMs);

  async function stop(): Promise<void> {
    if (stopping) return stopping;
    stopped = true;
    stopping = (async () => {
      for (const t of [...timers]) clock.clearTimeout(t);
      timers.clear();
      const closed = [...conns].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === WebSocket.CLOSED) resolve();
            else c.ws.once('close', () => resolve());
          }),
      );
      for (const c of conns) c.ws.terminate();
      for (const s of rawSockets) s.destroy();
      wss.close();
      // terminate() always ends in 'close'; the guard only protects callers
      // from a `ws` bug turning stop() into a hang.
      let guard: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(closed),
        new Promise<void>((resolve) => {
          guard = setTimeout(resolve, 2000);
        }),
      ]);
      clearTimeout(guard);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log('stopped');
    })();
    return stopping;
  }

  function interactionMessage(data: Partial<SimInteraction>): Record<string, unknown> {
    const metadata = {
      id: random.alnum(18),
      type: 2,
      token: random.alnum(32),
      data: { name: 'ping' },
    };
    const payload: SimInteraction = {
      shard_id: 0,
      shard_total: 1,
      // The 0.2.2 server forwards `flag` 4 and the interaction in a one-item list (measured).
      flag: is022 ? 4 : 0,
      metadata_http: is022 ? [metadata] : metadata,
      ...data,
    };
    return is022
      ? { data: payload, event: GATEWAY_EVENTS.INTERACTION, service: 'http_gateway', type: 8 }
      : { type: 8, service: 'http_gateway', event: GATEWAY_EVENTS.INTERACTION, data: payload };
  }

  return {
    url,
    port,
    host,
    dialect,
    credentials: Object.freeze({ ...credentials }),
    stop,
    setShard(id, patch) {
      if (!isNonNegInt(id)) throw new RangeError(`shard id must be a non-negative integer: ${id}`);
      return { ...shards.patch(id, patch) };
    },
    setShardCount(n) {
      checkNumber('shard count', n, 0, 100_000);
      shards.resize(Math.floor(n));
      if (control.current() === 'dev-shards') control.set('dev-shards');
    },
    shards: () => shards.snapshot(),
    setScenario: (name) => control.set(name),
    scenario: () => control.current(),
    injectFault: (kind, faultOptions = {}) => control.inject(kind, faultOptions),
    sendInteraction(data = {}) {
      // The connection that registered last gets it, even a deaf one; a
      // closed one loses it (docs/protocol.md §2).
      const target = bot(credentials.botId).lastRegistered;
      if (target === 'outside') {
        stats.botInteractions++;
        return 1;
      }
      if (target !== null && send(target, interactionMessage(data))) {
        stats.interactionsSent++;
        return 1;
      }
      stats.interactionsLost++;
      return 0;
    },
    registerBot,
    pushShardInfo() {
      const targets = [...conns].filter((c) => c.accepted && c.registered && isLive(c));
      return targets.filter((c) => behaviour.pushShardInfo(c)).length;
    },
    stats: () => ({
      ...stats,
      framesByOpcode: { ...stats.framesByOpcode },
      readerKillReasons: [...stats.readerKillReasons],
      dialect,
      scenario: control.current(),
      connectionsOpen: conns.size,
      lastUpgradeHeaders: lastHeaders ? redactHeaders(lastHeaders) : null,
    }),
    rawLastUpgradeHeaders: () => (lastHeaders ? { ...lastHeaders } : null),
  };
}
