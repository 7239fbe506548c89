/**
 * Quitting Shardwatch while a receiver holds a request open: the queue does
 * not wait for the answer (or the request timeout), and the message is still
 * waiting after the restart, with no attempt logged for the aborted request.
 * A receiver on loopback that never answers; the queue on the fake clock
 * (delivery-rig.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { add, channelInput, enqueueOpen, rig } from './delivery-rig';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((done) => s.close(() => done()));
  }
});

/** A receiver that takes a request and never answers; resolves its address and the first request's arrival. */
async function silentReceiver(): Promise<{ url: string; arrived: Promise<void> }> {
  let arrived!: () => void;
  const first = new Promise<void>((done) => (arrived = done));
  const server = createServer(() => arrived());
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/in`, arrived: first };
}

describe('quitting with a request in flight', () => {
  it('does not wait for the receiver, and the message is still queued after the restart', async () => {
    const silent = await silentReceiver();
    // A request timeout far longer than any test: only the abort can end the request.
    const r = rig(undefined, undefined, undefined, { timeoutMs: 60 * 60_000 });
    const id = add(r, channelInput('webhook', silent.url));
    enqueueOpen(r, id, [1]);
    r.clock.advance(0);
    await silent.arrived;

    await r.queue.dispose();

    const again = r.reopen();
    expect(again.queue.queued(id)).toBe(1);
    expect(again.queue.log(id, 10)).toEqual([]);
    await again.queue.dispose();
  });
});
