/**
 * Differential conformance, Shardwatch's side: the gateway client, dialect
 * detection and `shardwatch probe` against the simulator and the real
 * http-interaction 0.2.2 server behave the same — refused, dropped,
 * waiting for the bot, ready, and the wrong dialect named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runProbeCli } from '../../../electron/cli/probe';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayConnection } from '../../../electron/core/gateway/connection';
import { detectDialect } from '../../../electron/core/gateway/detect';
import {
  CREDENTIALS_REFUSED,
  DROPPED_BEFORE_ANSWER,
  PINGS_ANSWERED_MEANING,
  WAITING_FOR_BOT,
} from '../../../shared/connection-text';
import type { Dialect } from '../../../shared/protocol';
import { closeAllClients, connect, identHeaders } from '../sim/raw-client';
import type { RawClient } from '../sim/raw-client';
import type { Gateway, GatewayOptions } from './targets';
import { TARGETS } from './targets';
import { ENGLISH_LOCALE } from '../../support/locale';

let gateways: Gateway[] = [];
let conns: GatewayConnection[] = [];

afterEach(async () => {
  for (const c of conns) c.dispose();
  conns = [];
  closeAllClients();
  await Promise.all(gateways.map((g) => g.stop()));
  gateways = [];
});

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The bot itself: registers on its own connection, as a real bot's master does. */
async function botRegisters(g: Gateway): Promise<RawClient> {
  const bot = await connect(g.url, identHeaders(g.creds));
  await bot.next();
  bot.sendGzip({ type: 1, d: { flags: 0 } });
  await bot.next();
  return bot;
}

describe.each(TARGETS)('Shardwatch against http-interaction 0.2.2: $name', (target) => {
  const run = target.skip ? it.skip : it;

  async function start(options?: GatewayOptions): Promise<Gateway> {
    const g = await target.start(options);
    gateways.push(g);
    return g;
  }

  function monitor(
    g: Gateway,
    dialect: Dialect = 'http-interaction-0.2.2',
    secret = g.creds.secret,
  ) {
    const c = createGatewayConnection({
      url: g.url,
      dialect,
      identity: { ...g.creds, secret, shardIn: 0, shardTotal: 1 },
      flags: 0,
      // Real time and a real server: short enough for a test, within the bounds.
      pingIntervalMs: 100,
      pingIntervalFloorMs: 100,
      pingTimeoutMs: 200,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    conns.push(c);
    return c;
  }

  run('waits for the bot without registering, then is ready once it has', async () => {
    const g = await start();
    const c = monitor(g);
    c.connect();
    await until(() => c.state === 'waiting', 'waiting');
    expect(c.snapshot()).toMatchObject({ detail: WAITING_FOR_BOT, pingsLost: 0 });
    const bot = await botRegisters(g);
    await until(() => c.state === 'ready', 'ready once the bot registered');
    expect(c.snapshot().detail).toBe(PINGS_ANSWERED_MEANING);
    // The bot still gets its interactions: the monitor never registered.
    await g.interaction(1);
    bot.sendGzip({ type: 2 });
    const events: unknown[] = [];
    for (;;) {
      const e = (await bot.next()).json as { event: string };
      events.push(e.event);
      if (e.event === 'GATEWAY_PING') break;
    }
    expect(events).toEqual(['INTERACTION_DISCORD', 'GATEWAY_PING']);
    expect(c.snapshot().interactions).toBe(0);
  });

  run('a wrong secret: credentials refused, not retried', async () => {
    const g = await start();
    const c = monitor(g, 'http-interaction-0.2.2', 'wrong-secret');
    c.connect();
    await until(() => c.state === 'auth-refused', 'auth-refused');
    expect(c.snapshot().detail.startsWith(CREDENTIALS_REFUSED)).toBe(true);
    expect(c.snapshot().retryAt).toBeNull();
  });

  run('a server without its secret: dropped before answering, retried', async () => {
    const g = await start({ misconfigured: true });
    const c = monitor(g);
    c.connect();
    await until(() => c.state === 'reconnecting', 'reconnecting');
    expect(c.snapshot().kind).toBe('dropped');
    expect(c.snapshot().detail.startsWith(DROPPED_BEFORE_ANSWER)).toBe(true);
    await until(() => c.snapshot().reconnects >= 1, 'a retry');
  });

  run('the documented dialect fails fast, names 0.2.2, and is not retried', async () => {
    const g = await start();
    await botRegisters(g);
    const c = monitor(g, 'documented');
    c.connect();
    await until(() => c.state === 'failed', 'failed');
    expect(c.snapshot()).toMatchObject({
      kind: 'wrong-dialect',
      suggestedDialect: 'http-interaction-0.2.2',
    });
    expect(c.snapshot().detail).toContain('This looks like an http-interaction 0.2.2 gateway');
  });

  run('detection: 0.2.2, credentials accepted, and whether the bot registered', async () => {
    const g = await start();
    const identity = { ...g.creds, shardIn: 0, shardTotal: 1 };
    const before = await detectDialect({ url: g.url, identity, timeoutMs: 300 });
    expect(before).toMatchObject({
      dialect: 'http-interaction-0.2.2',
      credentialsAccepted: true,
      botRegistered: false,
    });
    await botRegisters(g);
    const after = await detectDialect({ url: g.url, identity, timeoutMs: 2000 });
    expect(after).toMatchObject({ dialect: 'http-interaction-0.2.2', botRegistered: true });
    const refused = await detectDialect({ url: g.url, identity: { ...identity, secret: 'x' } });
    expect(refused).toMatchObject({
      dialect: 'http-interaction-0.2.2',
      credentialsAccepted: false,
    });
  });

  run('probe exit codes: 6 waiting, 0 once the bot registered, 4 refused', async () => {
    const g = await start();
    const probe = async (secret: string) => {
      const lines: string[] = [];
      const code = await runProbeCli(
        [
          g.url,
          '--dialect',
          'auto',
          '--id',
          g.creds.botId,
          '--count',
          '3',
          '--interval',
          '10',
          '--timeout',
          '300',
        ],
        {
          env: {
            ...ENGLISH_LOCALE,
            SHARDWATCH_SECRET: secret,
            SHARDWATCH_PUBLIC_KEY: g.creds.publicKey,
          },
          stdout: (l) => lines.push(l),
          stderr: (l) => lines.push(l),
        },
      );
      return { code, text: lines.join('\n') };
    };
    const waiting = await probe(g.creds.secret);
    expect(waiting.code).toBe(6);
    expect(waiting.text).toContain(WAITING_FOR_BOT);
    await botRegisters(g);
    expect((await probe(g.creds.secret)).code).toBe(0);
    expect((await probe('wrong')).code).toBe(4);
  });
});
