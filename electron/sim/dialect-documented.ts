/**
 * The simulator's `documented` dialect (docs/protocol.md §1): text JSON,
 * ping is type 3, register answers READY (or RESUME for a bot that had a
 * session), periodic `GATEWAY_SHARD_INFO` to registered clients, and the
 * bot's interactions routed to the connection that registered last, as the
 * one real server does.
 */
import { deriveServerBotFlags, GATEWAY_EVENTS } from '../../shared/protocol';
import type { Conn, HttpAnswer, JsonObject, SimContext, SimDialect } from './context';
import { errorBody, isNonNegInt } from './context';
import { isRecord } from '../../shared/validate';
import { nest, nestShardsConfig } from './shards';
import { decodeFrame } from './wire';

const SESSION_ID_LENGTH = 100;

/** Options of the documented dialect. */
export interface DocumentedOptions {
  requireIdentification: boolean;
  helloOnConnect: boolean;
  /** Period of shard-stats pushes to registered clients; 0 disables. */
  shardInfoIntervalMs: number;
}

/** Create the documented behaviour. */
export function createDocumented(ctx: SimContext, opts: DocumentedOptions): SimDialect {
  const { stats, credentials } = ctx;

  const gatewayMessage = (type: number, event: string, data: unknown): JsonObject => ({
    type,
    service: 'gateway',
    event,
    data,
  });

  const errorMessage = (message: string): JsonObject => ({
    type: 2,
    service: 'gateway',
    event: GATEWAY_EVENTS.ERROR,
    data: null,
    possible_error: true,
    message,
  });

  function sendShardInfo(conn: Conn): boolean {
    const ok = ctx.send(
      conn,
      gatewayMessage(1, GATEWAY_EVENTS.SHARD_INFO, nest(ctx.shards.snapshot())),
    );
    if (ok) stats.shardInfoSent++;
    return ok;
  }

  function startShardInfoPushes(conn: Conn): void {
    if (conn.pushTimer || opts.shardInfoIntervalMs <= 0) return;
    const tick = (): void => {
      conn.pushTimer = null;
      if (conn.halfOpen || conn.ws.readyState !== conn.ws.OPEN) return;
      sendShardInfo(conn);
      conn.pushTimer = ctx.schedule(tick, opts.shardInfoIntervalMs, conn);
    };
    conn.pushTimer = ctx.schedule(tick, opts.shardInfoIntervalMs, conn);
  }

  function register(conn: Conn, d: unknown): void {
    if (!isRecord(d)) return void ctx.send(conn, errorMessage('register needs the metadata "d"'));
    if (typeof d['public_key'] !== 'string')
      return void ctx.send(conn, errorMessage('register needs d.public_key'));
    if (opts.requireIdentification && d['public_key'] !== credentials.publicKey)
      return void ctx.send(conn, errorMessage('d.public_key does not match the identification'));
    if (!isNonNegInt(d['shard_in']))
      return void ctx.send(conn, errorMessage('register needs d.shard_in'));
    if (d['shard_in'] !== 0)
      return void ctx.send(
        conn,
        errorMessage('register must run on the shard master (shard_in 0)'),
      );
    if (!isNonNegInt(d['flags']))
      return void ctx.send(conn, errorMessage('d.flags must be a non-negative integer'));
    const state = ctx.bot(conn.botId);
    // A bot that already had a session gets RESUME with the same session (§1 "Other events").
    const resumed = state.sessionId !== null;
    if (!resumed) state.sessionId = ctx.random.alnum(SESSION_ID_LENGTH);
    state.registered = true;
    state.lastRegistered = conn;
    conn.registered = true;
    stats.registers++;
    if (resumed) stats.resumes++;
    ctx.send(
      conn,
      gatewayMessage(1, resumed ? GATEWAY_EVENTS.RESUME : GATEWAY_EVENTS.READY, {
        application_bot: {
          flags: deriveServerBotFlags(d['flags']),
          id: conn.botId,
          public_key: '[REDACTED]',
        },
        session_id: state.sessionId,
        shards_config: nestShardsConfig(0, conn.shardTotal),
        shards_stats: nest(ctx.shards.snapshot()),
      }),
    );
    ctx.log(`connection #${conn.seq}: registered (${resumed ? 'resume' : 'ready'})`);
    startShardInfoPushes(conn);
  }

  return {
    checkUpgrade: () => null,

    plainRequest: (): HttpAnswer => ({
      status: 426,
      body: errorBody(426, 'UPGRADE_REQUIRED', 'this endpoint only accepts WebSocket upgrades'),
    }),

    onConnection(conn) {
      if (opts.requireIdentification) {
        const { ident } = conn;
        const ok =
          ident.id === credentials.botId &&
          ident.secret === credentials.secret &&
          ident.publicKey === credentials.publicKey &&
          ident.shardIn !== undefined &&
          ident.shardTotal !== undefined;
        if (!ok) {
          stats.authRefused++;
          ctx.send(conn, {
            type: 0,
            service: 'gateway',
            event: GATEWAY_EVENTS.NO_IDENTIFIED,
            data: null,
            possible_error: true,
            message: 'identification refused: check Identification, Secret and Public-Key',
          });
          ctx.log(`connection #${conn.seq}: identification refused`);
          conn.closeFrame(1008, 'not identified');
          return;
        }
      }
      conn.accepted = true;
      if (opts.helloOnConnect)
        ctx.send(
          conn,
          gatewayMessage(1, GATEWAY_EVENTS.HELLO, { starting_shards: conn.shardIn === 0 }),
        );
    },

    onMessage(conn, data, isBinary) {
      const decoded = decodeFrame(data, isBinary);
      if (!decoded.ok)
        return void ctx.send(conn, errorMessage(`could not read frame: ${decoded.error}`));
      const msg = decoded.value;
      if (!isRecord(msg) || !isNonNegInt(msg['type']))
        return void ctx.send(conn, errorMessage('a command needs an integer "type"'));
      const type = msg['type'];
      ctx.countOpcode(type);
      if (type === 1) return register(conn, msg['d']);
      if (type === 3) {
        stats.pingsReceived++;
        // Like the real server: any connection of a bot that has registered.
        if (!conn.registered && !ctx.bot(conn.botId).registered) {
          stats.pingsUnanswered++;
          return void ctx.send(
            conn,
            errorMessage('ping before register: the bot has not registered yet'),
          );
        }
        return ctx.answerPing(conn);
      }
      ctx.send(conn, errorMessage(`unknown command type ${type}`));
    },

    onControlFrame: () => undefined,

    pushShardInfo: sendShardInfo,
  };
}
