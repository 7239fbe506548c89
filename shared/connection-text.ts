/**
 * The one home of the sentences that say what happened to a gateway
 * connection (docs/protocol.md §4). The connection, `shardwatch probe`, the
 * profile editor's "Test connection" and "Detect", the overview and the
 * incidents all use these, so a user reads the same words wherever a failure
 * shows up. The words live in the engine catalogues (`shared/i18n/`); the
 * builders take the translator's `say` (English when none is given). The
 * constants are the English words, for the CLI and tests. Never given a secret.
 */
import type { Dialect } from './protocol';
import engineEn from './i18n/engine-en';
import { sayEnglish, type Say } from './i18n/translator';

const words = engineEn.connection;

/** Credentials refused: a 1005 right after the upgrade (0.2.2) or an identification refusal. */
export const CREDENTIALS_REFUSED = words.credentialsRefused;

/** What Shardwatch does after a refusal, for the app (the probe says which flags to check). */
export const REFUSED_NO_RETRY = words.refusedNoRetry;

/** A socket dropped without a close frame (1006) or reset before any message. */
export const DROPPED_BEFORE_ANSWER = words.droppedBeforeAnswer;

/**
 * HELLO came (the credentials are good) but pings get no answer: the gateway
 * answers them only once the bot id has registered since it started.
 */
export const WAITING_FOR_BOT = words.waitingForBot;

/**
 * What answered pings prove in ping-only mode. The 0.2.2 server forgets
 * nothing on disconnect, so this is all they prove; say exactly this.
 */
export const PINGS_ANSWERED_MEANING = words.pingsAnsweredMeaning;

/** Ping-only mode is why no shard stats show (the documented dialect). */
export const PING_ONLY_NO_STATS = words.pingOnlyNoStats;

/**
 * `frame too large (N bytes, limit M)`: the words for an oversized frame.
 * `over` when only a lower bound of the size is known.
 */
export function frameTooLarge(bytes: number, limit: number, over = false, say = sayEnglish) {
  return say(over ? 'connection.frameTooLargeOver' : 'connection.frameTooLarge', {
    bytes,
    limit,
  });
}

/** An HTTP status instead of the WebSocket upgrade, with the server's own `message` when it gave one. */
export function httpRefusal(
  status: number,
  statusText: string,
  serverMessage: string | null,
  say: Say = sayEnglish,
): string {
  const code = `${status}${statusText ? ` ${statusText}` : ''}`;
  return serverMessage
    ? say('connection.httpRefusalSaid', { status: code, message: serverMessage })
    : say('connection.httpRefusal', { status: code });
}

/**
 * A failure that fits the other dialect names it. `how` says what to change
 * in this context (the profile's dialect, or the probe's `--dialect`).
 */
export function looksLike(dialect: Dialect, how: string, say: Say = sayEnglish): string {
  const gateway = say(
    dialect === 'documented'
      ? 'connection.dialectName.documented'
      : 'connection.dialectName.http022',
  );
  return say('connection.looksLike', { gateway, how });
}

/** The app's advice with {@link looksLike}: pick the dialect in the editor. */
export function chooseDialectInProfile(dialect: Dialect, say: Say = sayEnglish): string {
  return looksLike(dialect, say('connection.chooseDialect', { dialect }), say);
}
