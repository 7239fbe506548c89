/**
 * "Test connection": one handshake against a gateway, step by step, with the
 * time of each step — reachability, upgrade, HELLO, credentials and the
 * first ping — and what the server reported.
 *
 * A test never registers (docs/protocol.md §1): registering can route the
 * bot's interactions to the test's connection, which then closes and takes
 * them with it. So the test pings only, whatever the profile's mode, and
 * the `ready` step says it was skipped on purpose.
 */
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import type { GatewayConnection } from '../gateway/connection';
import type { GatewayConnectionOptions } from '../gateway/options';
import { openGatewayConnection } from '../gateway/worker-connection';
import type { HandshakeReport } from '../../../shared/command-results';
import { sayEnglish } from '../../../shared/i18n/translator';
import { dialectSpec } from '../../../shared/dialects';

type Step = HandshakeReport['steps'][number];

/** Options of {@link runHandshakeTest}. */
export interface HandshakeTestOptions {
  connection: Omit<GatewayConnectionOptions, 'autoReconnect' | 'clock' | 'mode'>;
  clock?: Clock;
  /** Give up after this long in total (default 15 s). */
  timeoutMs?: number;
  connectionFactory?: (options: GatewayConnectionOptions) => GatewayConnection;
}

const ORDER: ReadonlyArray<Step['step']> = [
  'reach',
  'upgrade',
  'hello',
  'auth',
  'ready',
  'first-ping',
];

/** Run one handshake and report each step. Never throws. */
export function runHandshakeTest(opts: HandshakeTestOptions): Promise<HandshakeReport> {
  const clock = opts.clock ?? systemClock;
  const say = opts.connection.say ?? sayEnglish;
  const spec = dialectSpec(opts.connection.dialect);
  const t0 = clock.now();
  const elapsed = (): number => Math.round((clock.now() - t0) * 100) / 100;
  const steps = new Map<Step['step'], Step>();
  const mark = (step: Step['step'], ok: boolean | null, detail: string): void => {
    if (!steps.has(step)) steps.set(step, { step, ok, ms: ok === null ? null : elapsed(), detail });
  };
  mark('ready', null, say(spec.monitorMayRegister ? 'test.readyNotSent' : 'test.readyNever'));

  return new Promise<HandshakeReport>((resolve) => {
    let conn: GatewayConnection;
    let finished = false;
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const timer = clock.setTimeout(
      () => finish(say('test.noAnswer', { seconds: Math.round(timeoutMs / 1000) })),
      timeoutMs,
    );

    function finish(error: string | null, waitingForBot = false): void {
      if (finished) return;
      finished = true;
      clock.clearTimeout(timer);
      conn?.dispose();
      const list = ORDER.map(
        (s) =>
          steps.get(s) ?? {
            step: s,
            ok: null,
            ms: null,
            detail: say(error ? 'test.notReached' : 'test.skipped'),
          },
      );
      if (!spec.sendsHello && !steps.has('hello')) {
        const hello = list.find((s) => s.step === 'hello');
        if (hello) hello.detail = say('test.noHelloInDialect');
      }
      resolve({
        ok: error === null,
        waitingForBot,
        steps: list,
        ready: null,
        shardsReported: null,
        reportsShardStats: false,
        error,
      });
    }

    try {
      conn = (opts.connectionFactory ?? openGatewayConnection)({
        ...opts.connection,
        mode: 'ping-only',
        clock,
        autoReconnect: false,
      });
    } catch (err) {
      mark('reach', false, err instanceof Error ? err.message : say('test.invalidSettings'));
      finish(err instanceof Error ? err.message : say('test.settingsNotValid'));
      return;
    }
    conn.on('state', (ev) => {
      if (ev.state === 'handshaking' || ev.state === 'waiting' || ev.state === 'ready') {
        mark('reach', true, say('test.tcpOpened'));
        mark('upgrade', true, say('test.upgradeAccepted'));
      }
      if (ev.state === 'waiting') {
        const waiting = say('connection.waitingForBot');
        mark('first-ping', false, waiting);
        finish(waiting, true);
      } else if (ev.state === 'auth-refused') {
        mark('auth', false, ev.detail);
        finish(ev.detail);
      } else if (ev.state === 'failed' || ev.state === 'reconnecting' || ev.state === 'closed') {
        if (!steps.has('reach')) mark('reach', ev.kind !== 'unreachable', ev.detail);
        else if (!steps.has('upgrade')) mark('upgrade', false, ev.detail);
        finish(ev.detail || say('test.ended', { state: say(`state.${ev.state}`) }));
      }
    });
    conn.on('hello', (h) => {
      mark(
        'hello',
        true,
        h.startingShards === null
          ? say('test.hello')
          : say('test.helloShards', { count: String(h.startingShards) }),
      );
      mark('auth', true, say('test.acceptedHello'));
    });
    conn.on('ping', (ev) => {
      if (ev.lost) {
        mark('first-ping', false, say('test.firstPingLost'));
        finish(say('test.firstPingUnanswered'));
        return;
      }
      mark('auth', true, say('test.acceptedPing'));
      mark('first-ping', true, say('test.rtt', { ms: ev.rttMs?.toFixed(2) ?? '?' }));
      finish(null);
    });
    conn.connect();
  });
}
