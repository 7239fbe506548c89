/**
 * A connection's check of incoming frames for secrets remembers the last short
 * frame it found clean (`repeatAware`): the same text again is not read again,
 * and every answer is the scrubber's own.
 */
import { describe, expect, it } from 'vitest';
import type { FrameWatch } from '../../../../electron/core/gateway/codec';
import { repeatAware } from '../../../../electron/core/gateway/connection-incoming';
import { createSecretScrubber } from '../../../../electron/core/gateway/secret-scrub';

const SECRET = 'SECRET-canary-91b2e4';
const PING = '{"type":3,"service":"gateway","event":"GATEWAY_PING","data":{}}';

function counted(): { watch: FrameWatch; reads: () => number } {
  const scrubber = createSecretScrubber([SECRET]);
  let reads = 0;
  return {
    watch: {
      mayAppearIn(text, utf8) {
        reads++;
        return scrubber.mayAppearIn(text, utf8);
      },
    },
    reads: () => reads,
  };
}

describe('the repeat-aware frame check', () => {
  it('reads a ping answer once while it repeats, and every other frame each time', () => {
    const { watch, reads } = counted();
    const checked = repeatAware(watch);
    expect(checked.mayAppearIn(PING, Buffer.from(PING))).toBe(false);
    expect(checked.mayAppearIn(PING, Buffer.from(PING))).toBe(false);
    expect(reads()).toBe(1);

    const leak = `{"type":1,"message":"${SECRET.slice(3, 13)}"}`;
    expect(checked.mayAppearIn(leak, null)).toBe(true);
    expect(checked.mayAppearIn(leak, null)).toBe(true);
    expect(reads()).toBe(3);
    // The ping answer is still remembered after a frame that may hold a secret.
    expect(checked.mayAppearIn(PING, null)).toBe(false);
    expect(reads()).toBe(3);
  });

  it('answers as the scrubber does for any sequence of frames', () => {
    const scrubber = createSecretScrubber([SECRET]);
    const checked = repeatAware(scrubber);
    const frames = [PING, PING, `{"a":"${SECRET}"}`, PING, '{"b":1}', '{"b":1}', `x${SECRET}`];
    const long = `{"data":"${'a'.repeat(300)}"}`;
    for (const text of [...frames, long, long, `${long}${SECRET}`])
      expect(checked.mayAppearIn(text, null)).toBe(scrubber.mayAppearIn(text, null));
  });
});
