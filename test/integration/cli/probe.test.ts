/**
 * `shardwatch probe` run in-process against the simulator (and a scripted
 * server where the simulator cannot misbehave the way needed), for both
 * dialects, with canary secrets scanned for in everything printed. The same
 * probe against the real server is in test/integration/conformance/.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runProbeCli } from '../../../electron/cli/probe';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim/simulator';
import {
  CREDENTIALS_REFUSED,
  DROPPED_BEFORE_ANSWER,
  WAITING_FOR_BOT,
} from '../../../shared/connection-text';
import type { Dialect } from '../../../shared/protocol';
import { startShardListServer } from '../gateway/test-gateway-server';
import { ENGLISH_LOCALE } from '../../support/locale';
import type { TestServer } from '../gateway/test-gateway-server';

const SECRET = 'SECRET-canary-probe-5d1e07';
// 64 hex characters (0.2.2 requires them), distinctive enough to scan for.
const PUBLIC_KEY = 'c4a9f2d51e07' + '3b'.repeat(26);
const BOT_ID = '424242424242';
const ENV = { SHARDWATCH_SECRET: SECRET, SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY };

let sim: SimulatorHandle | null = null;
let scripted: TestServer | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
  await scripted?.close();
  scripted = null;
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
    // English unless the test sets the locale: not the locale of the machine running the suite.
    env: { ...ENGLISH_LOCALE, ...env },
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

const errorOf = (run: Run) => parseJson(run)['error'] as Record<string, unknown>;

function fast(url: string, dialect: Dialect | 'auto', more: string[] = []): string[] {
  return [url, '--dialect', dialect, '--id', BOT_ID, '--count', '3', '--interval', '10', ...more];
}

describe('shardwatch probe in the language of LANG', () => {
  it('LANG=pt_BR: the report in Portuguese with Brazilian digits; --json stays English', async () => {
    const s = await startSim('documented');
    const pt = { ...ENV, LANG: 'pt_BR.UTF-8' };
    const run = await probe(fast(s.url, 'documented', ['--register']), pt);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(documented, registro) como bot');
    // Below 10 ms an RTT has two decimals after a comma; above, no decimals.
    expect(run.stdout).toMatch(/ping 1\/3: (\d,\d{2}|\d{2,}) ms/);
    expect(run.stdout).toContain('Cobertura: 4 ids de shard informados, 1 esperados');
    expect(run.stdout).toMatch(/RTT: mín .*; perda 0,0 % \(0 de 3\)/);
    expect(run.stdout).toContain('Resultado: OK (saída 0)');
    const json = await probe(fast(s.url, 'documented', ['--json', '--count', '1']), pt);
    expect(parseJson(json)['exitCode']).toBe(0);
    const help = await probe(['--help'], pt);
    expect(help.stdout).toContain('Códigos de saída:');
  });

  it('LANG=pt_BR: option problems in Portuguese on one line', async () => {
    const pt = { ...ENV, LANG: 'pt_BR.UTF-8' };
    const run = await probe(['http://127.0.0.1:1/gateway', '--id', BOT_ID], pt);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('A URL do gateway precisa começar com ws:// ou wss://.');
    expect(run.stderr.split('\n')).toHaveLength(1);
  });
});

describe('shardwatch probe: pings only, unless asked', () => {
  it('documented, default: pings only — no register, no shards, exit 0', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'documented'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(documented, ping only)');
    // An RTT is written with two decimals below 10 ms and as a whole number above (formatRtt).
    expect(run.stdout).toMatch(/ping 1\/3: \d+(\.\d{1,2})? ms/);
    expect(run.stdout).toContain('Shards: Ping only: Shardwatch does not register');
    expect(run.stdout).toContain('Result: OK (exit 0)');
    expect(s.stats().registers).toBe(0);
    expect(s.stats().framesByOpcode[1]).toBeUndefined();
  });

  it('documented --register: READY facts, every shard field, coverage, one RTT per ping', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'documented', ['--register', '--json']));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = parseJson(run);
    expect(json['mode']).toBe('register');
    const ready = json['ready'] as Record<string, unknown>;
    expect(ready['botId']).toBe(BOT_ID);
    expect(ready['event']).toBe('GATEWAY_READY');
    expect(String(ready['sessionIdShort']).length).toBeLessThanOrEqual(13);
    expect(ready).not.toHaveProperty('sessionId');
    const pings = json['pings'] as Array<Record<string, unknown>>;
    expect(pings).toHaveLength(3);
    for (const p of pings) expect(typeof p['rttMs']).toBe('number');
    const shards = json['shards'] as Record<string, unknown>;
    expect(shards['reportsShardStats']).toBe(true);
    const list = shards['list'] as Array<Record<string, unknown>>;
    expect(list.map((x) => x['shard_id'])).toEqual([0, 1, 2, 3]);
    for (const f of ['shard_hash', 'development', 'disconnected', 'send_ping', 'receibe_ping']) {
      expect(list[0]).toHaveProperty(f);
    }
    expect(shards['coverage']).toEqual({ expected: 1, reported: 4, missing: [], duplicated: [] });
    expect(s.stats().registers).toBe(1);
  });

  it('http-interaction 0.2.2: exit 0 with type-2 pings only; --register is refused', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'http-interaction-0.2.2', ['--json']));
    expect(run.code).toBe(0);
    const json = parseJson(run);
    expect(json['ready']).toBeNull();
    expect(json['pings']).toHaveLength(3);
    expect((json['shards'] as Record<string, unknown>)['reportsShardStats']).toBe(false);
    expect(s.stats()).toMatchObject({ registers: 0, readerKilled: 0, pingsAnswered: 3 });
    expect(Object.keys(s.stats().framesByOpcode)).toEqual(['2']);

    const reg = await probe(fast(s.url, 'http-interaction-0.2.2', ['--register']));
    expect(reg.code).toBe(2);
    expect(reg.stderr).toContain('--register is refused with --dialect http-interaction-0.2.2');
    expect(s.stats().registers).toBe(0);
  });
});

describe("shardwatch probe: what happened, in the app's words, and exit codes", () => {
  it('0.2.2, the bot never registered: exit 6, "waiting for the bot to register"', async () => {
    const s = await startSim('http-interaction-0.2.2', { botRegistered: false });
    // Each unanswered ping waits the whole timeout, so it is short; but the same
    // deadline covers the upgrade, which a loaded machine can take 150 ms to answer
    // (exit 3, unreachable): one second keeps the run to about three.
    const run = await probe(fast(s.url, 'http-interaction-0.2.2', ['--timeout', '1000']));
    expect(run.code).toBe(6);
    expect(run.stdout).toContain('Result: waiting for the bot to register (exit 6)');
    expect(run.stderr).toContain(WAITING_FOR_BOT);
    expect(run.stdout).toContain('HELLO: starting_shards true');
  });

  it('wrong secret on 0.2.2 (a 1005 close) → 4, credentials refused', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'http-interaction-0.2.2', ['--json']), {
      SHARDWATCH_SECRET: 'wrong-secret-canary',
      SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY,
    });
    expect(run.code).toBe(4);
    expect(run.stdout).not.toContain('wrong-secret-canary');
    const error = errorOf(run);
    expect(error['kind']).toBe('auth-refused');
    expect(String(error['message']).startsWith(CREDENTIALS_REFUSED)).toBe(true);
    expect(String(error['message'])).toContain('--id, SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY');
  });

  it('a gateway that drops the socket before answering (1006) → 5, "dropped … crashed or misconfigured"', async () => {
    const s = await startSim('http-interaction-0.2.2', { misconfigured: true });
    const run = await probe(fast(s.url, 'http-interaction-0.2.2'));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(DROPPED_BEFORE_ANSWER);
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

  it('the documented dialect against a 0.2.2 gateway names 0.2.2 → 5', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'documented'));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      'This looks like an http-interaction 0.2.2 gateway: run it again with --dialect http-interaction-0.2.2 (or --dialect auto).',
    );
  });

  it('nothing listening → 3', async () => {
    const tcp = createServer();
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as AddressInfo).port;
    await new Promise<void>((r) => tcp.close(() => r()));
    const run = await probe(fast(`ws://127.0.0.1:${port}/gateway`, 'documented', ['--json']));
    expect(run.code).toBe(3);
    expect(errorOf(run)['kind']).toBe('unreachable');
  });

  it('HTTP error on the upgrade (0.2.2, wrong path) → 5 with the server message', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(`ws://127.0.0.1:${s.port}/nope`, 'http-interaction-0.2.2'));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('HTTP 404');
    expect(run.stderr).toContain('Could not find route');
  });

  it('stalled gateway after READY, 2 pings with a short timeout → 7', async () => {
    const s = await startSim('documented', { scenario: 'stall' });
    const run = await probe([
      s.url,
      '--id',
      BOT_ID,
      '--register',
      '--count',
      '2',
      '--interval',
      '10',
      '--timeout',
      '150',
      '--json',
    ]);
    expect(run.code).toBe(7);
    const json = parseJson(run);
    expect(json['pings']).toEqual([
      { n: 1, rttMs: null, lost: true },
      { n: 2, rttMs: null, lost: true },
    ]);
    expect((json['stats'] as Record<string, unknown>)['lossPercent']).toBe(100);
    expect(errorOf(run)['kind']).toBe('pings-lost');
  });

  it('a run with protocol errors never exits 0', async () => {
    const s = await startSim('documented', { scenario: 'garbage', garbageProbability: 1 });
    const run = await probe(fast(s.url, 'documented', ['--json']));
    expect(run.code).toBe(5);
    const json = parseJson(run);
    expect((json['events'] as Record<string, unknown>)['protocolErrors']).toBeGreaterThan(0);
    expect(errorOf(run)['kind']).toBe('protocol-errors');
    expect((json['pings'] as unknown[]).length).toBe(3);
  });

  it('shard ids: a duplicate is listed once and reported; ids past 2^53 are protocol errors', async () => {
    const shard = (id: number) => ({ shard_id: id, shard_hash: `h${id}`, sending: id });
    scripted = await startShardListServer([
      [shard(0), shard(1), shard(1), shard(2 ** 53 + 1), { shard_id: 1e308 }],
    ]);
    const text = await probe([
      ...fast(scripted.url, 'documented', ['--register']),
      '--shard-total',
      '3',
    ]);
    expect(text.code).toBe(5);
    expect(text.stdout).toMatch(/Shards \(2, latest from READY\)/);
    expect(text.stdout.match(/^ {2}1 {2,}h1/gm)).toHaveLength(1);
    expect(text.stdout).toContain('Coverage: 2 shard ids reported, 3 expected');
    expect(text.stdout).toContain('missing: 2');
    expect(text.stdout).toContain('reported more than once (listed once above): 1');
    expect(text.stderr).toContain('2 shard entries have no usable shard_id');
  });
});

describe('shardwatch probe --dialect auto', () => {
  it('finds 0.2.2 without registering, then probes it', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'auto'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dialect: http-interaction-0.2.2 (detected)');
    expect(run.stdout).toContain('(http-interaction-0.2.2, ping only)');
    expect(s.stats()).toMatchObject({ registers: 0, readerKilled: 0 });
  });

  it('finds the documented dialect from a text HELLO', async () => {
    const s = await startSim('documented');
    const run = await probe(fast(s.url, 'auto', ['--json']));
    expect(run.code).toBe(0);
    const json = parseJson(run);
    expect((json['detection'] as Record<string, unknown>)['dialect']).toBe('documented');
    expect(json['dialect']).toBe('documented');
    expect(s.stats().registers).toBe(0);
  });

  it('a refusal that fits 0.2.2 → 4, naming the dialect', async () => {
    const s = await startSim('http-interaction-0.2.2');
    const run = await probe(fast(s.url, 'auto'), {
      SHARDWATCH_SECRET: 'nope',
      SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY,
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(
      `This looks like an http-interaction 0.2.2 gateway. ${CREDENTIALS_REFUSED}`,
    );
  });
});

describe('shardwatch probe: usage errors → 2, in one line', () => {
  const oneLine = (run: Run) => {
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^shardwatch probe: .*\. Run "shardwatch probe --help" for the options\.$/,
    );
  };

  it('a bad flag value names the flag', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--count', 'many']);
    oneLine(run);
    expect(run.stderr).toContain('--count');
    expect(run.stdout).toBe('');
  });

  it('an unknown flag is named, and --json still gets one object', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--bogus', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bogus');
    expect(errorOf(run)['kind']).toBe('usage');
  });

  it("--id follows the editor's rule; the public key may not hold a blank", async () => {
    const id = await probe(['ws://127.0.0.1:1/gateway', '--id', '12ab']);
    oneLine(id);
    expect(id.stderr).toContain('1 to 20 digits');
    const key = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID], {
      SHARDWATCH_SECRET: SECRET,
      SHARDWATCH_PUBLIC_KEY: `${PUBLIC_KEY} ${PUBLIC_KEY}`,
    });
    oneLine(key);
    expect(key.stderr).toContain(
      'SHARDWATCH_PUBLIC_KEY: The public key has a space or another blank inside',
    );
    const hex = await probe(fast('ws://127.0.0.1:1/gateway', 'http-interaction-0.2.2'), {
      SHARDWATCH_SECRET: SECRET,
      SHARDWATCH_PUBLIC_KEY: 'short',
    });
    oneLine(hex);
    expect(hex.stderr).toContain('exactly 64 hexadecimal characters');
  });

  it('--interval below 10 ms is refused', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--interval', '5']);
    oneLine(run);
    expect(run.stderr).toContain('--interval');
  });

  it('missing environment variables are named', async () => {
    const run = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID], {});
    oneLine(run);
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
    oneLine(noUrl);
    expect(noUrl.stderr).toContain('gateway URL');
  });

  it('invalid gateway options (GatewayOptionsError) → 2 with its message', async () => {
    const shard = await probe(['ws://127.0.0.1:1/gateway', '--id', BOT_ID, '--shard-in', '1']);
    oneLine(shard);
    expect(shard.stderr).toContain('shard_in must be 0');
    const scheme = await probe(['http://127.0.0.1:1/gateway', '--id', BOT_ID]);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toContain('ws:// or wss://');
  });

  it('--help prints the usage with every exit code, --register, --dialect auto and the variables', async () => {
    const run = await probe(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SHARDWATCH_PUBLIC_KEY');
    expect(run.stdout).toContain('--register');
    expect(run.stdout).toContain('auto detects it first, without registering');
    for (const code of ['0 ', '2 ', '3 ', '4 ', '5 ', '6 ', '7 '])
      expect(run.stdout).toContain(`\n  ${code}`);
    expect(run.stdout).toContain('6  waiting for the bot to register with this gateway');
  });
});
