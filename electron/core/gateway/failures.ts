/**
 * What a failed connection attempt means, told apart as the real server
 * behaves (docs/protocol.md §4 "Close codes"): pure functions from what the
 * socket saw to a state kind, a sentence and a retry policy. The sentences
 * come from `shared/connection-text.ts`, so every screen uses the same words.
 */
import type { DialectSpec } from '../../../shared/dialects';
import type { Dialect } from '../../../shared/protocol';
import {
  chooseDialectInProfile,
  frameTooLarge,
  httpRefusal,
} from '../../../shared/connection-text';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { MAX_FRAME_BYTES } from './codec';
import { wireMaxPayload } from './socket';
import { isRecord } from '../../../shared/validate';
import type { StateKind } from './connection-types';
import { withoutStop } from '../../../shared/format';

/** How to go on after a failure: retry with backoff, wait the longest backoff, or stop. */
export type RetryPolicy = 'backoff' | 'max' | 'none';

/** A classified failure. */
export interface Failure {
  kind: StateKind;
  text: string;
  policy: RetryPolicy;
  httpStatus: number | null;
  suggestedDialect: Dialect | null;
}

/** `auth-refused` in the app's words. */
export function authRefusedDetail(say: Say = sayEnglish): string {
  return `${say('connection.credentialsRefused')} ${say('connection.refusedNoRetry')}`;
}

/** `auth-refused` in English (the CLI and tests). */
export const AUTH_REFUSED_DETAIL = authRefusedDetail();

/** Socket error codes with words of their own (`connection.unreachableWhy.*`). */
const UNREACHABLE_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
] as const;
type UnreachableCode = (typeof UNREACHABLE_CODES)[number];
const isUnreachableCode = (code: string): code is UnreachableCode =>
  (UNREACHABLE_CODES as readonly string[]).includes(code);

/** Error codes of a socket that went away under us without a close frame. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Build a {@link Failure}. */
export function failure(
  kind: StateKind,
  text: string,
  policy: RetryPolicy,
  extra: Partial<Pick<Failure, 'httpStatus' | 'suggestedDialect'>> = {},
): Failure {
  return {
    kind,
    text,
    policy,
    httpStatus: extra.httpStatus ?? null,
    suggestedDialect: extra.suggestedDialect ?? null,
  };
}

/** What the socket saw before it closed. */
export interface CloseFacts {
  spec: DialectSpec;
  /** URL as safe to show. */
  urlText: string;
  /** The WebSocket upgrade succeeded. */
  opened: boolean;
  /** Messages received on this socket. */
  messages: number;
  code: number;
  reason: string;
  error: (Error & { code?: string }) | null;
  /** The last `message` a `possible_error` frame carried. */
  serverSaid: string | null;
  /** The socket was waiting for the answer to the register request. */
  registering: boolean;
  /** The codec's frame limit on this socket (default `MAX_FRAME_BYTES`). */
  maxFrameBytes?: number;
}

/** `ws` refuses frames over its own limit (`wireMaxPayload` in `socket.ts`) by closing. */
const OVERSIZED = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

/**
 * Classify a socket close. Before any message the close code tells a
 * refusal from a crash (docs/protocol.md §2 "Connecting"): a close frame
 * without a status (1005) is how 0.2.2 refuses credentials; a socket dropped
 * without one (1006) or reset is a server that crashed or is misconfigured,
 * which a retry may fix.
 */
export function classifyClose(f: CloseFacts, say: Say = sayEnglish): Failure {
  const err = f.error;
  const url = f.urlText;
  if (!f.opened) {
    const code = err?.code ?? '';
    if (isUnreachableCode(code)) {
      const why = say(`connection.unreachableWhy.${code}`);
      return failure('unreachable', say('connection.unreachable', { url, why, code }), 'backoff');
    }
    const msg = err ? err.message : say('connection.closedWithCode', { code: f.code });
    const text = say('connection.couldNotConnect', { url, why: withoutStop(msg) });
    return failure('network', text, 'backoff');
  }
  if (err?.code === OVERSIZED) {
    // The size is not known past `ws`'s limit, only that it was over it.
    const limit = f.maxFrameBytes ?? MAX_FRAME_BYTES;
    const frame = frameTooLarge(wireMaxPayload(limit), limit, true, say);
    const what = say('connection.sentTooLarge', { frame });
    return f.registering
      ? failure('too-large', say('connection.registerAnswerUnreadable', { what }), 'none')
      : failure('too-large', say('connection.closedAfterTooLarge', { what }), 'backoff');
  }
  if (f.messages === 0) {
    if (f.spec.refusalCloseCode !== null && f.code === f.spec.refusalCloseCode)
      return failure('auth-refused', authRefusedDetail(say), 'none');
    if (f.code === 1005) {
      // The documented dialect refuses with a message; a bare close frame
      // right after the upgrade is how the 0.2.2 server does it.
      const advice = chooseDialectInProfile('http-interaction-0.2.2', say);
      return failure('wrong-dialect', say('connection.bareCloseLike022', { advice }), 'none', {
        suggestedDialect: 'http-interaction-0.2.2',
      });
    }
    if (f.code === 1006 || (err?.code !== undefined && RESET_CODES.has(err.code)))
      return failure('dropped', say('connection.droppedBeforeAnswer'), 'backoff');
  }
  const why = err
    ? say('connection.broke', { why: withoutStop(err.message) })
    : f.reason
      ? say('connection.serverClosedReason', { code: f.code, reason: f.reason })
      : say('connection.serverClosed', { code: f.code });
  const said = f.serverSaid ? ` ${say('connection.serverSaid', { message: f.serverSaid })}` : '';
  return failure(err ? 'network' : 'server-closed', `${why}${said}`, 'backoff');
}

/** The `message` of a JSON error body (the 0.2.2 server's shape), or null. */
export function serverMessageOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && typeof parsed['message'] === 'string') return parsed['message'];
  } catch {
    // Not JSON: the status line is all there is.
  }
  return null;
}

/**
 * Classify an HTTP answer instead of the upgrade. 5xx, 408 and 429 are
 * retried (408/429 after the longest backoff); any other status needs the
 * profile fixed first, so there is no loop.
 */
export function classifyHttp(
  status: number,
  statusText: string,
  body: string,
  say: Say = sayEnglish,
): Failure {
  const base = httpRefusal(status, statusText, serverMessageOf(body), say);
  if (status < 500 && status !== 408 && status !== 429)
    return failure('http-error', `${base} ${say('connection.fixAndReconnect')}`, 'none', {
      httpStatus: status,
    });
  return failure('http-error', base, status === 408 || status === 429 ? 'max' : 'backoff', {
    httpStatus: status,
  });
}

/**
 * Seconds to one decimal (`3`, `2.5`), as a number: a `{seconds}` parameter
 * is written in the language of whoever words the sentence (the engine's
 * translator, `shared/i18n/translator.ts`), so "2,5 s" in Portuguese even
 * when the sentence is made in a connection's worker thread, which has no
 * locale (docs/architecture.md §4).
 */
export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** A phase deadline that passed. */
export function phaseTimeout(
  phase: 'connecting' | 'handshaking' | 'registering',
  urlText: string,
  ms: number,
  say: Say = sayEnglish,
): Failure {
  const s = seconds(ms);
  const text =
    phase === 'connecting'
      ? say('connection.noUpgradeAnswer', { url: urlText, seconds: s })
      : phase === 'handshaking'
        ? say('connection.noHello', { seconds: s })
        : say('connection.noRegisterAnswer', { seconds: s });
  return failure('timeout', text, 'backoff');
}
