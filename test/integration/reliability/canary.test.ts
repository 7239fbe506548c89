/**
 * Canary scan (docs/architecture.md §3.7): profiles whose public key and shared secret
 * are the canaries of test/support/canary.ts, live traffic against both
 * simulator dialects and against a hostile gateway that echoes the secrets
 * back in every place a server can put text, then a search of everything
 * that leaves the core or lands on disk:
 * every pushed delta, every API response (errors included), the log lines,
 * the frame log, notifications, the tray model, plain and sealed exports,
 * the profiles file, and the bytes of the history SQLite file (+ WAL).
 *
 * Two scanners: `findCanaries` (the project's: clear text, common encodings,
 * 16-character slices) and `findCanaryFragments`: any run of 8 characters of
 * a canary or of its base64, hex or URL-encoded forms, in any letter case.
 * The echoing gateway sends those forms too: prefixes, suffixes, the
 * lower-cased secret, its base64, hex and URL encodings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../electron/core/gateway/codec';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import type { ApiChannel } from '../../../shared/api';
import { API_CHANNELS } from '../../../shared/api';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import {
  CANARY_PUBLIC_KEY,
  CANARY_SECRET,
  findCanaries,
  findCanaryFragments,
} from '../../support/canary';
import { PING_ANSWER, startTestServer } from '../gateway/test-gateway-server';
import type { TestServer } from '../gateway/test-gateway-server';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { createSteppingClock, tick, timeoutFor, watchCrashes } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('canary');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const BOT_ID = '1100000000000000042';

/** Pieces and encodings of a canary a careless gateway might echo. */
function echoForms(value: string): string[] {
  const buf = Buffer.from(value, 'utf8');
  return [
    value.slice(0, 8),
    value.slice(-9),
    value.slice(10, 21).toUpperCase(),
    value.toLowerCase(),
    buf.toString('base64'),
    buf.subarray(4, 20).toString('base64'),
    buf.toString('hex').toUpperCase(),
    encodeURIComponent(value),
    [...buf].map((b) => `%${b.toString(16)}`).join(''),
  ];
}

/** A gateway that knows the secrets and echoes them everywhere a server can put text. */
async function echoingGateway(): Promise<TestServer> {
  return startTestServer({
    framing: 'text',
    onFrame(c, frame) {
      const type = frame.message?.['type'];
      if (type === 3) c.send(PING_ANSWER);
      if (type !== 1) return;
      c.send({
        type: 1,
        service: 'gateway',
        event: GATEWAY_EVENTS.READY,
        data: {
          application_bot: { flags: 1, id: BOT_ID, public_key: CANARY_PUBLIC_KEY },
          session_id: 'S'.repeat(85),
          shards_config: [[0, 2]],
          shards_stats: [
            [
              {
                shard_id: 0,
                shard_hash: CANARY_PUBLIC_KEY,
                development: false,
                disconnected: false,
                send_ping: 1,
                receibe_ping: 1,
                sending: 1,
                received: 1,
                token: CANARY_SECRET,
              },
            ],
          ],
        },
      });
      c.send({
        type: 2,
        service: 'gateway',
        event: GATEWAY_EVENTS.ERROR,
        possible_error: true,
        message: `secret ${CANARY_SECRET} and key ${CANARY_PUBLIC_KEY} look wrong`,
        data: { echo: CANARY_SECRET },
      });
      c.send({
        type: 9,
        service: 'gateway',
        event: `X_${CANARY_SECRET}`,
        data: { k: CANARY_PUBLIC_KEY },
      });
      c.send({
        type: 8,
        service: 'http_gateway',
        event: GATEWAY_EVENTS.INTERACTION,
        data: { shard_id: 0, metadata_http: { token: CANARY_SECRET } },
      });
      // Frames a JSON parser quotes back in its error message.
      c.sendRaw(`{"type": ${CANARY_SECRET}}`, false);
      c.sendRaw(`${CANARY_SECRET}`, false);
      c.sendRaw(`{"type": 1, "message": "${CANARY_SECRET}" oops}`, false);
      c.sendRaw(`{"type": ${CANARY_PUBLIC_KEY}}`, false);
      c.sendRaw(Buffer.from(`{"type":"${CANARY_SECRET}"}`), true);
      c.send({
        type: 1,
        service: 'gateway',
        event: GATEWAY_EVENTS.SHARD_INFO,
        data: [[{ shard_id: 1, shard_hash: CANARY_SECRET, disconnected: true }]],
      });
      // Fragments and encodings, in every place the full values went above.
      const forms = [...echoForms(CANARY_SECRET), ...echoForms(CANARY_PUBLIC_KEY)];
      forms.forEach((form, i) => {
        c.send({
          type: 2,
          service: 'gateway',
          event: GATEWAY_EVENTS.ERROR,
          possible_error: true,
          message: `bad credentials: ${form}`,
          data: { [form]: form },
        });
        c.send({ type: 9, service: 'gateway', event: `X_${form}`, data: { k: form } });
        // A form that is all digits (the hex of a hex key) would arrive as a
        // JSON number: numbers are data and never changed (docs/reliability.md,
        // "Known limits"), so only the forms a parser quotes back are sent raw.
        if (!/^\d+$/.test(form)) c.sendRaw(`{"type": ${form}}`, false);
        c.send({
          type: 1,
          service: 'gateway',
          event: GATEWAY_EVENTS.SHARD_INFO,
          data: [[{ shard_id: 1, shard_hash: form, disconnected: i % 2 === 0, note: form }]],
        });
      });
    },
  });
}

