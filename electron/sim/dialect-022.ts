/**
 * The simulator's `http-interaction-0.2.2` dialect: the real server's
 * behaviour as measured (docs/protocol.md §2), quirks included, because the
 * tests that run against the simulator must learn what the real server
 * would teach them. The differential conformance suite
 * (test/integration/conformance/) runs the same scenarios against both.
 */
import {
  IDENTIFICATION_HEADERS,
  deriveServerBotFlags,
  GATEWAY_EVENTS,
} from '../../shared/protocol';
import type { Conn, HttpAnswer, JsonObject, SimContext, SimDialect } from './context';
import { errorBody, isNonNegInt } from './context';
import { isRecord } from '../../shared/validate';
import { nest, nestShardsConfig } from './shards';
import { decodeFrame } from './wire';

const GATEWAY_PATHS = new Set(['/gateway', '/gateway/']);
const SESSION_ID_LENGTH = 85;
/** `shard_hash` of a shard registered with type 3 (measured: 15 characters). */
const SHARD_HASH_LENGTH = 15;
const REQUIRED_HEADERS = [
  IDENTIFICATION_HEADERS.id,
  IDENTIFICATION_HEADERS.secret,
  IDENTIFICATION_HEADERS.publicKey,
  IDENTIFICATION_HEADERS.shardIn,
  IDENTIFICATION_HEADERS.shardTotal,
] as const;

const REJECTED: HttpAnswer = {
  status: 500,
  body: errorBody(
    500,
    'UNHANDLED_REJECTION',
    'Your request was rejected and therefore the API was unable to process your request.',
  ),
};
const NOT_FOUND: HttpAnswer = {
  status: 404,
  body: errorBody(404, 'NOT_FOUND', 'Could not find route'),
};

/** Rust's `usize::from_str`: optional `+`, decimal digits, no overflow past 2^64. */
function parseUsize(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const m = /^\+?(\d+)$/.exec(raw.trim());
  if (!m || (m[1] ?? '').length > 19) return null;
  return Number(m[1]);
}

/**
 * The server's authentication, as measured: a score, not three checks. The
 * `Identification` header must equal the bot id as a whole; then +1 for the
 * right secret, +1 for each space-separated token of `Public-Key` equal to
 * the key, and +2 for each token at all when the id matched. Accepted above
 * 3. So a right id and any `Public-Key` with a space inside pass whatever the
 * secret (docs/protocol.md §2 "Authentication").
 */
export function authScore(
  expected: { botId: string; secret: string; publicKey: string },
  got: { id?: string; secret?: string; publicKey?: string },
): number {
  const tokens = (got.publicKey ?? '').split(' ');
  const idOk = got.id === expected.botId;
  let score = got.secret === expected.secret ? 1 : 0;
  for (const t of tokens) {
    if (t === expected.publicKey) score += 1;
    if (idOk) score += 2;
  }
  return score;
}

