import { describe, expect, it } from 'vitest';
import {
  CONNECTION_LOOKS,
  UNANSWERED_AFTER_PINGS,
  connectionLook,
  lostInARow,
  statusLook,
} from '../../../shared/connection-look';
import { CONNECTION_STATES } from '../../../shared/connection-state';

describe('connectionLook', () => {
  it('gives every state its own words', () => {
    const labels = CONNECTION_STATES.map((s) => connectionLook(s).label);
    expect(new Set(labels).size).toBe(CONNECTION_STATES.length);
    expect(connectionLook('auth-refused')).toMatchObject({
      label: 'Credentials refused',
      tone: 'bad',
    });
    expect(connectionLook('ready')).toMatchObject({ label: 'Connected', tone: 'ok' });
  });

  it('says paused over any state, and who closed a closed connection', () => {
    expect(connectionLook('closed', 'paused')).toBe(CONNECTION_LOOKS.paused);
    expect(connectionLook('closed', 'closed-by-server').label).toBe('Closed by the server');
    expect(connectionLook('closed', null).label).toBe('Disconnected');
    expect(connectionLook(undefined).label).toBe('No status yet');
  });

  it('says "secrets unreadable" for secrets that cannot be used, never "credentials refused"', () => {
    expect(connectionLook('failed', 'secrets-unreadable')).toMatchObject({
      label: 'Secrets unreadable',
      tone: 'bad',
    });
  });

  it('calls a connection whose last pings all went unanswered "Not answering pings", not "Connected"', () => {
    const lost = Array.from({ length: UNANSWERED_AFTER_PINGS }, () => null);
    expect(connectionLook('ready', null, [10, ...lost])).toMatchObject({
      key: 'unanswered',
      label: 'Not answering pings',
      tone: 'bad',
    });
    // Fewer lost in a row, or an answer after them: still connected.
    expect(connectionLook('ready', null, [10, ...lost.slice(1)]).key).toBe('ready');
    expect(connectionLook('ready', null, [...lost, 10]).key).toBe('ready');
    // Paused wins; the same words from a whole status.
    expect(connectionLook('ready', 'paused', lost).key).toBe('paused');
    expect(statusLook({ state: 'ready', problem: null, recentRtts: lost }).key).toBe('unanswered');
    expect(lostInARow([1, null, 2, null, null])).toBe(2);
  });
});
