import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { parseSimArgs, runSimCli } from '../../../electron/cli/sim';
import { serveUsage } from '../../../electron/cli/serve';
import { createTranslator } from '../../../shared/i18n/translator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import { ENGLISH_LOCALE } from '../../support/locale';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (l: string) => out.push(l),
      stderr: (l: string) => err.push(l),
      // English unless a test sets the locale: not the locale of the machine running the suite.
      env: { ...process.env, ...ENGLISH_LOCALE },
    },
  };
}

describe('shardwatch sim: flags', () => {
  it.each([
    [['--bogus'], '--bogus'],
    [['--port', '70000'], '--port'],
    [['--port', 'abc'], '--port'],
    [['--dialect', 'v3'], '--dialect'],
    [['--scenario', 'chaos'], '--scenario'],
    [['--latency', '-5'], '--latency'],
    [['--shards', '1.5'], '--shards'],
    [['--jitter'], '--jitter'],
    [['--shard-info-interval=x'], '--shard-info-interval'],
    [['stray'], 'stray'],
    [['--id', '12ab'], '--id'],
    [['--max-concurrency', '0'], '--max-concurrency'],
    [['--nightly-at', '25:00'], '--nightly-at'],
    [['--trouble-shard', '-1'], '--trouble-shard'],
  ])(
    '%j is refused in one line naming %s, pointing at --help, exit code 2',
    async (argv, named) => {
      const { err, io } = capture();
      expect(await runSimCli(argv, io)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toContain(named);
      expect(err[0]).toMatch(
        /^shardwatch sim: .*\. Run "shardwatch sim --help" for the options\.$/,
      );
      expect(err[0]).not.toContain('Usage:');
    },
  );

  it('parses every flag, in both spellings', () => {
    const parsed = parseSimArgs([
      'sim',
      '--port=0',
      '--host',
      '127.0.0.1',
      '--dialect',
      'http-interaction-0.2.2',
      '--shards',
      '8',
      '--scenario=flapping',
      '--latency',
      '12.5',
      '--jitter',
      '3',
      '--id',
      '123',
      '--shard-info-interval',
      '500',
      '--no-bot',
    ]);
    expect(parsed.botId).toBe('123');
    expect(parsed.options).toEqual({
      port: 0,
      host: '127.0.0.1',
      dialect: 'http-interaction-0.2.2',
      shardCount: 8,
      scenario: 'flapping',
      latencyMs: 12.5,
      jitterMs: 3,
      shardInfoIntervalMs: 500,
      botRegistered: false,
    });
  });

  it('passes the analytics scenarios their settings', () => {
    expect(
      parseSimArgs(['--scenario', 'bucket-outage', '--max-concurrency', '16']).options,
    ).toMatchObject({ scenario: 'bucket-outage', scenarioOptions: { maxConcurrency: 16 } });
    expect(
      parseSimArgs(['--scenario', 'restart-loop', '--trouble-shard', '5']).options.scenarioOptions,
    ).toEqual({ shardId: 5 });
    // In a rolling restart the shard in trouble is the one that does not come back.
    expect(
      parseSimArgs(['--scenario', 'rolling-restart', '--trouble-shard', '5']).options
        .scenarioOptions,
    ).toEqual({ stuckShard: 5 });
    expect(
      parseSimArgs(['--scenario', 'nightly-failure', '--nightly-at', '04:30']).options
        .scenarioOptions,
    ).toEqual({ nightlyAt: '04:30' });
  });

  it('prints usage for --help and exits 0', async () => {
    const { out, io } = capture();
    expect(await runSimCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('--shard-info-interval');
  });

  it('LANG=pt_BR: the help in Portuguese, flags and scenario names as they are', async () => {
    const { out, io } = capture();
    expect(await runSimCli(['--help'], { ...io, env: { LANG: 'pt_BR.UTF-8' } })).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Uso: shardwatch sim \[opções\]/);
    expect(text).toContain('steady | flapping');
    expect(text).toContain('--shard-info-interval MS  documented: período do envio');
    expect(serveUsage(createTranslator('pt-BR'))).toMatch(/^Uso: shardwatch serve \[opções\]/);
  });
});

describe('shardwatch sim: running', () => {
  it('LANG=pt_BR: says what it runs in Portuguese', async () => {
    const { out, io } = capture();
    const abort = new AbortController();
    const code = runSimCli(['--port', '0', '--shards', '1'], {
      ...io,
      env: { LANG: 'pt_BR.UTF-8' },
      signal: abort.signal,
      onReady: () => abort.abort(),
    });
    expect(await code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(
      'usando credenciais de demonstração (falta definir SHARDWATCH_SECRET e SHARDWATCH_PUBLIC_KEY)',
    );
    expect(text).toMatch(/gateway documented, id do bot \d+, 1 shard\(s\), cenário steady/);
    expect(text).toContain('shardwatch sim: parado');
  });

  it('says it uses demo credentials without printing them, and stops on abort', async () => {
    const { out, io } = capture();
    const abort = new AbortController();
    let sim: SimulatorHandle | undefined;
    const code = runSimCli(['--port', '0'], {
      ...io,
      // No credentials in the environment (an English machine).
      env: { ...ENGLISH_LOCALE },
      signal: abort.signal,
      onReady: (s) => {
        sim = s;
        abort.abort();
      },
    });
    expect(await code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('using demo credentials');
    expect(text).toContain(`listening on ${sim?.url}`);
    expect(text).not.toContain(sim?.credentials.secret);
    expect(text).not.toContain(sim?.credentials.publicKey);
    expect(sim?.stats().connectionsOpen).toBe(0);
  });

  it('takes credentials from the environment and serves 0.2.2 with them', async () => {
    const { out, io } = capture();
    const abort = new AbortController();
    const secret = 'canary-secret-5f1e';
    const publicKey = 'c4a9'.repeat(16);
    let onReady: (s: SimulatorHandle) => void = () => undefined;
    const ready = new Promise<SimulatorHandle>((resolve) => (onReady = resolve));
    const code = runSimCli(['--port', '0', '--dialect', 'http-interaction-0.2.2', '--id', '77'], {
      ...io,
      env: { ...ENGLISH_LOCALE, SHARDWATCH_SECRET: secret, SHARDWATCH_PUBLIC_KEY: publicKey },
      signal: abort.signal,
      onReady: (s) => onReady(s),
    });
    const sim = await ready;
    const ws = new WebSocket(sim.url, {
      headers: {
        Identification: '77',
        Secret: secret,
        'Public-Key': publicKey,
        'Shard-In': '0',
        'Shard-Total': '1',
      },
    });
    const first = await new Promise<Buffer>((resolve) =>
      ws.once('message', (d) => resolve(d as Buffer)),
    );
    expect(first[0]).toBe(0x78); // zlib HELLO
    ws.send(gzipSync(JSON.stringify({ type: 1, d: { flags: 0 } })));
    await new Promise((resolve) => ws.once('message', resolve));
    ws.close();
    abort.abort();
    expect(await code).toBe(0);
    const text = out.join('\n');
    expect(text).not.toContain('demo credentials');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(publicKey);
    expect(text).toContain('stopped');
  });
});
