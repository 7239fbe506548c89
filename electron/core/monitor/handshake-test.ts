/**
 * "Test connection": one full handshake against a gateway, step by step,
 * with the time of each step — reachability, upgrade, HELLO, auth, READY and
 * the first ping — and what the server reported.
 */
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import type { GatewayConnection } from '../gateway/connection';
import type { GatewayConnectionOptions } from '../gateway/options';
import { createGatewayConnection } from '../gateway/connection';
import type { HandshakeReport, ReadySummary } from '../../../shared/model';
import { dialectSpec } from '../../../shared/dialects';
import { readySummary } from './profile-runtime';

type Step = HandshakeReport['steps'][number];

/** Options of {@link runHandshakeTest}. */
export interface HandshakeTestOptions {
  connection: Omit<GatewayConnectionOptions, 'autoReconnect' | 'clock'>;
  clock?: Clock;
  /** Give up after this long in total (default 15 s). */
  timeoutMs?: number;
  connectionFactory?: (options: GatewayConnectionOptions) => GatewayConnection;
}

/** Run one handshake and report each step. Never throws. */
export function runHandshakeTest(opts: HandshakeTestOptions): Promise<HandshakeReport> {
  const clock = opts.clock ?? systemClock;
  const spec = dialectSpec(opts.connection.dialect);
  const t0 = clock.now();
  const elapsed = (): number => Math.round((clock.now() - t0) * 100) / 100;
  const steps = new Map<Step['step'], Step>();
  const mark = (step: Step['step'], ok: boolean | null, detail: string): void => {
    steps.set(step, { step, ok, ms: ok === null ? null : elapsed(), detail });
  };
  let ready: ReadySummary | null = null;
  let shardsReported: number | null = null;

  return new Promise<HandshakeReport>((resolve) => {
    let conn: GatewayConnection;
    let finished = false;
    const timer = clock.setTimeout(
      () => finish(`No answer within ${Math.round((opts.timeoutMs ?? 15_000) / 1000)} s.`),
      opts.timeoutMs ?? 15_000,
    );

    function finish(error: string | null): void {
      if (finished) return;
      finished = true;
      clock.clearTimeout(timer);
      conn?.dispose();
      const order: Array<Step['step']> = [
        'reach',
        'upgrade',
        'hello',
        'auth',
        'ready',
        'first-ping',
      ];
      const list = order.map(
        (s) =>
          steps.get(s) ?? {
            step: s,
            ok: null,
            ms: null,
            detail: error ? 'not reached' : 'skipped',
          },
      );
      if (!spec.sendsHello && !steps.has('hello')) {
        const hello = list.find((s) => s.step === 'hello');
        if (hello) hello.detail = 'this dialect does not require HELLO';
      }
      resolve({
        ok: error === null,
        steps: list,
        ready,
        shardsReported,
        reportsShardStats: spec.reportsShardStats,
        error,
      });
    }

    try {
      conn = (opts.connectionFactory ?? createGatewayConnection)({
        ...opts.connection,
        clock,
        autoReconnect: false,
      });
    } catch (err) {
      mark('reach', false, err instanceof Error ? err.message : 'invalid settings');
      finish(err instanceof Error ? err.message : 'The settings are not valid.');
      return;
    }
    conn.on('state', (ev) => {
      if (ev.state === 'handshaking' || ev.state === 'registering') {
        if (!steps.has('reach')) mark('reach', true, 'TCP connection opened');
        if (!steps.has('upgrade')) mark('upgrade', true, 'WebSocket upgrade accepted');
      }
      if (ev.state === 'auth-refused') {
        mark('auth', false, ev.detail);
        finish(ev.detail);
      } else if (ev.state === 'failed' || ev.state === 'reconnecting' || ev.state === 'closed') {
        if (!steps.has('reach')) mark('reach', ev.kind !== 'unreachable', ev.detail);
        else if (!steps.has('upgrade')) mark('upgrade', false, ev.detail);
        finish(ev.detail || `Connection ended (${ev.state}).`);
      }
    });
    conn.on('hello', (h) =>
      mark(
        'hello',
        true,
        h.startingShards === null ? 'HELLO received' : `HELLO, starting_shards ${h.startingShards}`,
      ),
    );
    conn.on('ready', (r) => {
      mark('auth', true, 'credentials accepted');
      ready = readySummary(r, clock.wallNow());
      mark(
        'ready',
        true,
        `${r.event}: bot ${r.botId ?? 'unknown'}, session ${r.sessionIdShort ?? 'none'}`,
      );
    });
    conn.on('shards', (ev) => {
      shardsReported = ev.reportsShardStats ? ev.shards.length : null;
    });
    conn.on('ping', (ev) => {
      if (ev.lost) {
        mark('first-ping', false, 'the first ping got no answer in time');
        finish('The gateway did not answer the first ping.');
      } else {
        mark('first-ping', true, `RTT ${ev.rttMs?.toFixed(2)} ms`);
        finish(null);
      }
    });
    conn.connect();
  });
}
