/**
 * A frame's frame-log text (`frame-text.ts`): its JSON up to 4 KiB, a cut one
 * followed by its size on the wire — whether it took the quick path of a small
 * frame or the walk that stops at the limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../../electron/core/gateway/connection-types';
import { FRAME_TEXT_MAX, frameLogText } from '../../../../electron/core/gateway/frame-text';
import type { GatewayMessage } from '../../../../shared/protocol';

function frame(raw: GatewayMessage | null, bytes: number, text?: string): FrameEvent {
  return {
    direction: 'in',
    at: 0,
    bytes,
    encoding: 'text',
    type: 1,
    event: null,
    raw,
    error: null,
    ...(text !== undefined ? { text } : {}),
  };
}

/** What the frame log kept of a frame before the text was made in the worker. */
function expected(raw: unknown, bytes: number): string {
  const full = JSON.stringify(raw);
  return full.length <= FRAME_TEXT_MAX
    ? full
    : `${full.slice(0, FRAME_TEXT_MAX)}… (${bytes} bytes)`;
}

describe('frame log text', () => {
  it('is the frame JSON, cut at 4 KiB with the size on the wire, whatever its size', () => {
    const message = fc.record(
      { type: fc.integer(), event: fc.string(), data: fc.jsonValue() },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(message, fc.integer({ min: 0, max: 9000 }), (raw, bytes) => {
        expect(frameLogText(frame(raw as GatewayMessage, bytes))).toBe(expected(raw, bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('cuts a frame that came small on the wire but is long as text (compressed)', () => {
    const raw = { type: 1, data: 'a'.repeat(10_000) } as GatewayMessage;
    expect(frameLogText(frame(raw, 60))).toBe(expected(raw, 60));
    expect(frameLogText(frame(raw, 60)).endsWith('… (60 bytes)')).toBe(true);
  });

  it('is the text a worker made, and empty for a frame that could not be decoded', () => {
    expect(frameLogText(frame(null, 12, '{"type":3}'))).toBe('{"type":3}');
    expect(frameLogText(frame(null, 12))).toBe('');
  });
});
