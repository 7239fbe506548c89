/**
 * `shardwatch probe` run in-process against the real simulator on loopback,
 * for both dialects, with canary secrets scanned for in everything printed.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runProbeCli } from '../../../electron/cli/probe';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import type { Dialect } from '../../../shared/protocol';

const SECRET = 'SECRET-canary-probe-5d1e07';
const PUBLIC_KEY = 'PUBKEY-canary-probe-c4a9f2';
const BOT_ID = '424242424242';
const ENV = { SHARDWATCH_SECRET: SECRET, SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY };

let sim: SimulatorHandle | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function startSim(dialect: Dialect, extra: SimulatorOptions = {}): Promise<SimulatorHandle> {
  sim = await createSimulator({
    dialect,
    port: 0,
    credentials: { botId: BOT_ID, secret: SECRET, publicKey: PUBLIC_KEY },
    random: 7,
    ...extra,
  });
  return sim;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function probe(argv: string[], env: Record<string, string | undefined> = ENV): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProbeCli(argv, {
    env,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  });
  const run = { code, stdout: out.join('\n'), stderr: err.join('\n') };
  // Whatever happened, neither secret is ever printed (docs/architecture.md §3.7).
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PUBLIC_KEY);
  }
  return run;
}

/** The one JSON object `--json` prints. */
function parseJson(run: Run): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

function fast(url: string, dialect: Dialect, more: string[] = []): string[] {
  return [url, '--dialect', dialect, '--id', BOT_ID, '--count', '3', '--interval', '10', ...more];
}

describe('shardwatch probe: success', () => {
  it('documented: exit 0, READY facts, every shard field, one RTT per ping', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'documented', ['--json']));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = parseJson(run);
    expect(json['exitCode']).toBe(0);
    expect(json['error']).toBeNull();
    const ready = json['ready'] as Record<string, unknown>;
    expect(ready['botId']).toBe(BOT_ID);
    expect(ready['event']).toBe('GATEWAY_READY');
    expect(ready['shardsConfig']).toEqual([[0, 1]]);
    // Only the short form of the session id leaves the connection.
    expect(String(ready['sessionIdShort']).length).toBeLessThanOrEqual(13);
    expect(ready).not.toHaveProperty('sessionId');
    const pings = json['pings'] as Array<Record<string, unknown>>;
    expect(pings).toHaveLength(3);
    for (const p of pings) {
      expect(p['lost']).toBe(false);
      expect(typeof p['rttMs']).toBe('number');
    }
    const stats = json['stats'] as Record<string, unknown>;
    expect(stats['lost']).toBe(0);
    expect(stats['lossPercent']).toBe(0);
    expect(typeof stats['p99Ms']).toBe('number');
    const shards = json['shards'] as Record<string, unknown>;
    expect(shards['reportsShardStats']).toBe(true);
    const list = shards['list'] as Array<Record<string, unknown>>;
    expect(list.map((x) => x['shard_id'])).toEqual([0, 1, 2, 3]);
    for (const field of [
      'shard_hash',
      'development',
      'disconnected',
      'send_ping',
      'receibe_ping',
      'sending',
      'received',
    ]) {
      expect(list[0]).toHaveProperty(field);
    }
    const events = json['events'] as Record<string, unknown>;
    expect(events['protocolErrors']).toBe(0);
    expect(events['unknownEvents']).toBe(0);
    expect(json['hello']).toEqual({ startingShards: true });
  });

  it('documented, text: HELLO, READY, shard table, each RTT and the summary', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'documented'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HELLO: starting_shards true');
    expect(run.stdout).toMatch(/READY: GATEWAY_READY, bot 424242424242, flags 1, session \S+…\S+/);
    expect(run.stdout).toMatch(
      /shard_id\s+shard_hash\s+development\s+disconnected\s+send_ping\s+receibe_ping\s+sending\s+received/,
    );
    expect(run.stdout).toMatch(/ping 1\/3: \d+\.\d{1,2} ms/);
    expect(run.stdout).toMatch(/RTT: min .* p50 .* p95 .* p99 .* max .*; loss 0\.0 % \(0 of 3\)/);
    expect(run.stdout).toContain('Result: OK (exit 0)');
  });

  it('http-interaction 0.2.2: exit 0 and "does not report shard stats"', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'http-interaction-0.2.2', ['--json']));
    expect(run.code).toBe(0);
    const json = parseJson(run);
    expect((json['ready'] as Record<string, unknown>)['botId']).toBe(BOT_ID);
    expect(json['pings']).toHaveLength(3);
    expect((json['shards'] as Record<string, unknown>)['reportsShardStats']).toBe(false);
    // Pinged with opcode 2 over gzip: the simulator's strict reader survived.
    expect(s.stats().readerKilled).toBe(0);
    expect(s.stats().pingsAnswered).toBe(3);

    const text = await probe(fast(s.url, 'http-interaction-0.2.2', ['--count', '1']));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Shards: this server does not report shard stats');
  });
});

