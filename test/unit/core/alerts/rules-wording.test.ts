/**
 * Incident texts read as written by a person: no doubled stops or words run
 * together, no passing countdown, no sentence said twice.
 */
import { describe, expect, it } from 'vitest';
import { connectionContent } from '../../../../electron/core/alerts/rules';
import { AUTH_REFUSED_DETAIL } from '../../../../electron/core/gateway/failures';

const info = (detail: string) =>
  ({ state: 'reconnecting', problem: 'unreachable', detail }) as Parameters<
    typeof connectionContent
  >[1];

function wellFormed(text: string): void {
  expect(text).not.toMatch(/\.\./);
  expect(text).not.toMatch(/[a-z][.!?][A-Z]/);
  expect(text).not.toMatch(/\s{2,}/);
  expect(text.trim().endsWith('.')).toBe(true);
}

describe('connection incident wording', () => {
  it('drops the reconnect countdown and never doubles a stop', () => {
    const lost = connectionContent(
      'connection-lost',
      info('Cannot reach ws://h:1: connection refused (ECONNREFUSED). Retrying in 6.9 s.'),
      '12:00',
      null,
    );
    wellFormed(lost.body);
    expect(lost.body).toContain('connection refused (ECONNREFUSED).');
    expect(lost.body).not.toContain('Retrying in');

    const flapping = connectionContent(
      'connection-lost',
      info('The connection broke: socket hang up.'),
      '12:00',
      { losses: 4, windowMs: 600_000 } as Parameters<typeof connectionContent>[3],
    );
    wellFormed(flapping.body);
  });

  it('does not repeat itself when the credentials are refused', () => {
    const refused = connectionContent(
      'credentials-refused',
      info(AUTH_REFUSED_DETAIL),
      '12:00',
      null,
    );
    wellFormed(refused.body);
    const said = refused.body.split(/(?<=\.) /);
    expect(new Set(said).size).toBe(said.length);
    expect(refused.body.match(/refused/g)).toHaveLength(1);
    expect(refused.body.match(/retry/g)).toHaveLength(1);
    expect(refused.body).toContain('It happened at 12:00.');
  });
});
