/**
 * The one home of the sentences that say what happened to a gateway
 * connection (docs/protocol.md §4). The connection, `shardwatch probe`, the
 * profile editor's "Test connection" and "Detect", the overview and the
 * incidents all use these, so a user reads the same words wherever a failure
 * shows up. Pure strings and string builders; never given a secret.
 */
import type { Dialect } from './protocol';

/** Credentials refused: a 1005 right after the upgrade (0.2.2) or an identification refusal. */
export const CREDENTIALS_REFUSED =
  'The gateway refused the credentials (bot id, secret or public key).';

/** What Shardwatch does after a refusal, for the app (the probe says which flags to check). */
export const REFUSED_NO_RETRY =
  'Check them in the profile; Shardwatch does not retry until you change them or press Reconnect.';

/** A socket dropped without a close frame (1006) or reset before any message. */
export const DROPPED_BEFORE_ANSWER =
  'The gateway dropped the connection before answering (it may have crashed or be misconfigured).';

/** Short state label of the waiting state. */
export const WAITING_LABEL = 'Waiting for the bot';

/**
 * HELLO came (the credentials are good) but pings get no answer: the gateway
 * answers them only once the bot id has registered since it started.
 */
export const WAITING_FOR_BOT =
  'Waiting for the bot to register with this gateway: the gateway accepted the credentials, ' +
  'but it answers pings only once the bot has registered since the gateway started.';

/**
 * What answered pings prove in ping-only mode. The 0.2.2 server forgets
 * nothing on disconnect, so this is all they prove; say exactly this.
 */
export const PINGS_ANSWERED_MEANING =
  'The gateway is alive and the bot registered at some point since the gateway started.';

/** Ping-only mode is why no shard stats show (the documented dialect). */
export const PING_ONLY_NO_STATS =
  'Ping only: Shardwatch does not register, so the gateway sends no shard stats.';

/**
 * `frame too large (N bytes, limit M)`: the words for an oversized frame.
 * `over` when only a lower bound of the size is known.
 */
export function frameTooLarge(bytes: number, limit: number, over = false): string {
  return `frame too large (${over ? 'over ' : ''}${bytes} bytes, limit ${limit})`;
}

/** An HTTP status instead of the WebSocket upgrade, with the server's own `message` when it gave one. */
export function httpRefusal(status: number, statusText: string, serverMessage: string | null) {
  const said = serverMessage ? `: ${serverMessage}` : '.';
  return `The gateway refused the WebSocket upgrade with HTTP ${status}${statusText ? ` ${statusText}` : ''}${said}`;
}

const DIALECT_NAMES: Record<Dialect, string> = {
  documented: 'a documented-protocol gateway',
  'http-interaction-0.2.2': 'an http-interaction 0.2.2 gateway',
};

/**
 * A failure that fits the other dialect names it. `how` says what to change
 * in this context (the profile's dialect, or the probe's `--dialect`).
 */
export function looksLike(dialect: Dialect, how: string): string {
  return `This looks like ${DIALECT_NAMES[dialect]}: ${how}`;
}

/** The app's advice with {@link looksLike}: pick the dialect in the editor. */
export function chooseDialectInProfile(dialect: Dialect): string {
  return looksLike(
    dialect,
    `choose the dialect "${dialect}" in the profile, or press Detect there.`,
  );
}