describe('shardwatch probe: failures and exit codes', () => {
  it('wrong secret on 0.2.2 (silent close) → 4', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'http-interaction-0.2.2', ['--json']), {
      SHARDWATCH_SECRET: 'wrong-secret-canary',
      SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY,
    });
    expect(run.code).toBe(4);
    expect(run.stdout).not.toContain('wrong-secret-canary');
    const json = parseJson(run);
    expect(json['ready']).toBeNull();
    expect((json['error'] as Record<string, unknown>)['kind']).toBe('auth-refused');
  });

  it('documented GATEWAY_NO_IDENTIFIED → 4, with the gateway message', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'documented'), {
      SHARDWATCH_SECRET: SECRET,
      SHARDWATCH_PUBLIC_KEY: 'another-key',
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('identification refused');
    expect(run.stdout).toContain('credentials refused (exit 4)');
  });

  it('nothing listening → 3', async () => {
    const tcp = createServer();
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as AddressInfo).port;
    await new Promise<void>((r) => tcp.close(() => r()));
    const run = await probe(fast(`ws://127.0.0.1:${port}/gateway`, 'documented', ['--json']));
    expect(run.code).toBe(3);
    expect((parseJson(run)['error'] as Record<string, unknown>)['kind']).toBe('unreachable');
  });

  it('HTTP error on the upgrade (0.2.2, wrong path) → 5 with the server message', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(`ws://127.0.0.1:${s.port}/nope`, 'http-interaction-0.2.2'));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('HTTP 404');
    expect(run.stderr).toContain('no route for /nope');
  });

  it('stalled gateway, 2 pings with a short timeout → 6', async () => {
    const s = await startSim('documented', { scenario: 'stall' });
    const run = await probe([
      s.url,
      '--id',
      BOT_ID,
      '--count',
      '2',
      '--interval',
      '10',
      '--timeout',
      '150',
      '--json',
    ]);
    expect(run.code).toBe(6);
    const json = parseJson(run);
    expect(json['pings']).toEqual([
      { n: 1, rttMs: null, lost: true },
      { n: 2, rttMs: null, lost: true },
    ]);
    expect((json['stats'] as Record<string, unknown>)['lossPercent']).toBe(100);
    expect((json['error'] as Record<string, unknown>)['kind']).toBe('pings-lost');
  });
});

describe('shardwatch probe: usage errors → 2', () => {
  it('a bad flag value names the flag', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--count', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--count');
    expect(run.stdout).toBe('');
  });

  it('an unknown flag is named, and --json still gets one object', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--bogus', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bogus');
    expect((parseJson(run)['error'] as Record<string, unknown>)['kind']).toBe('usage');
  });

  it('--interval below 10 ms is refused', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--interval', '5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--interval');
  });

  it('missing environment variables are named', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY');
    const one = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID], {
      SHARDWATCH_SECRET: SECRET,
    });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('set SHARDWATCH_PUBLIC_KEY in the environment');
  });

  it('missing --id or URL', async () => {
    expect((await probe(['ws://127.0.0.1:1/gateway'])).code).toBe(2);
    const noUrl = await probe(['--id', BOT_ID]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('gateway URL');
  });

  it('invalid gateway options (GatewayOptionsError) → 2 with its message', async () => {
    const shard = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--shard-in', '1']);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('shard_in must be 0');
    const scheme = await probe(['http://127.0.0.1:1/gateway', '--id', BOT_ID]);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toContain('ws:// or wss://');
  });

  it('--help prints the usage with the exit codes and the variables', async () => {
    const run = await probe(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SHARDWATCH_PUBLIC_KEY');
    expect(run.stdout).toContain('6 pings lost');
  });
});
