/**
 * A webhook POST at its edges: the asctime form of Retry-After read as GMT
 * whatever the computer's time zone, Discord's retry_after only as a finite
 * number, an answer of exactly 300 characters, status 300 (a redirect, not a
 * delivery), a request refused before it is sent, a body that breaks off,
 * and each network failure worded for the delivery log. Network failures
 * other than a refused connection cannot be made on loopback, so `fetch` is
 * replaced for those (and only those) tests.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { postToReceiver, retryAfterOf } from '../../../../electron/core/notify/http-post';
import type { PostOutcome } from '../../../../electron/core/notify/http-post';
import type { HttpReceiver, ReceiverAnswer } from '../../../support/http-receiver';
import { startReceiver } from '../../../support/http-receiver';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

const receivers: HttpReceiver[] = [];
const zone = process.env['TZ'];
afterEach(async () => {
  vi.restoreAllMocks();
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
  for (const r of receivers.splice(0)) await r.close();
});

async function answering(...answers: ReceiverAnswer[]): Promise<HttpReceiver> {
  const r = await startReceiver();
  receivers.push(r);
  r.queueAnswers(...answers);
  return r;
}

function post(url: string, headers: Record<string, string> = {}): Promise<PostOutcome> {
  return postToReceiver(
    { url, headers: { 'Content-Type': 'application/json', ...headers }, body: '{"hello":1}' },
    { timeoutMs: 10_000, scrub: (t) => t, nowWall: () => NOW },
  );
}

describe('Retry-After in the asctime form', () => {
  it('is GMT, also on a computer in another time zone', () => {
    for (const tz of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
      process.env['TZ'] = tz;
      expect(retryAfterOf('', 'Thu Nov 26 12:00:30 2026', NOW), tz).toBe(30_000);
      expect(retryAfterOf('', 'Thu Nov 26 13:00:00 2026', NOW), tz).toBe(3_600_000);
      // A one-digit day is padded with a blank.
      expect(retryAfterOf('', 'Tue Dec  1 12:00:00 2026', NOW), tz).toBe(5 * 86_400_000);
    }
  });
});

describe("Discord's retry_after", () => {
  it('counts only as a finite number of seconds; otherwise the header decides', () => {
    expect(retryAfterOf('{"retry_after":"5"}', null, NOW)).toBeNull();
    expect(retryAfterOf('{"retry_after":1e999}', null, NOW)).toBeNull();
    expect(retryAfterOf('{"retry_after":"5"}', '2', NOW)).toBe(2000);
    expect(retryAfterOf('null', '3', NOW)).toBe(3000);
    expect(retryAfterOf('[5]', '4', NOW)).toBe(4000);
    expect(retryAfterOf('{"retry_after":0}', '4', NOW)).toBe(0);
  });
});

describe('the answer a user sees', () => {
  it('an answer of exactly 300 characters is shown whole, without trailing blanks', async () => {
    const r = await answering(
      { status: 400, body: `${'y'.repeat(296)}\n\n` },
      { status: 400, body: '  spaced  \n' },
    );
    const whole = (await post(r.url('/'))).answer;
    expect(whole).toBe(`400 ${'y'.repeat(296)}`);
    expect(whole).toHaveLength(300);
    expect((await post(r.url('/'))).answer).toBe('400 spaced');
  });

  it('status 300 is a redirect: not delivered, given up, nothing followed', async () => {
    const r = await answering({ status: 300 });
    expect(await post(r.url('/'))).toMatchObject({
      ok: false,
      status: 300,
      permanent: true,
      answer:
        '300: the receiver redirects; Shardwatch sends only to the saved address, so check it',
    });
  });

  it('a body that breaks off still gives the status', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.error(new Error('connection reset'));
      },
    });
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response(broken, { status: 502 }));
    expect(await post('http://127.0.0.1:9/')).toEqual({
      ok: false,
      status: 502,
      answer: '502',
      retryAfterMs: null,
      permanent: false,
    });
  });
});

describe('a request that got no answer', () => {
  it('a request that cannot even be sent is a network error, not a crash', async () => {
    const r = await answering();
    const out = await post(r.url('/'), { 'X-Bad': 'line\nbreak' });
    expect(out).toEqual({
      ok: false,
      status: null,
      answer: 'network error',
      retryAfterMs: null,
      permanent: false,
    });
    expect(r.requests).toEqual([]);
  });

  it('words each network failure, with its code', async () => {
    const cases: Array<[string, string]> = [
      ['ECONNRESET', 'connection reset (ECONNRESET)'],
      ['ENOTFOUND', 'host not found (ENOTFOUND)'],
      ['EAI_AGAIN', 'host name lookup failed (EAI_AGAIN)'],
      ['ETIMEDOUT', 'connection timed out (ETIMEDOUT)'],
      ['EHOSTUNREACH', 'host unreachable (EHOSTUNREACH)'],
      ['CERT_HAS_EXPIRED', 'the TLS certificate has expired (CERT_HAS_EXPIRED)'],
      ['EPROTO', 'network error (EPROTO)'],
    ];
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    for (const [code, words] of cases) {
      fetchMock.mockRejectedValueOnce(new TypeError('fetch failed', { cause: { code } }));
      expect((await post('https://hooks.example.com/x')).answer, code).toBe(words);
    }
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed', { cause: { code: 42 } }));
    expect((await post('https://hooks.example.com/x')).answer).toBe('network error');
  });

  it('a request cut off by its time limit says how long it waited', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    );
    const out = await postToReceiver(
      { url: 'https://hooks.example.com/x', headers: {}, body: '' },
      { timeoutMs: 2_600, scrub: (t) => t, nowWall: () => NOW },
    );
    expect(out.answer).toBe('no answer within 3 s');
  });
});
