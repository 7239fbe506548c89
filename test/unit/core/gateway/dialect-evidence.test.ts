/** What a gateway's greeting proves about its dialect (docs/protocol.md §5). */
import { describe, expect, it } from 'vitest';
import {
  dialectOfHello,
  is022ErrorBody,
  is022Hello,
} from '../../../../electron/core/gateway/dialect-evidence';
import { classifyIncoming } from '../../../../electron/core/gateway/incoming';
import { DOCUMENTED, HTTP_INTERACTION_022 } from '../../../../shared/dialects';
import type { GatewayMessage } from '../../../../shared/protocol';
import { HELLO_022 } from '../../../integration/gateway/test-gateway-server';

// As the documentation shows one; HELLO_022 is the real server's, as measured.
const HELLO_DOC: GatewayMessage = {
  type: 1,
  service: 'gateway',
  event: 'GATEWAY_HELLO',
  data: { starting_shards: true },
};

describe('dialect evidence', () => {
  it('the 0.2.2 envelope in zlib is 0.2.2; any HELLO not in zlib is documented', () => {
    expect(is022Hello(HELLO_022, 'zlib')).toBe(true);
    expect(dialectOfHello(HELLO_022, 'zlib')).toBe('http-interaction-0.2.2');
    expect(dialectOfHello(HELLO_DOC, 'text')).toBe('documented');
    expect(dialectOfHello(HELLO_022, 'text')).toBe('documented');
    // A zlib HELLO without the envelope proves nothing.
    expect(dialectOfHello(HELLO_DOC, 'zlib')).toBeNull();
    expect(dialectOfHello({ type: 3, event: 'GATEWAY_PING' }, 'zlib')).toBeNull();
  });

  it("the 0.2.2 server's JSON error body", () => {
    expect(
      is022ErrorBody(
        '{"code":404,"code_error":"NOT_FOUND","message":"Could not find route","error":true}',
      ),
    ).toBe(true);
    expect(is022ErrorBody('{"message":"nope"}')).toBe(false);
    expect(is022ErrorBody('<html>')).toBe(false);
  });

  it('only the first message of a socket can name the other dialect', () => {
    expect(classifyIncoming(HELLO_022, 'zlib', DOCUMENTED, false, true)).toEqual({
      kind: 'hello',
      otherDialect: 'http-interaction-0.2.2',
    });
    expect(classifyIncoming(HELLO_022, 'zlib', DOCUMENTED, false, false)).toEqual({
      kind: 'hello',
      otherDialect: null,
    });
    expect(classifyIncoming(HELLO_DOC, 'text', HTTP_INTERACTION_022, false, true)).toEqual({
      kind: 'hello',
      otherDialect: 'documented',
    });
    expect(classifyIncoming(HELLO_022, 'zlib', HTTP_INTERACTION_022, false, true)).toEqual({
      kind: 'hello',
      otherDialect: null,
    });
  });
});
