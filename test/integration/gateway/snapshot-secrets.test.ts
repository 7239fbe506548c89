/**
 * Shard snapshots skip the connection's secret walk when the codec proves
 * a frame cannot hold a secret; these tests make sure a secret still never
 * leaves through the `frame` or `shards` events (or the snapshot), whether
 * the gateway puts it in plainly, in a key, spelt with JSON escapes, in the
 * register answer, or in a large compressed snapshot — and that a clean
 * snapshot arrives whole.
 */
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from './test-gateway-server';
import { readyMessage, startTestServer, waitFor } from './test-gateway-server';
import type { Harness } from './harness';
import { PUBLIC_KEY, SECRET, emittedText, makeConnection } from './harness';
import { wireShard } from '../../support/wire-shards';

let server: TestServer | null = null;
let h: Harness | null = null;

afterEach(async () => {
  h?.conn.dispose();
  h = null;
  await server?.close();
  server = null;
});

/** Every character as a JSON \u escape: the frame's text never holds the value itself. */
function escapedJsonString(value: string): string {
  let out = '"';
  for (const ch of value) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return `${out}"`;
}

function shardInfoText(shards: Array<Record<string, unknown>>): string {
  return JSON.stringify({
    type: 1,
    service: 'gateway',
    event: 'GATEWAY_SHARD_INFO',
    data: [[shards]],
  });
}

async function connected(ready: Record<string, unknown> = readyMessage()): Promise<{
  h: Harness;
  send: (data: string | Buffer, binary: boolean) => void;
}> {
  server = await startTestServer({
    framing: 'text',
    onFrame(c, frame) {
      if (frame.message?.['type'] === 1) c.send(ready);
    },
  });
  h = makeConnection(server.url, 'documented');
  h.conn.connect();
  const sc = await server.nextConn();
  await waitFor(() => h!.conn.state === 'ready', 'ready');
  return { h, send: (data, binary) => sc.sendRaw(data, binary) };
}

function expectNoSecret(harness: Harness): void {
  const text = emittedText(harness);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(PUBLIC_KEY);
}

describe('shard snapshots and the connection secrets', () => {
  it('delivers a clean snapshot whole, in the frame and shards events', async () => {
    const { h, send } = await connected();
    const shards = Array.from({ length: 3000 }, (_, i) =>
      wireShard(i, i === 5 ? { zone: 'eu' } : {}),
    );
    send(shardInfoText(shards), false);
    await waitFor(() => h.rec.of('shards').some((s) => s.source === 'shard-info'), 'shards');
    const ev = h.rec.of('shards').find((s) => s.source === 'shard-info');
    expect(ev?.shards).toHaveLength(3000);
    expect(ev?.shards[5]).toEqual({
      shard_id: 5,
      shard_hash: 'hash-5',
      development: false,
      disconnected: false,
      send_ping: 5,
      receibe_ping: 5,
      sending: 205,
      received: 105,
      extra: { zone: 'eu' },
    });
    expect(ev?.shards[6]?.extra).toEqual({});
    const frame = h.rec.of('frame').find((f) => f.event === 'GATEWAY_SHARD_INFO');
    expect(frame?.raw).toEqual(JSON.parse(shardInfoText(shards)));
    expectNoSecret(h);
  });

  it('scrubs secrets sent plainly, in keys, escaped, and in a large zlib snapshot', async () => {
    const { h, send } = await connected();
    const plain = shardInfoText([
      wireShard(0, { token: SECRET }),
      wireShard(1, { [PUBLIC_KEY]: 1 }),
    ]);
    const escaped =
      `{"type":1,"service":"gateway","event":"GATEWAY_SHARD_INFO","data":[[` +
      `{"shard_id":0,"shard_hash":${escapedJsonString(SECRET)},"sending":1},` +
      `{"shard_id":1,${escapedJsonString(PUBLIC_KEY)}:${escapedJsonString(`x${SECRET}x`)}}]]}`;
    expect(escaped).not.toContain(SECRET);
    expect(escaped).not.toContain(PUBLIC_KEY);
    const big = Array.from({ length: 4000 }, (_, i) =>
      wireShard(i, i === 2500 ? { note: `see ${SECRET}` } : {}),
    );
    send(plain, false);
    send(escaped, false);
    send(Buffer.from(escaped, 'utf8'), true);
    send(deflateSync(Buffer.from(shardInfoText(big), 'utf8')), true);
    await waitFor(
      () => h.rec.of('shards').filter((s) => s.source === 'shard-info').length === 4,
      'four snapshots',
    );
    const infos = h.rec.of('shards').filter((s) => s.source === 'shard-info');
    expect(infos[1]?.shards[0]?.shard_hash).toBe('[REDACTED]');
    expect(infos[1]?.shards[1]?.extra).toEqual({ '[REDACTED]': 'x[REDACTED]x' });
    expect(infos[3]?.shards).toHaveLength(4000);
    expect(infos[3]?.shards[2500]?.extra).toEqual({ note: 'see [REDACTED]' });
    expect(h.conn.counters().protocolErrors).toBe(0);
    expectNoSecret(h);
  });

  it('scrubs a secret in the register answer’s shard list', async () => {
    const ready = readyMessage();
    const data = ready['data'] as Record<string, unknown>;
    data['shards_stats'] = [[wireShard(0, { owner: SECRET })]];
    const { h } = await connected(ready);
    const first = h.rec.of('shards')[0];
    expect(first?.source).toBe('ready');
    expect(first?.shards[0]?.extra).toEqual({ owner: '[REDACTED]' });
    expectNoSecret(h);
  });
});
