/** What an incoming message is, for the connection to act on (gateway/incoming.ts). */
import { describe, expect, it } from 'vitest';
import { classifyIncoming, flaggedText } from '../../../../electron/core/gateway/incoming';
import { DOCUMENTED, HTTP_INTERACTION_022 } from '../../../../shared/dialects';

describe('classifyIncoming', () => {
  it('a type-1 event while registering is the answer, whatever its name, unless flagged', () => {
    const ready = { type: 1, event: 'ANYTHING', data: {} };
    expect(classifyIncoming(ready, 'text', DOCUMENTED, true, false)).toEqual({
      kind: 'register-answer',
      event: 'ANYTHING',
    });
    expect(classifyIncoming(ready, 'text', DOCUMENTED, false, false)).toEqual({ kind: 'unknown' });
    expect(
      classifyIncoming({ ...ready, possible_error: true }, 'text', DOCUMENTED, true, false),
    ).toEqual({ kind: 'error' });
  });

  it('flagged messages carry their text, or say there was none', () => {
    expect(flaggedText({ type: 0, possible_error: true, message: 'too many shards' })).toBe(
      'too many shards',
    );
    expect(flaggedText({ type: 2, event: 'GATEWAY_ERROR' })).toBe(
      '(the gateway reported an error without a message)',
    );
    expect(flaggedText({ type: 1, possible_error: false, message: '' })).toBeNull();
  });

  it('interactions, pings, refusals', () => {
    expect(
      classifyIncoming(
        { type: 8, data: { shard_id: 3 } },
        'zlib',
        HTTP_INTERACTION_022,
        false,
        false,
      ),
    ).toEqual({ kind: 'interaction', shardId: 3 });
    expect(
      classifyIncoming(
        { type: 3, event: 'GATEWAY_PING' },
        'zlib',
        HTTP_INTERACTION_022,
        false,
        false,
      ),
    ).toEqual({
      kind: 'ping',
    });
    expect(
      classifyIncoming(
        { type: 0, event: 'GATEWAY_NO_IDENTIFIED', message: 'no' },
        'text',
        DOCUMENTED,
        false,
        true,
      ),
    ).toEqual({ kind: 'refused', said: 'no' });
  });
});
