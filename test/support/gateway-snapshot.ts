/**
 * A gateway connection snapshot for hand-driven test and bench connections:
 * the fields a fake knows, every other counter zero and every detail empty.
 */
import type { GatewaySnapshot } from '../../electron/core/gateway/connection';
import { zeroCounts } from '../../electron/core/gateway/connection-types';

/** A snapshot with `fields` set and everything else empty. */
export function gatewaySnapshot(
  fields: Pick<GatewaySnapshot, 'state' | 'dialect' | 'url'> & Partial<GatewaySnapshot>,
): GatewaySnapshot {
  return {
    detail: '',
    kind: null,
    httpStatus: null,
    suggestedDialect: null,
    mode: 'register',
    reportsShardStats: true,
    ...zeroCounts(),
    lastProtocolError: null,
    lastRttMs: null,
    attempt: 0,
    retryAt: null,
    hello: null,
    ready: null,
    shards: null,
    shardsSource: null,
    shardsAt: null,
    lastServerMessage: null,
    listenerErrors: 0,
    ...fields,
  };
}
