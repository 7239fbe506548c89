/**
 * The facts of a snapshot that change only now and then (HELLO, READY, the
 * last protocol error and server message) are scrubbed once for each new one
 * and given again as they were until one is replaced.
 */
import { describe, expect, it } from 'vitest';
import { newFacts, rareFactsOf } from '../../../../electron/core/gateway/connection-facts';
import { createSecretScrubber } from '../../../../electron/core/gateway/secret-scrub';

const SECRET = 'SECRET-canary-91b2e4';

describe('rare facts', () => {
  it('are scrubbed once per new fact and the same objects until one is replaced', () => {
    const f = newFacts();
    const scrubber = createSecretScrubber([SECRET]);
    let scrubs = 0;
    const rare = rareFactsOf(
      f,
      (v) => {
        scrubs++;
        return scrubber.scrub(v);
      },
      'wss://gw.example/gateway',
    );
    const first = rare();
    expect(first).toMatchObject({ url: 'wss://gw.example/gateway', hello: null, ready: null });
    expect(rare()).toBe(first);
    expect(scrubs).toBe(1);

    f.lastServerMessage = { message: `bad ${SECRET}`, event: 'GATEWAY_ERROR', type: 2, at: 1 };
    const said = rare();
    expect(said.lastServerMessage?.message).toBe('bad [REDACTED]');
    expect(rare()).toBe(said);
    expect(scrubs).toBe(2);

    f.lastServerMessage = { message: 'fine', event: 'GATEWAY_ERROR', type: 2, at: 2 };
    expect(rare().lastServerMessage?.message).toBe('fine');
    expect(scrubs).toBe(3);
  });
});
