/**
 * One HTTP POST to a channel's receiver, and what its answer means for
 * delivery: delivered, retry later (how much later, honouring `429` with
 * Discord's `retry_after` or a `Retry-After` header), or give up. Redirects
 * are refused: a message is sent only to the address saved for it.
 */
import type { OutgoingRequest } from './payloads';

/** Longest answer text kept (before redaction and shortening). */
const MAX_ANSWER_BYTES = 4096;
/** Answer text shown in the UI and the delivery log. */
const SHOWN_ANSWER = 300;

/** What one attempt gave. */
export interface PostOutcome {
  ok: boolean;
  status: number | null;
  /** Status and the start of the body, or the network error; secrets removed. */
  answer: string;
  /** The receiver asked to wait this long (rate limit), or null. */
  retryAfterMs: number | null;
  /** Retrying will not help (the receiver refuses this request). */
  permanent: boolean;
}

/** `Retry-After` as delay-seconds: digits only (a decimal fraction is taken too). */
const DELAY_SECONDS = /^\d+(?:\.\d+)?$/;
/** The three HTTP-date forms (RFC 9110 §5.6.7) all open with the day's name. */
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;
/** asctime, the one form without a zone: it is GMT, not the local time `Date.parse` would assume. */
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

/**
 * Wait asked for by a 429 answer: Discord's JSON `retry_after` (seconds) or
 * `Retry-After` (seconds or an HTTP date). Anything else (`-5`, `soon`, a
 * bare number `Date.parse` would take for a year) is null, so the normal
 * backoff applies instead of an immediate retry.
 */
export function retryAfterOf(body: string, header: string | null, nowWall: number): number | null {
  try {
    const doc: unknown = JSON.parse(body);
    if (typeof doc === 'object' && doc !== null) {
      const v = (doc as Record<string, unknown>)['retry_after'];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.ceil(v * 1000);
    }
  } catch {
    // Not JSON: the header may still say.
  }
  if (header !== null) {
    const value = header.trim();
    if (DELAY_SECONDS.test(value)) return Math.ceil(Number(value) * 1000);
    const date = ASCTIME.test(value) ? `${value} GMT` : value;
    const at = HTTP_DATE.test(value) ? Date.parse(date) : NaN;
    if (Number.isFinite(at)) return Math.max(0, at - nowWall);
  }
  return null;
}

async function readSome(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SHOWN_ANSWER ? flat : `${flat.slice(0, SHOWN_ANSWER - 1)}…`;
}

function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  };
  if (code) return `${words[code] ?? 'network error'} (${code})`;
  return 'network error';
}

/**
 * POST `req`. Never throws. `scrub` removes the channel's secrets from the
 * answer (a receiver may echo the URL or a token back).
 */
export async function postToReceiver(
  req: OutgoingRequest,
  opts: {
    timeoutMs: number;
    scrub: (text: string) => string;
    nowWall: () => number;
    /** Aborts the request (shutdown). */
    signal?: AbortSignal;
  },
): Promise<PostOutcome> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: opts.signal
        ? AbortSignal.any([AbortSignal.timeout(opts.timeoutMs), opts.signal])
        : AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    return {
      ok: false,
      status: null,
      answer: opts.scrub(networkReason(err, opts.timeoutMs)),
      retryAfterMs: null,
      permanent: false,
    };
  }
  // A body that breaks off is an answer without text.
  const text = await readSome(res).catch(() => '');
  const status = res.status;
  const answer = oneLine(opts.scrub(`${status}${text ? ` ${text}` : ''}`));
  if (status >= 200 && status < 300)
    return { ok: true, status, answer, retryAfterMs: null, permanent: false };
  // Below 400 only redirects are left: fetch never ends on a 1xx answer.
  if (status < 400) {
    return {
      ok: false,
      status,
      answer: `${status}: the receiver redirects; Shardwatch sends only to the saved address, so check it`,
      retryAfterMs: null,
      permanent: true,
    };
  }
  const retryAfterMs =
    status === 429 || status === 503
      ? retryAfterOf(text, res.headers.get('retry-after'), opts.nowWall())
      : null;
  const transient = status === 408 || status === 425 || status === 429 || status >= 500;
  return { ok: false, status, answer, retryAfterMs, permanent: !transient };
}
