/**
 * A snapshot's memory goes back as soon as it has been read (give-back.ts),
 * not at a thread's next full collection:
 * - in the connection that reads frames into columns (the worker's), a
 *   frame the shard-info decoder took, and the text it inflated from a
 *   compressed one; never a frame it declined, which the general path reads;
 * - in a worker connection on the main thread, the columns of the last
 *   snapshot once the next one has been handed out, while the new ones
 *   read in full.
 */
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import type { Recorded } from './harness';
import { IDENTITY, SECRET, gatewayScope, readyConnection } from './harness';
import { waitFor } from './test-gateway-server';
import { wireShard } from '../../support/wire-shards';

const scope = gatewayScope();

afterEach(() => {
  vi.restoreAllMocks();
});

function snapshotText(count: number, step: number, extra: (i: number) => object = () => ({})) {
  const shards = Array.from({ length: count }, (_, i) =>
    wireShard(i, { sending: 200 + i + step, ...extra(i) }),
  );
  return JSON.stringify({ data: [[[[shards]]]], event: 'GATEWAY_SHARD_INFO', type: 1 });
}

/** The sizes of the buffers given back in this thread (an ArrayBuffer reads 0 bytes after). */
function givenBackSizes(): number[] {
  const sizes: number[] = [];
  const transfer = ArrayBuffer.prototype.transfer;
  vi.spyOn(ArrayBuffer.prototype, 'transfer').mockImplementation(function (
    this: ArrayBuffer,
    n?: number,
  ) {
    sizes.push(this.byteLength);
    return transfer.call(this, n);
  });
  return sizes;
}

const options = (url: string) => ({
  url,
  dialect: 'documented' as const,
  identity: IDENTITY,
  flags: 0,
  pingIntervalMs: 300_000,
});

const infos = (rec: Recorded) => rec.of('shards').filter((s) => s.source === 'shard-info');

describe('a snapshot read into columns', () => {
  it('gives its frame back, and the text inflated from a compressed one; not a frame the decoder declined', async () => {
    const { rec, send } = await readyConnection(scope, (url) =>
      createGatewayConnection(options(url), { columns: true }),
    );
    const sizes = givenBackSizes();
    const plain = snapshotText(2000, 1);
    const inflated = snapshotText(2100, 2);
    const declined = snapshotText(2000, 3, (i) => (i === 7 ? { note: SECRET } : {}));
    send(plain, false);
    send(deflateSync(Buffer.from(inflated)), true);
    send(declined, false);
    await waitFor(() => infos(rec).length === 3, 'the snapshots');

    expect(sizes).toContain(Buffer.byteLength(plain));
    expect(sizes).toContain(Buffer.byteLength(inflated));
    // Scrubbed on the general path, which read that frame in full.
    expect(sizes).not.toContain(Buffer.byteLength(declined));
    expect(infos(rec)[2]?.shards[7]?.extra).toEqual({ note: '[REDACTED]' });
    // What the columns say was read before the frame went back.
    expect(infos(rec)[0]?.columns?.count).toBe(2000);
    expect(infos(rec)[0]?.shards[1999]).toMatchObject({ shard_id: 1999, sending: 2200 });
    expect(infos(rec)[1]?.shards[5]).toMatchObject({ shard_id: 5, sending: 207 });
    expect(scope.conn?.counters().protocolErrors).toBe(0);
  });
});

describe('a worker connection on the main thread', () => {
  it("gives the last snapshot's columns back once the next is handed out; the new ones read in full", async () => {
    const { rec, send } = await readyConnection(scope, (url) =>
      createWorkerGatewayConnection(options(url)),
    );
    // Read during the event, as the shard tracker reads them.
    const seen: number[] = [];
    scope.conn?.on('shards', (ev) => {
      const c = ev.columns;
      if (c) seen.push(c.counters[c.count * 4 - 2] as number);
    });

    send(snapshotText(3000, 1), false);
    await waitFor(() => infos(rec).length === 1, 'the first snapshot');
    const first = infos(rec)[0];
    const firstList = first?.shards;
    expect(first?.columns?.ids.length).toBe(3000);

    send(snapshotText(3000, 2), false);
    await waitFor(() => infos(rec).length === 2, 'the second snapshot');
    // The first went back; a list read from it before stays.
    expect(first?.columns?.ids.length).toBe(0);
    expect(firstList?.[2999]).toMatchObject({ shard_id: 2999, sending: 3200 });
    const second = infos(rec)[1];
    expect(second?.columns?.ids[2999]).toBe(2999);

    send(snapshotText(3000, 3), false);
    await waitFor(() => infos(rec).length === 3, 'the third snapshot');
    // The second's list was never read while it held: reading it now says why it cannot.
    expect(() => second?.shards).toThrow(/read it during the 'shards' event/);
    expect(infos(rec)[2]?.shards[2999]).toMatchObject({ shard_id: 2999, sending: 3202 });
    // Each listener read each snapshot's own last `sending` (200 + 2999 + step).
    expect(seen).toEqual([3200, 3201, 3202]);

    // A bot of 1,000 shards: its ids (8 KiB) stay with the collector, its
    // counters (32 KiB) go back; a late read still says why it cannot.
    send(snapshotText(1000, 4), false);
    await waitFor(() => infos(rec).length === 4, 'the small snapshot');
    const small = infos(rec)[3];
    send(snapshotText(1000, 5), false);
    await waitFor(() => infos(rec).length === 5, 'the next small snapshot');
    expect(small?.columns?.ids.length).toBe(1000);
    expect(small?.columns?.counters.length).toBe(0);
    expect(() => small?.shards).toThrow(/read it during the 'shards' event/);
  });
});
