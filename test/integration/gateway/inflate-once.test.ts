/**
 * A compressed frame is inflated once on its way through a connection that
 * reads snapshots into columns (the worker's): when the shard-info decoder
 * inflates a frame and then declines it (a snapshot holding a secret, any
 * other event), the general path reads the bytes it inflated. A hostile
 * gateway's compressed frames cost one inflate each, not two.
 */
import * as zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { IDENTITY, SECRET, gatewayScope, readyConnection } from './harness';
import { waitFor } from './test-gateway-server';
import { wireShard } from '../../support/wire-shards';

/** Every inflate of the process, counted (the module's own functions, called through). */
const inflates = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:zlib', async (importOriginal) => {
  const real = await importOriginal<typeof zlib>();
  return {
    ...real,
    inflateSync: (...a: Parameters<typeof real.inflateSync>) => {
      inflates.count++;
      return real.inflateSync(...a);
    },
    gunzipSync: (...a: Parameters<typeof real.gunzipSync>) => {
      inflates.count++;
      return real.gunzipSync(...a);
    },
  };
});

const scope = gatewayScope();

function snapshotText(secretAt: number | null): string {
  const shards = Array.from({ length: 2000 }, (_, i) =>
    wireShard(i, i === secretAt ? { note: SECRET } : {}),
  );
  return JSON.stringify({ data: [[[[shards]]]], event: 'GATEWAY_SHARD_INFO', type: 1 });
}

describe('compressed frames through a columns connection', () => {
  it('are inflated once, taken by the decoder or declined by it', async () => {
    const { rec, send } = await readyConnection(scope, (url) =>
      createGatewayConnection(
        { url, dialect: 'documented', identity: IDENTITY, flags: 0, pingIntervalMs: 300_000 },
        { columns: true },
      ),
    );
    const infos = () => rec.of('shards').filter((s) => s.source === 'shard-info');

    const before = inflates.count;
    // Clean: the decoder takes it.
    send(zlib.deflateSync(Buffer.from(snapshotText(null))), true);
    // A secret in it: the decoder declines, the general path scrubs it.
    send(zlib.gzipSync(Buffer.from(snapshotText(7))), true);
    // Another event, over a kilobyte on the wire so the decoder looks at it: declined too.
    const words = Array.from({ length: 1500 }, (_, i) => ((i * 7919) % 10007).toString(36));
    const notice = { type: 1, event: 'GATEWAY_NOTICE', data: { text: words.join(' ') } };
    const noticeWire = zlib.deflateSync(Buffer.from(JSON.stringify(notice)));
    expect(noticeWire.length).toBeGreaterThan(1024);
    send(noticeWire, true);
    await waitFor(() => infos().length === 2 && rec.of('unknown-event').length === 1, 'the frames');

    expect(inflates.count - before).toBe(3);
    expect(infos()[0]?.columns?.count).toBe(2000);
    expect(infos()[1]?.shards[7]?.extra).toEqual({ note: '[REDACTED]' });
    const compressed = rec.of('frame').filter((f) => f.direction === 'in' && f.encoding !== 'text');
    expect(compressed.map((f) => f.encoding)).toEqual(['zlib', 'gzip', 'zlib']);
    expect(scope.conn?.counters().protocolErrors).toBe(0);
  });
});
