import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../../../electron/core/metrics/metrics';

const TOKEN = 'the-metrics-token-0123456789abcdef';

let server: Server | null = null;
let metrics: Metrics | null = null;

afterEach(async () => {
  metrics?.dispose();
  metrics = null;
  const s = server;
  server = null;
  if (s) await new Promise<void>((r) => s.close(() => r()));
});

/** A loopback server serving only the metrics endpoint (404 elsewhere). */
async function serve(): Promise<string> {
  const m = createMetrics({ token: TOKEN });
  metrics = m;
  m.observePing('p1', 12);
  m.observePing('p1', null);
  server = createServer((req, res) => {
    void m.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  const s = server;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function scrape(origin: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${origin}/metrics`, init);
}

describe('metrics endpoint authentication', () => {
  it('serves the figures to a scrape with the token, never cached', async () => {
    const origin = await serve();
    const res = await scrape(origin, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/shardwatch_pings_lost_total\{profile="p1",profile_id="p1"\} 1/);
    expect(text).toMatch(/shardwatch_ping_rtt_seconds_count\{profile="p1",profile_id="p1"\} 1/);
  });

  it('answers HEAD with the token with headers only', async () => {
    const origin = await serve();
    const res = await scrape(origin, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses a scrape without the token: 401, a Bearer challenge, no figures, not cached', async () => {
    const origin = await serve();
    for (const auth of [
      null,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN.slice(0, 10)}`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}0`,
    ]) {
      const res = await scrape(origin, auth === null ? {} : { headers: { Authorization: auth } });
      expect(res.status, `Authorization: ${auth}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="shardwatch-metrics"');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const body = await res.text();
      // It says where the token is, and gives nothing away.
      expect(body).toContain('metrics-token');
      expect(body).toContain('Authorization: Bearer');
      expect(body).not.toContain('shardwatch_');
      expect(body).not.toContain(TOKEN);
    }
  });

  it('serves only GET and HEAD: another method is refused, token or not, and gets no figures', async () => {
    const origin = await serve();
    for (const headers of [{ Authorization: `Bearer ${TOKEN}` }, {}]) {
      const res = await scrape(origin, { method: 'POST', headers, body: 'x' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const body = await res.text();
      expect(body).toMatch(/GET/);
      expect(body).not.toContain('shardwatch_');
    }
    // Other paths are left to the rest of the server.
    expect(
      (await fetch(`${origin}/other`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
  });

  it('refuses a HEAD without the token too', async () => {
    const origin = await serve();
    const res = await scrape(origin, { method: 'HEAD' });
    expect(res.status).toBe(401);
  });
});

describe('disturbed pings and throttles', () => {
  it('keeps disturbed answers out of the RTT histogram, counts them and throttles by reason', async () => {
    const m = createMetrics({ token: TOKEN });
    metrics = m;
    m.observePing('p1', 12);
    m.observePing('p1', 900, true);
    m.observePing('p1', 950, true);
    m.observePing('p1', null);
    m.observeThrottle('p1', 'ping-answers');
    m.observeThrottle('p1', 'ping-answers');
    m.observeThrottle('p1', 'frames');
    const text = await m.text();
    // Only the undisturbed 12 ms answer is timed: nothing above 25 ms.
    expect(text).toMatch(/^shardwatch_ping_rtt_seconds_count\{profile="p1",profile_id="p1"\} 1$/m);
    expect(text).toMatch(
      /^shardwatch_ping_rtt_seconds_bucket\{le="0\.5",profile="p1",profile_id="p1"\} 1$/m,
    );
    expect(text).toMatch(/^shardwatch_pings_disturbed_total\{profile="p1",profile_id="p1"\} 2$/m);
    expect(text).toMatch(/^shardwatch_pings_lost_total\{profile="p1",profile_id="p1"\} 1$/m);
    expect(text).toMatch(
      /^shardwatch_connection_throttles_total\{profile="p1",profile_id="p1",reason="answers"\} 2$/m,
    );
    expect(text).toMatch(
      /^shardwatch_connection_throttles_total\{profile="p1",profile_id="p1",reason="frames"\} 1$/m,
    );
    expect(text).not.toMatch(/reason="bytes"/);
  });

  const PROMTOOL = '/usr/bin/promtool';
  const havePromtool = existsSync(PROMTOOL);
  if (!havePromtool) console.warn(`skipping the promtool check: ${PROMTOOL} is missing`);
  it.skipIf(!havePromtool)('promtool accepts a scrape with the new counters', async () => {
    const m = createMetrics({ token: TOKEN });
    metrics = m;
    m.observePing('p1', 900, true);
    m.observeThrottle('p1', 'bytes');
    const r = spawnSync(PROMTOOL, ['check', 'metrics'], {
      input: await m.text(),
      encoding: 'utf8',
    });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });
});