/** Create the 0.2.2 behaviour; `misconfigured` drops every connection (no `KEY_SECRET`). */
export function createDialect022(ctx: SimContext, misconfigured: boolean): SimDialect {
  const { stats } = ctx;

  function message(type: number, event: string, data: unknown, envelope = false): JsonObject {
    // HELLO carries the full envelope; READY, PING and SHARD_INFO do not (measured).
    return envelope
      ? {
          data,
          event,
          message: '',
          possible_error: false,
          rate_limit: true,
          service: 'gateway',
          type,
        }
      : { data, event, service: 'gateway', type };
  }

  /** The socket goes away without a close frame: the client sees 1006. */
  function drop(conn: Conn, why: string): void {
    stats.dropped++;
    ctx.log(`connection #${conn.seq}: dropped without a close frame (${why})`);
    conn.ws.terminate();
  }

  /** A close frame without a status: the client sees 1005. */
  function refuse(conn: Conn, why: string): void {
    ctx.log(`connection #${conn.seq}: closed without a status (${why})`);
    conn.closeFrame();
  }

  /**
   * The reader task dies. Before this connection registered the socket is
   * then dropped; after, it stays open and deaf (docs/protocol.md §2 "How
   * connections die").
   */
  function readerDies(conn: Conn, reason: string): void {
    ctx.killReader(conn, reason);
    if (!conn.registered) drop(conn, `reader died: ${reason}`);
  }

  function register(conn: Conn, d: JsonObject): void {
    const state = ctx.bot(conn.botId);
    conn.registered = true;
    state.registered = true;
    state.lastRegistered = conn;
    state.sessionId = ctx.random.alnum(SESSION_ID_LENGTH);
    stats.registers++;
    const flags = isNonNegInt(d['flags']) ? d['flags'] : 0;
    ctx.send(
      conn,
      message(1, GATEWAY_EVENTS.READY, {
        application_bot: {
          flags: deriveServerBotFlags(flags),
          id: conn.botId,
          public_key: '[REDACTED]',
        },
        session_id: state.sessionId,
        shards_config: nestShardsConfig(conn.shardIn, conn.shardTotal),
        // This server never fills shards_stats (docs/protocol.md §2 "Opcodes").
        shards_stats: nest([]),
      }),
    );
    ctx.log(`connection #${conn.seq}: registered; the bot's interactions now come here`);
  }

  /** Type 1: honoured on the master when `d.flags` is there; its fields are typed strictly. */
  function onRegister(conn: Conn, d: unknown): void {
    if (conn.shardIn !== 0 || !isRecord(d) || !('flags' in d)) return;
    if (!isNonNegInt(d['flags'])) return readerDies(conn, 'd.flags is not a non-negative integer');
    if ('encode' in d && typeof d['encode'] !== 'boolean')
      return readerDies(conn, 'd.encode is not a boolean');
    // The server reads `decode` through `encode`: `decode` alone kills it.
    if ('decode' in d && !('encode' in d)) return readerDies(conn, 'd.decode without d.encode');
    register(conn, d);
  }

  /** Type 3: register a shard, once the bot has registered. */
  function onShard(conn: Conn, d: unknown): void {
    if (!ctx.bot(conn.botId).registered || !isRecord(d)) return;
    if (!('public_key' in d) || !('shard_id' in d)) return;
    if (typeof d['public_key'] !== 'string')
      return readerDies(conn, 'd.public_key is not a string');
    const shardId = d['shard_id'];
    if (!isNonNegInt(shardId)) return readerDies(conn, 'd.shard_id is not a non-negative integer');
    if (d['public_key'] !== conn.ident.publicKey || ctx.shards.has(shardId)) return;
    ctx.shards.add(shardId, SHARD_HASH_LENGTH);
    stats.type3Registrations++;
    ctx.log(`connection #${conn.seq}: registered shard ${shardId} via opcode 3`);
    if (ctx.send(conn, message(1, GATEWAY_EVENTS.SHARD_INFO, nest(ctx.shards.snapshot(), 4))))
      stats.shardInfoSent++;
  }

  return {
    checkUpgrade(req, path) {
      if (!GATEWAY_PATHS.has(path)) return NOT_FOUND;
      // A missing header fails the upgrade itself (docs/protocol.md §2).
      for (const name of REQUIRED_HEADERS)
        if (req.headers[name.toLowerCase()] === undefined) return REJECTED;
      return null;
    },

    plainRequest(path) {
      if (GATEWAY_PATHS.has(path)) return REJECTED;
      if (path === '/')
        return {
          status: 200,
          body: JSON.stringify({ error: false, message: 'Not found!', status_code: 404 }),
        };
      return NOT_FOUND;
    },

    onConnection(conn) {
      // The real server's reader never answers a close frame: it dies on it
      // (before a register the socket is dropped, after it stays open, deaf).
      // `ws` would echo the close frame, so its `close` is replaced here.
      conn.ws.close = () => readerDies(conn, 'close frame');
      if (misconfigured) return drop(conn, 'started without its configuration');
      const shardIn = parseUsize(conn.ident.shardIn);
      const shardTotal = parseUsize(conn.ident.shardTotal);
      // The header parse panics the upgrade task: no close frame.
      if (shardIn === null || shardTotal === null) return drop(conn, 'unparsable shard header');
      conn.shardIn = shardIn;
      conn.shardTotal = shardTotal;
      if (authScore(ctx.credentials, conn.ident) <= 3) {
        stats.authRefused++;
        return refuse(conn, 'identification refused');
      }
      if (shardIn > shardTotal) {
        // The queued "too many shards" message is never delivered.
        stats.shardRefused++;
        return refuse(conn, 'Shard-In > Shard-Total');
      }
      if (shardIn > 0 && !ctx.bot(conn.botId).registered) {
        stats.shardRefused++;
        return drop(conn, 'a shard before the bot registered');
      }
      conn.accepted = true;
      ctx.send(conn, message(1, GATEWAY_EVENTS.HELLO, { starting_shards: shardIn === 0 }, true));
    },

    onMessage(conn, data, isBinary) {
      // The reader only understands gzip binary frames holding JSON (docs/protocol.md §2 "Framing").
      if (!isBinary) return readerDies(conn, 'a text frame');
      const decoded = decodeFrame(data, isBinary, 'gzip');
      if (!decoded.ok) return readerDies(conn, decoded.error);
      const msg = decoded.value;
      // JSON that is not a command (an array, a string, a bad `type`) is ignored.
      if (!isRecord(msg) || !isNonNegInt(msg['type'])) return;
      const type = msg['type'];
      ctx.countOpcode(type);
      switch (type) {
        case 1:
          return onRegister(conn, msg['d']);
        case 2:
          stats.pingsReceived++;
          // Answered for any connection once the bot id has registered since start.
          if (ctx.bot(conn.botId).registered) ctx.answerPing(conn);
          else stats.pingsUnanswered++;
          return;
        case 3:
          return onShard(conn, msg['d']);
        default:
          // 4, 5 and 6 are accepted without an answer; unknown opcodes too.
          return;
      }
    },

    onControlFrame(conn, kind) {
      // The reader feeds control frames to its gzip decoder, which fails.
      readerDies(conn, `control frame (${kind})`);
    },

    pushShardInfo: () => false,
  };
}
