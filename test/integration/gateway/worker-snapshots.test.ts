/**
 * Shard snapshots through a connection in a worker thread, as the app runs
 * them: a clean `GATEWAY_SHARD_INFO` is read by the shard-info decoder and
 * arrives as columns (its buffers transferred), with the same shards the
 * general path gives; a snapshot that holds a secret in any form takes the
 * general path and arrives scrubbed exactly as in process; the frame log
 * gets the start of a large frame, as text made in the thread.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import type { ReadyConnection, Recorded } from './harness';
import { IDENTITY, PUBLIC_KEY, SECRET, gatewayScope, readyConnection } from './harness';
import { waitFor } from './test-gateway-server';
import { wireShard } from '../../support/wire-shards';

const scope = gatewayScope();

/** A wire shard whose every tenth (ids ending in 3) is disconnected. */
function shard(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return wireShard(id, { disconnected: id % 10 === 3, ...extra });
}

function shardInfoText(shards: Array<Record<string, unknown>>): string {
  return JSON.stringify({
    data: [[[[shards]]]],
    event: 'GATEWAY_SHARD_INFO',
    service: 'gateway',
    type: 1,
  });
}

function connected(): Promise<ReadyConnection> {
  return readyConnection(scope, (url) =>
    createWorkerGatewayConnection({
      url,
      dialect: 'documented',
      identity: IDENTITY,
      flags: 0,
      // Only what the gateway sends in these tests: no ping traffic.
      pingIntervalMs: 300_000,
    }),
  );
}

function infos(rec: Recorded) {
  return rec.of('shards').filter((s) => s.source === 'shard-info');
}

describe('shard snapshots through a worker connection', () => {
  it('arrive as columns with the shards the general path gives, and the frame log gets their start', async () => {
    const { rec, send } = await connected();
    const shards = Array.from({ length: 3000 }, (_, i) => shard(i, i === 5 ? { zone: 'eu' } : {}));
    send(shardInfoText(shards), false);
    await waitFor(() => infos(rec).length === 1, 'the snapshot');
    const ev = infos(rec)[0];
    expect(ev?.columns?.count).toBe(3000);
    expect(ev?.columns?.ids[2999]).toBe(2999);
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
    expect(ev?.shards[13]).toMatchObject({ disconnected: true, extra: {} });
    const frame = rec.of('frame').find((f) => f.event === 'GATEWAY_SHARD_INFO');
    expect(frame?.bytes).toBe(Buffer.byteLength(shardInfoText(shards)));
    // The log's text crosses, made in the thread: the first 4 KiB of the frame and its size.
    expect(frame?.raw).toBeNull();
    const text = shardInfoText(shards);
    expect(frame?.text).toBe(`${text.slice(0, 4096)}… (${Buffer.byteLength(text)} bytes)`);
    expect(scope.conn?.counters().protocolErrors).toBe(0);
  });

  it('a compressed snapshot gives the same shards, logged with its encoding and wire size', async () => {
    const { rec, send } = await connected();
    const shards = Array.from({ length: 3000 }, (_, i) => shard(i));
    const wire = deflateSync(Buffer.from(shardInfoText(shards)));
    send(wire, true);
    await waitFor(() => infos(rec).length === 1, 'the snapshot');
    const ev = infos(rec)[0];
    expect(ev?.columns?.count).toBe(3000);
    expect(ev?.shards[13]).toMatchObject({ shard_id: 13, disconnected: true, received: 113 });
    const frame = rec.of('frame').find((f) => f.event === 'GATEWAY_SHARD_INFO');
    expect(frame).toMatchObject({ encoding: 'zlib', bytes: wire.length });
    expect(scope.conn?.counters().protocolErrors).toBe(0);
  });

  it('counts shard entries without a usable id, as the general path does', async () => {
    const { rec, send } = await connected();
    const shards = [...Array.from({ length: 20 }, (_, i) => shard(i)), { shard_id: -1 }, {}];
    send(shardInfoText(shards), false);
    await waitFor(() => infos(rec).length === 1, 'the snapshot');
    expect(infos(rec)[0]?.columns?.count).toBe(20);
    await waitFor(() => rec.of('protocol-error').length === 1, 'the protocol error');
    expect(rec.of('protocol-error')[0]).toMatchObject({ kind: 'bad-shard' });
  });

  it('scrub secrets in a snapshot, plainly, as fragments, escaped and compressed', async () => {
    const { rec, send } = await connected();
    const many = (extra: (i: number) => Record<string, unknown>) =>
      Array.from({ length: 40 }, (_, i) => shard(i, extra(i)));
    send(shardInfoText(many((i) => (i === 7 ? { token: SECRET } : {}))), false);
    send(shardInfoText(many((i) => (i === 8 ? { note: `x${SECRET.slice(2, 14)}y` } : {}))), false);
    send(
      shardInfoText(many(() => ({}))).replace('"hash-9"', JSON.stringify(`\\u00${'41'}${SECRET}`)),
      false,
    );
    send(
      deflateSync(Buffer.from(shardInfoText(many((i) => (i === 30 ? { k: SECRET } : {}))))),
      true,
    );
    await waitFor(() => infos(rec).length === 4, 'four snapshots');
    const [plain, fragment, escaped, zlib] = infos(rec);
    expect(plain?.shards[7]?.extra).toEqual({ token: '[REDACTED]' });
    expect(fragment?.shards[8]?.extra).toEqual({ note: 'x[REDACTED]y' });
    expect(escaped?.shards[9]?.shard_hash).not.toContain(SECRET);
    expect(zlib?.shards[30]?.extra).toEqual({ k: '[REDACTED]' });
    const text = JSON.stringify(rec.events) + JSON.stringify(scope.conn?.snapshot());
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(2, 14));
    expect(text).not.toContain(PUBLIC_KEY);
  });
});
