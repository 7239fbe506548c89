/**
 * Hostile bridge messages against a real `shardwatch serve` in a child
 * process (docs/reliability.md §11): the attacker holds the session token
 * and sends anything over the loopback WebSocket — any JSON value as the
 * whole message, as `channel`, as `args` or as one argument of a real
 * channel, objects with `toString`/`valueOf`/`then`/`__proto__`/`constructor`
 * keys, huge numbers, deep nesting, binary frames, text that is not JSON.
 *
 * Every message gets exactly one well-formed answer (an ApiResult), the
 * process never exits and never reports an unhandled rejection, and it still
 * serves a normal request afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_CHANNELS } from '../../../shared/api';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';
import type { CliChild } from '../../support/cli-child';
import { runCli } from '../../support/cli-child';
import { tempDirs } from '../../reliability/core-harness';
import { channelValue, hostileValue } from '../../reliability/hostile-values';
import { size, timeoutFor } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('bridge-fuzz');
const RUNS = size(300, 20_000);
const dirs = tempDirs();

let dir: string;
let serve: CliChild;
let ws: WebSocket;
let tried = 0;
const answers: unknown[] = [];
let waiting: { resolve(msg: unknown): void; reject(err: Error): void } | null = null;

beforeAll(async () => {
  dir = dirs.make();
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  serve = runCli([
    'serve',
    '--port',
    '0',
    '--no-demo',
    '--data-dir',
    join(dir, 'data'),
    '--static-dir',
    dir,
  ]);
  const m = await serve.waitFor(/running at http:\/\/(127\.0\.0\.1:\d+)\/\?token=(\S+)/);
  ws = new WebSocket(`ws://${m[1]}${BRIDGE_PATH}?${TOKEN_PARAM}=${m[2]}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as Record<string, unknown>;
    if ('event' in msg) return;
    answers.push(msg);
    const w = waiting;
    waiting = null;
    w?.resolve(msg);
  });
  void serve.exited.then((code) => {
    const w = waiting;
    waiting = null;
    w?.reject(new Error(`serve exited (${code}):\n${serve.output().slice(-2000)}`));
  });
}, 60_000);

afterAll(async () => {
  ws?.terminate();
  if (serve) await serve.stop();
  dirs.cleanup();
  card.add('inputsTried', tried);
});

/** Send one raw message and wait for its answer (the bridge answers in order here: one at a time). */
function exchange(data: string | Buffer, binary = false): Promise<unknown> {
  tried++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting = null;
      reject(
        new Error(
          `no answer to ${String(data).slice(0, 200)}; serve output:\n${serve.output().slice(-2000)}`,
        ),
      );
    }, 15_000);
    waiting = {
      resolve(msg) {
        clearTimeout(timer);
        resolve(msg);
      },
      reject(err) {
        clearTimeout(timer);
        reject(err);
      },
    };
    ws.send(data, { binary });
  });
}

/** An answer the renderer client can read: `{ id, result: ApiResult }`. */
function expectWellFormed(answer: unknown, sent: string): void {
  expect(answer, sent).toMatchObject({ id: expect.any(Number) });
  const result = (answer as { result: unknown }).result as Record<string, unknown>;
  expect(typeof result.ok, sent).toBe('boolean');
  if (result.ok === false) {
    const error = result.error as Record<string, unknown>;
    expect(typeof error.code, sent).toBe('string');
    expect(typeof error.message, sent).toBe('string');
    expect((error.message as string).length, sent).toBeLessThan(600);
  }
}

function alive(): boolean {
  return serve.child.exitCode === null && serve.child.signalCode === null;
}

describe('bridge under hostile messages', () => {
  it('regression: a channel that is an object (its toString not a function) does not end serve', async () => {
    for (const channel of [{ toString: 1 }, { valueOf: {}, toString: 'x' }, ['query:snapshot']]) {
      const sent = JSON.stringify({ id: 7, channel, args: [] });
      const answer = await exchange(sent);
      expectWellFormed(answer, sent);
      expect(answer).toMatchObject({
        id: 7,
        result: { ok: false, error: { code: 'bad-request' } },
      });
    }
    expect(alive()).toBe(true);
  });

  it(
    'answers every message of any shape and stays up',
    async () => {
      const message = fc.oneof(
        fc
          .record({ id: fc.nat(), channel: channelValue, args: hostileValue })
          .map((m) => JSON.stringify(m)),
        fc
          .record({
            id: fc.nat(),
            channel: fc.constantFrom(...API_CHANNELS),
            args: fc.array(hostileValue, { maxLength: 4 }),
          })
          .map((m) => JSON.stringify(m)),
        hostileValue.map((v) => JSON.stringify(v) ?? 'undefined'),
        fc
          .record({
            id: hostileValue,
            channel: fc.constantFrom(...API_CHANNELS),
            args: hostileValue,
          })
          .map((m) => JSON.stringify(m)),
        fc.string({ maxLength: 200 }),
      );
      await fc.assert(
        fc.asyncProperty(message, async (sent) => {
          const answer = await exchange(sent);
          expectWellFormed(answer, sent);
          expect(alive()).toBe(true);
        }),
        { numRuns: RUNS, seed: 1101 },
      );
      // Binary frames and raw bytes.
      for (const bytes of [Buffer.from([0xff, 0x00, 0x7b]), Buffer.from('{"id":1}')]) {
        expectWellFormed(await exchange(bytes, true), 'binary');
      }
      const snap = await exchange(JSON.stringify({ id: 99, channel: 'query:snapshot', args: [] }));
      expect(snap).toMatchObject({ id: 99, result: { ok: true, value: { mode: 'browser' } } });
      expect(alive()).toBe(true);
      expect(serve.output()).not.toMatch(/unhandled|uncaught|TypeError|RangeError/i);
      card.detail('answers received', answers.length);
    },
    timeoutFor(120_000, 1_800_000),
  );
});