describe('canary secrets', () => {
  it('regression: a refused frame quoting a secret does not quote it back in the reason', () => {
    for (const frame of [
      `{"type": ${CANARY_SECRET}}`,
      CANARY_SECRET,
      `{"type": ${CANARY_PUBLIC_KEY}}`,
      `[${CANARY_PUBLIC_KEY}]`,
    ]) {
      const r = decodeFrame(frame, false);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('invalid-json');
        expect(findCanaryFragments(r.error.reason)).toEqual([]);
      }
    }
  });

  it(
    'are found nowhere the core sends or stores anything',
    async () => {
      const crashes = watchCrashes();
      const clock = createSteppingClock();
      const creds = { botId: BOT_ID, publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET };
      const sims: SimulatorHandle[] = [
        await createSimulator({
          clock,
          random: 3,
          credentials: creds,
          shardCount: 3,
          shardInfoIntervalMs: 1000,
        }),
        await createSimulator({
          clock,
          random: 4,
          dialect: 'http-interaction-0.2.2',
          credentials: creds,
        }),
      ];
      const echo = await echoingGateway();
      const dataDir = dirs.make();
      const h = await startCore({
        dataDir,
        clock,
        connectionFactory: (o) =>
          createGatewayConnection({ ...o, backoff: { initialMs: 20, maxMs: 200 } }),
      });
      const secrets = { botId: BOT_ID, publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET };
      const ids: string[] = [];
      for (const [name, url, dialect] of [
        ['Documented', sims[0]?.url, 'documented'],
        ['Rabbit', sims[1]?.url, 'http-interaction-0.2.2'],
        ['Echo', echo.url, 'documented'],
      ] as const) {
        const r = await h.core.handle('command:create-profile', [
          profileInput({
            ...secrets,
            name,
            url: url as string,
            dialect,
            // Registering (documented) puts the key in a frame the log must redact.
            monitorMode: dialect === 'documented' ? 'register' : 'ping-only',
            shardTotal: name === 'Documented' ? 3 : 2,
          }),
        ]);
        if (!r.ok) throw new Error(r.error.message);
        ids.push((r.value as { id: string }).id);
      }

      /** Fake time moves timer by timer; real IO gets a moment after each step. */
      async function run(ms: number): Promise<void> {
        const end = clock.now() + ms;
        for (let i = 0; i < 10_000; i++) {
          await tick(1);
          const next = clock.nextDueAt();
          if (next === null || next > end) break;
          clock.advance(next - clock.now());
        }
        clock.advance(end - clock.now());
        await tick(20);
      }

      await run(20_000);
      // Faults and extras on the simulators: garbage, interactions, a drop.
      for (const sim of sims) {
        sim.injectFault('garbage-once');
        sim.sendInteraction({ metadata_http: { token: CANARY_SECRET } });
      }
      sims[0]?.setShard(1, { disconnected: true });
      await run(20_000);
      sims[0]?.injectFault('close');
      await run(20_000);
      // Another program locks the history file for a while: the notice is logged too.
      const locker = new DatabaseSync(h.historyFile as string);
      locker.exec('BEGIN EXCLUSIVE');
      await run(2_000);
      locker.exec('COMMIT');
      locker.close();
      await run(2_000);

      const texts: Array<[string, string | Buffer]> = [];
      const responses: Array<[string, unknown]> = [];
      const call = async (channel: ApiChannel, args: unknown[]) => {
        const r = await h.core.handle(channel, args);
        responses.push([channel, r]);
        return r;
      };
      // Every read, for every profile.
      await call('query:snapshot', []);
      for (const id of ids) {
        await call('query:shards', [id]);
        await call('query:frames', [id]);
        await call('query:timeline', [{ profileId: id, limit: 1_000 }]);
        for (const window of ['15m', '1h', '24h', '7d', '30d'])
          await call('query:history', [{ profileId: id, window }]);
      }
      await call('query:incidents', [null, 10_000]);
      // Commands, with their results and errors.
      const input = profileInput({ ...secrets, url: sims[0]?.url as string, name: 'Copy test' });
      await call('command:create-profile', [
        { ...input, url: `ws://user:${CANARY_SECRET}@127.0.0.1/gateway` },
      ]);
      await call('command:create-profile', [
        { ...input, secret: `${CANARY_SECRET}\n${'x'.repeat(5000)}` },
      ]);
      await call('command:test-connection', [{ profileId: ids[0] }]);
      await call('command:test-connection', [
        { input: { ...input, url: `ws://127.0.0.1:9/gateway?token=${CANARY_SECRET}` } },
      ]);
      await call('command:duplicate-profile', [ids[0]]);
      await call('command:update-profile', [
        ids[2],
        { ...input, name: 'Echo renamed', url: echo.url, publicKey: undefined, secret: undefined },
      ]);
      await call('command:export-profiles', [{ includeSecrets: false }]);
      await call('command:export-profiles', [
        { includeSecrets: true, passphrase: 'passphrase-for-export' },
      ]);
      await call('command:import-profiles', [{ content: `{"secret":"${CANARY_SECRET}"` }]);
      await call('command:set-profile-enabled', [ids[1], false]);
      for (const c of API_CHANNELS)
        responses.push([c, await h.core.handle(c, ['junk', CANARY_SECRET])]);
      await run(5_000);

      texts.push(['API responses', JSON.stringify(responses)]);
      texts.push(['pushed deltas', JSON.stringify(h.deltas)]);
      texts.push(['log lines', h.logs.join('\n')]);
      texts.push(['notifications', JSON.stringify(h.notifier.notifications)]);
      texts.push(['tray model', JSON.stringify(h.core.tray())]);

      await h.dispose();
      for (const sim of sims) await sim.stop();
      await echo.close();
      const history = h.historyFile as string;
      for (const f of [history, `${history}-wal`, `${history}-shm`])
        if (existsSync(f)) texts.push([`history file ${f.slice(-12)}`, readFileSync(f)]);
      texts.push(['profiles.json', readFileSync(`${dataDir}/profiles.json`)]);

      const sightings: string[] = [];
      const fragments: string[] = [];
      let scannedBytes = 0;
      for (const [source, data] of texts) {
        scannedBytes += data.length;
        for (const c of findCanaries(data)) sightings.push(`${c} in ${source}`);
        const text = typeof data === 'string' ? data : data.toString('latin1');
        for (const f of findCanaryFragments(data)) {
          const piece = /"(.*)"/.exec(f)?.[1] ?? '';
          const at = text.toLowerCase().indexOf(piece);
          fragments.push(`${f} in ${source}: …${text.slice(Math.max(0, at - 80), at + 30)}…`);
        }
      }
      const frames = responses.filter(([c]) => c === 'query:frames');
      card.add('secretsFound', sightings.length + fragments.length);
      card.add('inputsTried', responses.length);
      card.detail('sources scanned', texts.length);
      card.detail('bytes scanned', scannedBytes);
      card.detail('deltas scanned', h.deltas.length);
      card.detail('log lines scanned', h.logs.length);
      card.detail('frame logs scanned', frames.length);
      // The traffic really happened.
      expect(h.deltas.length).toBeGreaterThan(10);
      expect(h.logs.some((l) => l.includes('History could not be saved'))).toBe(true);
      expect(JSON.stringify(frames)).toContain('GATEWAY_PING');
      expect(JSON.stringify(responses)).toContain('[REDACTED]');
      expect(sightings).toEqual([]);
      expect(fragments).toEqual([]);
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 300_000),
  );
});
