/**
 * A connection tells its worker when a ping is in flight (`onPingInFlight`,
 * which holds the worker's batches back meanwhile: `worker-batch.ts`): true
 * once the ping is on the wire, before its frame-log entry is emitted (so that
 * entry's batch is held too), false once it is answered or lost — before the
 * outcome is emitted, so the outcome's batch goes out at once — and false
 * when the loop stops with a ping still out.
 *
 * All of that, and the frame-log entry, happens before the ping's clock is
 * read: on a busy machine the answer can wait for the sending thread to go
 * idle, so nothing but the send itself may follow that reading.
 */
import { describe, expect, it } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { createFakeClock } from '../../support/fake-clock';
import type { FakeClock } from '../../support/fake-clock';
import { HELLO, PING_ANSWER, startTestServer, waitFor } from './test-gateway-server';
import { IDENTITY, gatewayScope } from './harness';

const scope = gatewayScope();

async function start(
  answering: { on: boolean },
  onOut: (c: ReturnType<typeof createGatewayConnection>, clock: FakeClock) => void = () => {},
) {
  scope.server = await startTestServer({
    framing: 'text',
    onConnection: (c) => c.send(HELLO),
    onFrame(c, frame) {
      if (frame.message?.['type'] === 3 && answering.on) c.send(PING_ANSWER);
    },
  });
  const clock = createFakeClock();
  const log: string[] = [];
  scope.conn = createGatewayConnection(
    {
      url: scope.server.url,
      dialect: 'documented',
      mode: 'ping-only',
      identity: IDENTITY,
      flags: 0,
      clock,
      random: () => 1,
      pingIntervalMs: 1000,
      pingTimeoutMs: 1000,
    },
    { onPingInFlight: (inFlight) => log.push(inFlight ? 'in flight' : 'settled') },
  );
  scope.conn.on('ping', (p) => log.push(p.lost ? 'lost' : 'answered'));
  scope.conn.on('frame', (f) => {
    if (f.direction !== 'out') return;
    log.push(`sent ${JSON.stringify(f.raw)}`);
    if (scope.conn) onOut(scope.conn, clock);
  });
  scope.conn.connect();
  const sc = await scope.server.nextConn();
  return { clock, log, sc, c: scope.conn };
}

describe('a ping in flight, as the worker is told', () => {
  it('is in flight from its send until its answer, settled before the answer is emitted', async () => {
    const { log, sc, c } = await start({ on: true });
    await waitFor(() => log.includes('answered'), 'the first answer');
    expect(log).toEqual(['in flight', 'sent {"type":3}', 'settled', 'answered']);
    expect(c.state).toBe('ready');
    expect(sc.frames).toEqual([{ isBinary: false, gzip: false, message: { type: 3 } }]);
  });

  it('settles when it goes unanswered or is lost, and each ping is the same frame', async () => {
    const answering = { on: false };
    const { clock, log, sc } = await start(answering);
    await waitFor(() => sc.frames.length === 1, 'the first ping');
    // Unanswered before any answer (waiting for the bot): settled, no outcome.
    clock.advance(1000);
    expect(log).toEqual(['in flight', 'sent {"type":3}', 'settled']);
    // Pinging again after the late window.
    clock.advance(1000);
    await waitFor(() => sc.frames.length === 2, 'the second ping');
    expect(log.slice(3)).toEqual(['in flight', 'sent {"type":3}']);
    expect(sc.frames[1]).toEqual(sc.frames[0]);
  });

  it('settles when the connection is stopped with a ping out', async () => {
    const { log, sc, c } = await start({ on: false });
    await waitFor(() => sc.frames.length === 1, 'the first ping');
    c.disconnect();
    expect(log).toEqual(['in flight', 'sent {"type":3}', 'settled']);
  });

  it('does the frame log and the in-flight notice before the round trip starts', async () => {
    // A frame-log listener that takes 5 ms: none of it may count in the RTT.
    const rtts: Array<number | null> = [];
    const { log } = await start({ on: true }, (_c, clock) => clock.advance(5));
    scope.conn?.on('ping', (p) => rtts.push(p.rttMs));
    await waitFor(() => log.includes('answered'), 'the first answer');
    expect(log).toEqual(['in flight', 'sent {"type":3}', 'settled', 'answered']);
    expect(rtts).toEqual([0]);
  });

  it('sends nothing when a frame-log listener stopped the connection, and settles once', async () => {
    const { log, sc, c } = await start({ on: true }, (conn) => conn.disconnect());
    await waitFor(() => log.includes('settled'), 'the settled flight');
    // Give a ping that went out anyway the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sc.frames).toEqual([]);
    expect(log).toEqual(['in flight', 'sent {"type":3}', 'settled']);
    expect(c.counters().pingsSent).toBe(0);
  });
});
