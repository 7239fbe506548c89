/**
 * The frame log's text of a connection in a worker thread is made in that
 * thread (`frame-text.ts`) and crosses instead of the parsed frame: for the
 * same frames it is the text the main thread made of an in-process
 * connection's frames, and a frame holding a profile's secret is in it only
 * scrubbed.
 */
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConnection, GatewayEvents } from '../../../electron/core/gateway/connection';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { frameLogText } from '../../../electron/core/gateway/frame-text';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import type { GatewayConnectionOptions } from '../../../electron/core/gateway/options';
import { IDENTITY, PUBLIC_KEY, SECRET } from './harness';
import type { TestServer } from './test-gateway-server';
import { readyMessage, startTestServer, waitFor } from './test-gateway-server';
import { wireShard } from '../../support/wire-shards';

let server: TestServer | null = null;
const conns: GatewayConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) c.dispose();
  await server?.close();
  server = null;
});

const shardInfo = (shards: Array<Record<string, unknown>>) =>
  JSON.stringify({
    data: [[[[shards]]]],
    event: 'GATEWAY_SHARD_INFO',
    service: 'gateway',
    type: 1,
  });

/** What the gateway sends after READY, in order: the last one says the script is over. */
const SCRIPT: Array<[string | Buffer, boolean]> = [
  [JSON.stringify({ type: 3, event: 'GATEWAY_PING', data: { t: 1 } }), false],
  [
    JSON.stringify({ type: 1, event: 'SOMETHING_NEW', data: { said: `key ${SECRET} here` } }),
    false,
  ],
  [
    JSON.stringify({ type: 8, event: 'INTERACTION_CREATE', data: { shard_id: 0, token: 'x' } }),
    false,
  ],
  [
    JSON.stringify({ type: 1, event: 'GATEWAY_READY', data: { session_id: 'abcdefghijklmnop' } }),
    false,
  ],
  ['{"type":1,"event":', false],
  [shardInfo(Array.from({ length: 3000 }, (_, i) => wireShard(i))), false],
  [
    shardInfo(Array.from({ length: 40 }, (_, i) => wireShard(i, i === 7 ? { token: SECRET } : {}))),
    false,
  ],
  [deflateSync(Buffer.from(shardInfo(Array.from({ length: 2500 }, (_, i) => wireShard(i))))), true],
  [JSON.stringify({ type: 1, event: 'BIG', data: 'é'.repeat(70_000), note: PUBLIC_KEY }), false],
  [JSON.stringify({ type: 1, event: 'LAST', data: {} }), false],
];

function options(url: string): GatewayConnectionOptions {
  return {
    url,
    dialect: 'documented',
    identity: IDENTITY,
    flags: 0,
    // Only the frames of the script: no ping traffic.
    pingIntervalMs: 300_000,
  };
}

/** The frame log lines one connection gives for the script, as `pushFrame` makes them. */
async function logOf(conn: GatewayConnection): Promise<{
  lines: Array<{ direction: string; event: string | null; text: string }>;
  frames: Array<GatewayEvents['frame']>;
}> {
  conns.push(conn);
  const frames: Array<GatewayEvents['frame']> = [];
  conn.on('frame', (f) => frames.push(f));
  conn.connect();
  const sc = await server!.nextConn();
  await waitFor(() => conn.state === 'ready', 'ready');
  for (const [data, binary] of SCRIPT) sc.sendRaw(data, binary);
  await waitFor(() => frames.some((f) => f.event === 'LAST'), 'the last frame of the script');
  conn.dispose();
  const lines = frames.map((f) => ({
    direction: f.direction,
    event: f.event,
    text: frameLogText(f),
  }));
  return { lines, frames };
}

describe('frame log text from a worker connection', () => {
  it('is the text an in-process connection gives for the same frames, secrets scrubbed', async () => {
    server = await startTestServer({
      framing: 'text',
      onFrame(c, frame) {
        if (frame.message?.['type'] === 1) c.send(readyMessage());
      },
    });
    const url = server.url;
    const inProcess = await logOf(createGatewayConnection(options(url)));
    const worker = await logOf(createWorkerGatewayConnection(options(url)));

    expect(worker.lines).toEqual(inProcess.lines);
    // Every frame crossed as its text, none as the parsed frame.
    expect(worker.frames.every((f) => f.raw === null && typeof f.text === 'string')).toBe(true);
    const texts = worker.lines.map((l) => l.text);
    expect(texts.some((t) => t.includes('key [REDACTED] here'))).toBe(true);
    expect(texts.some((t) => /… \(\d+ bytes\)$/.test(t))).toBe(true);
    const all = JSON.stringify(worker.lines);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(PUBLIC_KEY);
    expect(all).not.toContain('abcdefghijklmnop');
  });
});
