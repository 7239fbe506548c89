/**
 * `shardwatch serve --metrics --log-format json` as a long-running service,
 * in a real child process: JSON log lines on stdout with no secret in them,
 * `/metrics` behind the bearer token, checked by the real `promtool`, scraped
 * by a real Prometheus server on loopback that then answers queries about the
 * running (Demo) profile, and a clean stop on SIGTERM with history written.
 * The Prometheus parts skip, saying why, where Debian's `prometheus` package
 * is not installed (`.ci/run` installs it).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const havePrometheus = existsSync(PROMETHEUS) && existsSync(PROMTOOL);
if (!havePrometheus)
  console.warn(
    `skipping the Prometheus checks: ${PROMETHEUS} or ${PROMTOOL} is missing (apt-get install prometheus)`,
  );

interface Child {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(cmd: string, args: string[]): Child {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const dataDir = makeTempDir('shardwatch-service-');
let serve: Child;
let origin = '';
let token = '';

beforeAll(async () => {
  serve = start(process.execPath, [
    'bin/shardwatch.js',
    'serve',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--metrics',
    '--log-format',
    'json',
  ]);
  const ready = await until('the "running" log line', () =>
    jsonLines(serve.out()).find((l) => l['msg'] === 'Shardwatch is running'),
  );
  origin = String(ready['origin']);
  token = readFileSync(join(dataDir, 'metrics-token'), 'utf8').trim();
}, 60_000);

afterAll(async () => {
  if (serve.child.exitCode === null && serve.child.pid) process.kill(serve.child.pid, 'SIGKILL');
  removeTempDir(dataDir);
});

async function scrape(auth: string | null): Promise<Response> {
  return fetch(`${origin}/metrics`, auth ? { headers: { Authorization: auth } } : {});
}

describe('serve as a service', () => {
  it('keeps the metrics token in a private file and refuses scrapes without it', async () => {
    expect(statSync(join(dataDir, 'metrics-token')).mode & 0o777).toBe(0o600);
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('Bearer wrong-token-of-some-length')).status).toBe(401);
    const ok = await scrape(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('exposes the profile, pings, shards and incidents under shardwatch_ names', async () => {
    const text = await until('a scrape with ping observations', async () => {
      const t = await (await scrape(`Bearer ${token}`)).text();
      // A ping answered while the machine was too loaded to time it is counted
      // as disturbed instead of in the histogram: either shows pings arrived.
      return /shardwatch_profile_up\{profile="Demo",profile_id="[^"]+"\} 1/.test(t) &&
        /shardwatch_(?:ping_rtt_seconds_count|pings_disturbed_total)\{[^}]+\} [1-9]/.test(t)
        ? t
        : undefined;
    });
    expect(text).toMatch(/^# TYPE shardwatch_ping_rtt_seconds histogram$/m);
    expect(text).toMatch(/shardwatch_shards\{profile="Demo",profile_id="[^"]+",state="up"\} 24/);
    expect(text).toMatch(/shardwatch_pings_lost_total/);
    expect(text).toMatch(
      /shardwatch_open_incidents\{profile="Demo",profile_id="[^"]+",severity="critical"\} 0/,
    );
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#')))
      expect(line).toMatch(/^shardwatch_/);
  });

  it.skipIf(!havePrometheus)('promtool accepts the example scrape config', () => {
    const dir = makeTempDir('shardwatch-promcfg-');
    try {
      const file = join(dir, 'prometheus.yml');
      // The example's token path, pointed at this run's data folder.
      writeFileSync(
        file,
        readFileSync('docs/prometheus.yml', 'utf8').replace(
          '/var/lib/shardwatch/metrics-token',
          join(dataDir, 'metrics-token'),
        ),
      );
      const r = spawnSync(PROMTOOL, ['check', 'config', file], { encoding: 'utf8' });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    } finally {
      removeTempDir(dir);
    }
  });

  it.skipIf(!havePrometheus)('promtool accepts a real scrape', async () => {
    const text = await (await scrape(`Bearer ${token}`)).text();
    const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!havePrometheus)(
    'a Prometheus server scrapes Shardwatch with the token file and answers queries',
    async () => {
      const dir = makeTempDir('shardwatch-prom-');
      const port = await freePort();
      const config = join(dir, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'global:',
          '  scrape_interval: 1s',
          'scrape_configs:',
          '  - job_name: shardwatch',
          '    authorization:',
          `      credentials_file: ${join(dataDir, 'metrics-token')}`,
          '    static_configs:',
          `      - targets: ['${new URL(origin).host}']`,
          '',
        ].join('\n'),
      );
      const prom = start(PROMETHEUS, [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ]);
      try {
        const query = async (q: string) => {
          const res = await fetch(
            `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`,
          ).catch(() => null);
          if (!res?.ok) return undefined;
          const doc = (await res.json()) as {
            data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
          };
          return doc.data.result.length > 0 ? doc.data.result : undefined;
        };
        const up = await until(
          'Prometheus to have scraped the Demo profile',
          () => query('shardwatch_profile_up == 1'),
          60_000,
        );
        expect(up[0]?.metric).toMatchObject({ job: 'shardwatch', profile: 'Demo' });
        // Every answered ping reaches Prometheus: timed ones in the RTT histogram, those
        // answered while the machine was too loaded to time them honestly in their own
        // counter (docs/architecture.md §3.11). On a loaded machine that can be all of them,
        // so the count is judged over both, and the quantile only when there are timed ones.
        const answered = await until('answered pings in Prometheus', async () => {
          const r = await query(
            '(sum(shardwatch_ping_rtt_seconds_count) or vector(0)) + (sum(shardwatch_pings_disturbed_total) or vector(0))',
          );
          return r && Number(r[0]?.value[1]) > 0 ? r : undefined;
        });
        expect(Number(answered[0]?.value[1])).toBeGreaterThan(0);
        const timed = await query('sum(shardwatch_ping_rtt_seconds_count)');
        if (timed && Number(timed[0]?.value[1]) > 1) {
          const p95 = await until('a ping latency quantile', () =>
            query(
              'histogram_quantile(0.95, sum by (le) (rate(shardwatch_ping_rtt_seconds_bucket[1m])))',
            ),
          );
          const v = Number(p95[0]?.value[1]);
          // NaN while the last minute held no timed answer; never zero or negative.
          expect(Number.isNaN(v) || v > 0).toBe(true);
        }
        const shards = await until('shards by state', () =>
          query('sum(shardwatch_shards{state="up"})'),
        );
        expect(shards[0]?.value[1]).toBe('24');

        // Every query of the shipped Grafana dashboard is valid PromQL over these metrics.
        const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as {
          panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
        };
        for (const panel of dashboard.panels)
          for (const t of panel.targets) {
            const expr = t.expr.replaceAll('$profile', '.*');
            const res = await fetch(
              `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}`,
            );
            const doc = (await res.json()) as { status: string; error?: string };
            expect({ panel: panel.title, status: doc.status, error: doc.error }).toEqual({
              panel: panel.title,
              status: 'success',
              error: undefined,
            });
          }
      } finally {
        if (prom.child.pid) process.kill(prom.child.pid, 'SIGTERM');
        await prom.exited;
        removeTempDir(dir);
      }
    },
    90_000,
  );

  it('stops cleanly on SIGTERM with history written, and logged nothing secret', async () => {
    const before = await until('pings in the history file', () => {
      // The service writes the file meanwhile: a busy moment is a retry, not a failure.
      try {
        const db = new DatabaseSync(join(dataDir, 'history.sqlite'), {
          readOnly: true,
          timeout: 2000,
        });
        try {
          const n = Number(
            (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n,
          );
          return n > 0 ? n : undefined;
        } finally {
          db.close();
        }
      } catch {
        return undefined;
      }
    });
    // Wait (on the service's own count, not a sleep) until it has taken more
    // pings than the file held: at least one is then only in memory at the signal.
    // Every ping is counted once: timed, lost or disturbed.
    await until('a ping the file does not hold yet', async () => {
      const t = await (await scrape(`Bearer ${token}`)).text();
      let taken = 0;
      const counts =
        /^shardwatch_(?:ping_rtt_seconds_count|pings_lost_total|pings_disturbed_total)\{[^}]*\} (\d+)$/gm;
      for (const m of t.matchAll(counts)) taken += Number(m[1]);
      return taken > before ? taken : undefined;
    });
    const pageToken =
      new URL(readFileSync(join(dataDir, 'serve-url'), 'utf8').trim()).searchParams.get('token') ??
      '';
    expect(pageToken.length).toBeGreaterThan(10);
    const stoppedAt = Date.now();
    if (serve.child.pid) process.kill(serve.child.pid, 'SIGTERM');
    expect(await serve.exited).toBe(0);
    const lines = jsonLines(serve.out());
    expect(lines.map((l) => l['msg']).slice(-2)).toEqual([
      'stopping: closing connections and writing history',
      'stopped',
    ]);
    for (const l of lines)
      expect(l).toMatchObject({
        time: expect.any(String),
        level: expect.stringMatching(/^(info|warn|error)$/),
      });
    const everything = serve.out() + serve.err();
    expect(everything).not.toContain(pageToken);
    expect(everything).not.toContain(token);

    const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
    try {
      // The open uptime span was closed at shutdown, not left at its last heartbeat.
      const span = db
        .prepare("SELECT max(end) AS end FROM uptime_spans WHERE state = 'up'")
        .get() as { end: number };
      expect(span.end).toBeGreaterThanOrEqual(stoppedAt - 1000);
      // Pings buffered in memory at the signal were written too.
      const samples = db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number };
      expect(Number(samples.n)).toBeGreaterThan(before);
    } finally {
      db.close();
    }
  });
});
