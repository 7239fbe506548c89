/**
 * The real server's authentication, as the simulator models it
 * (electron/sim/dialect-022.ts); the conformance suite checks the same
 * cases against the real binary.
 */
import { describe, expect, it } from 'vitest';
import { authScore } from '../../../electron/sim/dialect-022';

const want = { botId: '987', secret: 's3cret', publicKey: 'KEY' };
const accepted = (got: { id?: string; secret?: string; publicKey?: string }) =>
  authScore(want, got) > 3;

describe('0.2.2 authentication score', () => {
  it('accepts the right three, refuses any one wrong', () => {
    expect(accepted({ id: '987', secret: 's3cret', publicKey: 'KEY' })).toBe(true);
    expect(accepted({ id: '987', secret: 'no', publicKey: 'KEY' })).toBe(false);
    expect(accepted({ id: '987', secret: 's3cret', publicKey: 'no' })).toBe(false);
    expect(accepted({ id: '1', secret: 's3cret', publicKey: 'KEY' })).toBe(false);
  });

  it('the quirks measured on the real server', () => {
    // A right id and any Public-Key with a space pass, whatever the secret.
    expect(accepted({ id: '987', secret: 'no', publicKey: 'x y' })).toBe(true);
    expect(accepted({ id: '987', secret: 'no', publicKey: 'KEY  x' })).toBe(true);
    // Enough copies of the key make up for a wrong id.
    expect(accepted({ id: '1', secret: 's3cret', publicKey: 'KEY KEY KEY' })).toBe(true);
    expect(accepted({ id: '1', secret: 's3cret', publicKey: 'KEY KEY' })).toBe(false);
    expect(accepted({ id: '1', secret: 'no', publicKey: 'KEY KEY KEY KEY' })).toBe(true);
    // The id is compared whole; a tab is not a separator.
    expect(accepted({ id: '987 987', secret: 's3cret', publicKey: 'KEY' })).toBe(false);
    expect(accepted({ id: '987', secret: 's3cret', publicKey: 'KEY\tx' })).toBe(false);
  });
});
