/**
 * The uptime feed (electron/core/history/uptime-feed.ts): a handshake no
 * failure caused counts neither way; a failed one counts down from its
 * start; a handshake after a failure is down time.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../../electron/core/alerts/types';
import { createUptimeFeed } from '../../../../electron/core/history/uptime-feed';
import type { UptimeState } from '../../../../electron/core/history/uptime-store';

function feedWithLog() {
  const log: Array<[UptimeState, number]> = [];
  const feed = createUptimeFeed({ record: (_id, state, at) => void log.push([state, at]) });
  const at = (
    state: ConnectionInfo['state'],
    t: number,
    problem: ConnectionInfo['problem'] = null,
  ) => feed.connection('p', { state, problem, detail: null }, t);
  return { feed, log, at };
}

describe('uptime feed', () => {
  it('a fresh start that connects: up from ready, the handshake counts neither way', () => {
    const { log, at } = feedWithLog();
    at('connecting', 1000);
    at('handshaking', 1100);
    at('registering', 1150);
    expect(log).toEqual([]);
    at('ready', 1200);
    expect(log).toEqual([['up', 1200]]);
  });

  it('a fresh start whose gateway is down: down from the first moment of the handshake', () => {
    const { log, at } = feedWithLog();
    at('connecting', 1000);
    at('reconnecting', 4000, 'unreachable');
    at('connecting', 6000);
    at('ready', 6100);
    expect(log).toEqual([
      ['down', 1000],
      ['up', 6100],
    ]);
  });

  it('reconnecting after a drop is down time, handshake included', () => {
    const { log, at } = feedWithLog();
    at('connecting', 0);
    at('ready', 100);
    at('reconnecting', 5000, 'dropped');
    at('connecting', 6000);
    at('registering', 6100);
    at('ready', 6300);
    expect(log).toEqual([
      ['up', 100],
      ['down', 5000],
      ['up', 6300],
    ]);
  });

  it('"Reconnect now" while up counts neither way; if it fails, down from its start', () => {
    const { log, at } = feedWithLog();
    at('ready', 100);
    at('connecting', 5000);
    at('ready', 5300);
    at('connecting', 9000);
    at('reconnecting', 9400, 'unreachable');
    expect(log).toEqual([
      ['up', 100],
      ['off', 5000],
      ['up', 5300],
      ['off', 9000],
      ['down', 9000],
    ]);
  });

  it('after a pause, or a stop, the next handshake counts neither way again', () => {
    const { feed, log, at } = feedWithLog();
    at('ready', 100);
    at('closed', 200, 'paused');
    at('connecting', 300);
    at('ready', 350);
    feed.stopped('p', 400);
    at('connecting', 500);
    at('waiting', 520);
    expect(log).toEqual([
      ['up', 100],
      ['off', 200],
      ['up', 350],
      ['off', 400],
      ['up', 520],
    ]);
  });

  it('a first handshake refused by the gateway is down from its start', () => {
    const { log, at } = feedWithLog();
    at('connecting', 10);
    at('registering', 20);
    at('auth-refused', 30, 'auth-refused');
    expect(log).toEqual([['down', 10]]);
  });
});
