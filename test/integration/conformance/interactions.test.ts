/**
 * End to end, against the simulator and the real http-interaction 0.2.2
 * server (there with Ed25519-signed `POST /interaction`s): a bot registers,
 * Shardwatch watches the same bot id for a while — `shardwatch probe` runs
 * and a monitored profile in the core — and every interaction still reaches
 * the bot, during and after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runProbeCli } from '../../../electron/cli/probe';
import { defaultProfileInput } from '../../../shared/profile-validation';
import { startCore, unwrap } from '../core/helpers';
import { closeAllClients, connect, identHeaders } from '../sim/raw-client';
import type { RawClient } from '../sim/raw-client';
import type { Gateway } from './targets';
import { TARGETS } from './targets';

let gateways: Gateway[] = [];

afterEach(async () => {
  closeAllClients();
  await Promise.all(gateways.map((g) => g.stop()));
  gateways = [];
});

/** The bot: registered, counting the interactions it receives by their token. */
async function startBot(g: Gateway) {
  const ws: RawClient = await connect(g.url, identHeaders(g.creds));
  await ws.next();
  ws.sendGzip({ type: 1, d: { flags: 0 } });
  await ws.next();
  const tokens = (): string[] =>
    ws.frames.flatMap((f) => {
      const m = f.json as { event?: string; data?: { metadata_http?: unknown } } | undefined;
      if (m?.event !== 'INTERACTION_DISCORD') return [];
      const items = m.data?.metadata_http;
      return (Array.isArray(items) ? items : [items]).map((i) =>
        String((i as { token?: unknown }).token),
      );
    });
  return {
    tokens,
    /** Everything the gateway sent before this ping's answer has arrived. */
    async synced(): Promise<void> {
      const before = ws.frames.length;
      ws.sendGzip({ type: 2 });
      for (let i = before; ; i++) {
        const f = ws.frames[i] ?? (await ws.next());
        if ((f.json as { event?: string }).event === 'GATEWAY_PING') return;
      }
    },
  };
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(TARGETS)(
  'interactions keep reaching the bot while Shardwatch watches: $name',
  (target) => {
    const run = target.skip ? it.skip : it;

    run(
      'probe runs and a monitored profile, during and after: every interaction reaches the bot',
      async () => {
        const g = await target.start();
        gateways.push(g);
        const bot = await startBot(g);
        let n = 0;
        const sent: string[] = [];
        const send = async (): Promise<void> => {
          n++;
          sent.push(`token-${n}`);
          await g.interaction(n);
        };

        // A monitored profile in the core, watching the bot's id.
        const f = await startCore();
        const profile = unwrap(
          await f.core.api['command:create-profile']({
            ...defaultProfileInput(),
            name: 'Watched bot',
            url: g.url,
            dialect: 'http-interaction-0.2.2',
            monitorMode: 'ping-only',
            botId: g.creds.botId,
            publicKey: g.creds.publicKey,
            secret: g.creds.secret,
            pingIntervalMs: 1000,
            pingTimeoutMs: 2000,
          }),
        );
        const state = async () => {
          const snap = unwrap(await f.core.api['query:snapshot']());
          return snap.status[profile.id]?.state;
        };
        await until(async () => (await state()) === 'ready', 'the profile ready');

        // During: interactions around and between probe runs, the profile connected.
        for (let round = 0; round < 3; round++) {
          await send();
          const probe = runProbeCli(
            [
              g.url,
              '--dialect',
              'http-interaction-0.2.2',
              '--id',
              g.creds.botId,
              '--count',
              '5',
              '--interval',
              '10',
            ],
            {
              env: { SHARDWATCH_SECRET: g.creds.secret, SHARDWATCH_PUBLIC_KEY: g.creds.publicKey },
              stdout: () => undefined,
              stderr: () => undefined,
            },
          );
          await send();
          expect(await probe).toBe(0);
          await send();
        }
        // A while of watching: several of the profile's pings answered, interactions between them.
        const answered = async () =>
          unwrap(await f.core.api['query:snapshot']()).status[profile.id]?.latency['1m'].count ?? 0;
        for (let seen = await answered(); seen < 3; seen = await answered()) {
          await send();
          await until(async () => (await answered()) > seen, 'another answered ping');
        }
        await bot.synced();
        expect(bot.tokens()).toEqual(sent);
        const status = unwrap(await f.core.api['query:snapshot']()).status[profile.id];
        expect(status?.state).toBe('ready');
        expect(status?.counters.interactions).toBe(0);

        // After: the profile stopped and every probe gone, they still go to the bot.
        await f.core.dispose();
        for (let i = 0; i < 3; i++) await send();
        await bot.synced();
        expect(bot.tokens()).toEqual(sent);
        expect(sent.length).toBeGreaterThanOrEqual(12);
      },
      60_000,
    );
  },
);
