/**
 * A worker connection's facts cross as what changed since its last batch
 * (`gateway-worker.ts`): what the main thread reports is still the whole
 * snapshot — the READY and a server message learned once stay while pings go
 * on, the counters move, a command's answer is the worker's — and a secret in
 * a server message is in it only scrubbed.
 */
import { describe, expect, it } from 'vitest';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import { IDENTITY, SECRET, gatewayScope, record } from './harness';
import { startAnsweringServer, waitFor } from './test-gateway-server';

const scope = gatewayScope();

describe('facts of a worker connection', () => {
  it('keep what was learned once while pings change the counters; secrets scrubbed', async () => {
    scope.server = await startAnsweringServer();
    const c = createWorkerGatewayConnection({
      url: scope.server.url,
      dialect: 'documented',
      identity: IDENTITY,
      flags: 0,
      pingIntervalMs: 50,
      pingIntervalFloorMs: 50,
    });
    scope.conn = c;
    const rec = record(c);
    c.connect();
    const sc = await scope.server.nextConn();
    await waitFor(() => c.state === 'ready', 'ready');
    sc.send({ type: 2, event: 'GATEWAY_ERROR', possible_error: true, message: `bad ${SECRET}` });
    await waitFor(() => rec.of('server-message').length === 1, 'the server message');
    const pings = rec.of('ping').length;
    await waitFor(() => rec.of('ping').length >= pings + 3, 'three more pings');

    const snap = c.snapshot();
    expect(snap.ready?.event).toBe('GATEWAY_READY');
    expect(snap.lastServerMessage?.message).toBe('bad [REDACTED]');
    expect(snap.pingsSent).toBeGreaterThanOrEqual(pings + 3);
    expect(snap.lastRttMs).not.toBeNull();
    expect(snap.state).toBe('ready');
    expect(JSON.stringify(snap)).not.toContain(SECRET);

    c.disconnect();
    await waitFor(() => c.snapshot().pingsSent === c.counters().pingsSent, 'the last batch');
    const closed = c.snapshot();
    expect(closed.state).toBe('closed');
    expect(closed.lastServerMessage?.message).toBe('bad [REDACTED]');
    expect(closed.ready?.event).toBe('GATEWAY_READY');
  });
});
