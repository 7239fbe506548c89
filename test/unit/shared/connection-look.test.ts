import { describe, expect, it } from 'vitest';
import { CONNECTION_LOOKS, connectionLook } from '../../../shared/connection-look';
import { CONNECTION_STATES } from '../../../shared/model';

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
});
