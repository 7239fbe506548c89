/** Copies of frames fit to leave the connection (electron/core/gateway/frames.ts). */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import {
  encodeOutgoing,
  redactIncoming,
  redactOutgoing,
} from '../../../../electron/core/gateway/frames';
import { DOCUMENTED, HTTP_INTERACTION_022 } from '../../../../shared/dialects';

describe('outgoing frames', () => {
  it('are encoded as the dialect says, with a log entry that hides the public key', () => {
    const frame = { type: 1, d: { public_key: 'KEY', shard_in: 0, flags: 0 } };
    const out = encodeOutgoing(DOCUMENTED, frame, 5);
    expect(out.ok && out.encoded).toBe(JSON.stringify(frame));
    expect(out.ok && out.event).toMatchObject({
      direction: 'out',
      at: 5,
      type: 1,
      encoding: 'text',
    });
    expect(out.ok && out.event.raw).toEqual({
      type: 1,
      d: { public_key: '[REDACTED]', shard_in: 0, flags: 0 },
    });
    expect(redactOutgoing(frame)).not.toBe(frame);
    expect(frame.d.public_key).toBe('KEY');

    const ping = encodeOutgoing(HTTP_INTERACTION_022, { type: 2 }, 0);
    expect(ping.ok && JSON.parse(gunzipSync(ping.encoded as Buffer).toString())).toEqual({
      type: 2,
    });
    expect(ping.ok && ping.event.encoding).toBe('gzip');
  });

  it('never go out with an opcode the dialect forbids: 0.2.2 never registers', () => {
    for (const type of [1, 3, 4, 5, 6]) {
      const r = encodeOutgoing(HTTP_INTERACTION_022, { type, d: {} }, 0);
      expect(r).toEqual({
        ok: false,
        reason: `Opcode ${type} must never be sent in the http-interaction-0.2.2 dialect.`,
      });
    }
  });
});

describe('incoming frames', () => {
  it('drop interaction payloads and shorten session ids', () => {
    expect(redactIncoming({ type: 8, data: { token: 't' } }).data).toBe(
      '[interaction payload not kept]',
    );
    const ready = redactIncoming({
      type: 1,
      event: 'GATEWAY_READY',
      data: { session_id: 'a'.repeat(85) },
    });
    expect((ready.data as { session_id: string }).session_id).toBe('aaaaaaaa…aaaa');
  });
});
