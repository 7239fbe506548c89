/**
 * One POST to a receiver on loopback and what its answer means for
 * delivery: delivered, retried (after how long) or given up, with the
 * answer shown as one short line and the channel's secrets removed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postToReceiver, retryAfterOf } from '../../../../electron/core/notify/http-post';
import type { PostOutcome } from '../../../../electron/core/notify/http-post';
import type { HttpReceiver, ReceiverAnswer } from '../../../support/http-receiver';
import { startReceiver } from '../../../support/http-receiver';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

async function answering(...answers: ReceiverAnswer[]): Promise<HttpReceiver> {
  const r = await startReceiver();
  receivers.push(r);
  r.queueAnswers(...answers);
  return r;
}

function post(
  url: string,
  over: { scrub?: (t: string) => string; signal?: AbortSignal } = {},
): Promise<PostOutcome> {
  return postToReceiver(
    { url, headers: { 'Content-Type': 'application/json' }, body: '{"hello":1}' },
    {
      timeoutMs: 10_000,
      scrub: over.scrub ?? ((t) => t),
      nowWall: () => NOW,
      ...(over.signal ? { signal: over.signal } : {}),
    },
  );
}

describe('wait asked for by a rate limit', () => {
  it("takes Discord's retry_after (seconds) from the body first, rounded up to whole ms", () => {
    expect(retryAfterOf('{"retry_after": 2.5}', '60', NOW)).toBe(2500);
    expect(retryAfterOf('{"retry_after": 0.0001}', null, NOW)).toBe(1);
    expect(retryAfterOf('{"retry_after": 0}', null, NOW)).toBe(0);
  });

  it('falls back to the Retry-After header when the body says nothing usable', () => {
    for (const body of ['slow down', '{"retry_after": -1}', '{"retry_after": "2"}', 'null', '[]'])
      expect(retryAfterOf(body, ' 30 ', NOW), body).toBe(30_000);
    expect(retryAfterOf('', '0.25', NOW)).toBe(250);
  });

  it('reads an HTTP date in Retry-After as the time left, never negative', () => {
    expect(retryAfterOf('', new Date(NOW + 42_000).toUTCString(), NOW)).toBe(42_000);
    expect(retryAfterOf('', new Date(NOW - 42_000).toUTCString(), NOW)).toBe(0);
  });

  it('is null for a negative or garbled Retry-After, so the normal backoff applies', () => {
    for (const header of ['-5', '-0.5', '5 seconds', '1e3', '0x10', '', 'Tomorrow 10:00']) {
      expect(retryAfterOf('', header, NOW), header).toBeNull();
    }
    expect(retryAfterOf('{"retry_after": -5}', '-5', NOW)).toBeNull();
  });

  it('reads all three HTTP date forms', () => {
    const at = new Date(NOW + 42_000);
    const [day, date, month, year, time] = at.toUTCString().split(' ') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const longDay = at.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
    const rfc850 = `${longDay}, ${date}-${month}-${year.slice(2)} ${time} GMT`;
    const asctime = `${day.replace(',', '')} ${month} ${String(at.getUTCDate()).padStart(2, ' ')} ${time} ${year}`;
    for (const header of [at.toUTCString(), rfc850, asctime]) {
      expect(retryAfterOf('', header, NOW), header).toBe(42_000);
    }
  });

  it('is null when neither says how long', () => {
    expect(retryAfterOf('', null, NOW)).toBeNull();
    expect(retryAfterOf('{}', 'soon', NOW)).toBeNull();
  });
});

describe('a POST and its answer', () => {
  it('delivers on any 2xx and shows the status with the start of the body', async () => {
    const r = await answering({ status: 200, body: '{"id":"abc"}' }, { status: 204 });
    expect(await post(r.url('/hook'))).toEqual({
      ok: true,
      status: 200,
      answer: '200 {"id":"abc"}',
      retryAfterMs: null,
      permanent: false,
    });
    expect(await post(r.url('/hook'))).toMatchObject({ ok: true, status: 204, answer: '204' });
    expect(r.requests[0]).toMatchObject({ method: 'POST', path: '/hook', body: '{"hello":1}' });
  });

  it('never follows a redirect: it is refused for good, and the other address gets nothing', async () => {
    const other = await answering();
    const r = await answering({ status: 307, headers: { Location: other.url('/elsewhere') } });
    const out = await post(r.url('/hook'));
    expect(out).toMatchObject({ ok: false, status: 307, permanent: true, retryAfterMs: null });
    expect(out.answer).toMatch(/^307: /);
    expect(other.requests).toEqual([]);
  });

  it('gives up on a refusal (4xx) but retries a timeout, a rate limit and a server error', async () => {
    const permanent = [400, 401, 403, 404, 410, 422];
    const transient = [408, 425, 429, 500, 502, 503];
    const r = await answering(...[...permanent, ...transient].map((status) => ({ status })));
    for (const status of permanent)
      expect(await post(r.url('/')), `${status}`).toMatchObject({ status, permanent: true });
    for (const status of transient)
      expect(await post(r.url('/')), `${status}`).toMatchObject({ status, permanent: false });
  });

  it('honours the wait of a 429 or a 503, and only theirs', async () => {
    const r = await answering(
      { status: 429, body: '{"retry_after": 1.5}' },
      { status: 503, headers: { 'Retry-After': '7' } },
      { status: 500, headers: { 'Retry-After': '7' } },
    );
    expect((await post(r.url('/'))).retryAfterMs).toBe(1500);
    expect((await post(r.url('/'))).retryAfterMs).toBe(7000);
    expect((await post(r.url('/'))).retryAfterMs).toBeNull();
  });

  it('shows the answer as one line of at most 300 characters, secrets removed', async () => {
    const secretPath = '/hooks/Zq8Pw2Lm9x';
    const r = await answering(
      { status: 400, body: `bad\n\t token   for ${secretPath}` },
      { status: 400, body: 'x'.repeat(1000) },
    );
    const scrub = (t: string) => t.split(secretPath).join('[REDACTED]');
    expect((await post(r.url(secretPath), { scrub })).answer).toBe('400 bad token for [REDACTED]');
    const long = (await post(r.url('/'))).answer;
    expect(long).toHaveLength(300);
    expect(long).toBe(`400 ${'x'.repeat(295)}…`);
  });

  it('says why a request got no answer: refused, or none in time', async () => {
    const r = await answering();
    const url = r.url('/gone');
    await r.down();
    expect(await post(url)).toEqual({
      ok: false,
      status: null,
      answer: 'connection refused (ECONNREFUSED)',
      retryAfterMs: null,
      permanent: false,
    });
    const up = await answering();
    const aborted = await post(up.url('/'), { signal: AbortSignal.abort() });
    expect(aborted).toMatchObject({ ok: false, status: null, permanent: false });
    expect(aborted.answer).toBe('no answer within 10 s');
  });

  it('removes secrets from a network error too', async () => {
    const r = await answering();
    const url = r.url('/');
    await r.down();
    const out = await post(url, { scrub: (t) => t.replace('ECONNREFUSED', '[REDACTED]') });
    expect(out.answer).toBe('connection refused ([REDACTED])');
  });
});
