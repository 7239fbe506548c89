/**
 * How a failed attempt is classified (electron/core/gateway/failures.ts):
 * close codes before any message tell a refusal (1005) from a gateway that
 * crashed (1006), in the same words everywhere.
 */
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS_REFUSED,
  DROPPED_BEFORE_ANSWER,
  chooseDialectInProfile,
} from '../../../../shared/connection-text';
import { DOCUMENTED, HTTP_INTERACTION_022 } from '../../../../shared/dialects';
import type { CloseFacts } from '../../../../electron/core/gateway/failures';
import { classifyClose, classifyHttp } from '../../../../electron/core/gateway/failures';
import { MAX_FRAME_BYTES } from '../../../../electron/core/gateway/codec';
import { wireMaxPayload } from '../../../../electron/core/gateway/socket';

function facts(over: Partial<CloseFacts>): CloseFacts {
  return {
    spec: HTTP_INTERACTION_022,
    urlText: 'ws://gw.example:3030/gateway',
    opened: true,
    messages: 0,
    code: 1006,
    reason: '',
    error: null,
    serverSaid: null,
    registering: false,
    ...over,
  };
}

const err = (code: string, message = code): Error & { code: string } =>
  Object.assign(new Error(message), { code });

describe('classifyClose', () => {
  it('0.2.2: a close frame without a status before any message is a refusal, never retried', () => {
    const f = classifyClose(facts({ code: 1005 }));
    expect(f).toMatchObject({ kind: 'auth-refused', policy: 'none' });
    expect(f.text.startsWith(CREDENTIALS_REFUSED)).toBe(true);
  });

  it('a drop without a close frame (1006) or a reset before any message is a gateway fault, retried', () => {
    for (const f of [
      classifyClose(facts({ code: 1006 })),
      classifyClose(facts({ code: 1006, error: err('ECONNRESET', 'read ECONNRESET') })),
      classifyClose(facts({ spec: DOCUMENTED, code: 1006 })),
    ]) {
      expect(f).toMatchObject({ kind: 'dropped', policy: 'backoff', text: DROPPED_BEFORE_ANSWER });
    }
  });

  it('the documented dialect seeing a bare 1005 names the 0.2.2 dialect and stops', () => {
    const f = classifyClose(facts({ spec: DOCUMENTED, code: 1005 }));
    expect(f).toMatchObject({
      kind: 'wrong-dialect',
      policy: 'none',
      suggestedDialect: 'http-interaction-0.2.2',
    });
    expect(f.text).toContain(chooseDialectInProfile('http-interaction-0.2.2'));
  });

  it('after messages, a close is the server closing, with what it said', () => {
    const f = classifyClose(
      facts({ messages: 2, code: 1011, reason: 'bye', serverSaid: 'too many' }),
    );
    expect(f).toMatchObject({ kind: 'server-closed', policy: 'backoff' });
    expect(f.text).toBe(
      'The gateway closed the connection (code 1011, "bye"). It said: "too many".',
    );
  });

  it('before the upgrade: unreachable with the reason named', () => {
    const f = classifyClose(facts({ opened: false, error: err('ECONNREFUSED') }));
    expect(f.kind).toBe('unreachable');
    expect(f.text).toMatch(/connection refused .*\(ECONNREFUSED\)/);
  });

  it('a frame over the wire limit: "frame too large", final while registering', () => {
    const oversized = err('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'Max payload size exceeded');
    const reg = classifyClose(
      facts({ messages: 1, code: 1009, error: oversized, registering: true }),
    );
    expect(reg).toMatchObject({ kind: 'too-large', policy: 'none' });
    const wire = wireMaxPayload(MAX_FRAME_BYTES);
    expect(reg.text).toContain(`frame too large (over ${wire} bytes, limit ${MAX_FRAME_BYTES})`);
    expect(classifyClose(facts({ messages: 3, error: oversized })).policy).toBe('backoff');
  });
});

describe('classifyHttp', () => {
  it("shows the server's message; 5xx retried, 4xx not, 429 after the longest wait", () => {
    const body = JSON.stringify({
      code: 500,
      code_error: 'UNHANDLED_REJECTION',
      message: 'rejected',
      error: true,
    });
    expect(classifyHttp(500, 'Internal Server Error', body)).toMatchObject({
      kind: 'http-error',
      policy: 'backoff',
      httpStatus: 500,
      text: 'The gateway refused the WebSocket upgrade with HTTP 500 Internal Server Error: rejected',
    });
    expect(classifyHttp(404, 'Not Found', '{"message":"Could not find route"}').policy).toBe(
      'none',
    );
    expect(classifyHttp(429, '', 'not json').policy).toBe('max');
    expect(classifyHttp(429, '', 'not json').text).toBe(
      'The gateway refused the WebSocket upgrade with HTTP 429.',
    );
  });
});
