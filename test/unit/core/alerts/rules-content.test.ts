/**
 * What each alert incident says: its severity, which shards it names, and
 * which catalogue sentences with which figures. Checked with a `say` that
 * echoes the key and figures, so the test holds in every language.
 */
import { describe, expect, it } from 'vitest';
import type { LatencyStats, ShardSummary } from '../../../../shared/live-status';
import type { Say } from '../../../../shared/i18n/translator';
import {
  connectionContent,
  flappingContent,
  latencyContent,
  lossContent,
  missingContent,
  stallContent,
} from '../../../../electron/core/alerts/rules';
import { BASE_ALERTS } from './fixtures';

const say: Say = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

function latency(over: Partial<LatencyStats>): LatencyStats {
  return {
    window: '1m',
    count: 57,
    lost: 3,
    lossPct: 5,
    min: 10,
    p50: 20,
    p95: 412,
    p99: 500,
    max: 600,
    jitter: 1,
    ...over,
  };
}

describe('connection incidents', () => {
  const refused = { state: 'auth-refused', problem: 'auth-refused', detail: 'x' } as const;
  const dropped = {
    state: 'reconnecting',
    problem: 'dropped',
    detail: 'The gateway closed the socket.  Retrying in 6.9 s. ',
  } as const;

  it('refused credentials: critical, no shards, said once with the time', () => {
    expect(connectionContent('credentials-refused', refused, '11:56', null, say)).toEqual({
      severity: 'critical',
      title: 'incident.credentialsRefused.title',
      body: 'connection.credentialsRefused. incident.credentialsRefused.happenedAt {"time":"11:56"}. connection.refusedNoRetry.',
      shardIds: [],
    });
  });

  it('lost: critical, the state in lower case, the detail without its countdown', () => {
    expect(connectionContent('connection-lost', dropped, '11:56', null, say)).toEqual({
      severity: 'critical',
      title: 'incident.lost.title',
      body:
        'incident.lost.downSince {"time":"11:56","state":"state.reconnecting"}. ' +
        'The gateway closed the socket. incident.lost.keepsRetrying.',
      shardIds: [],
    });
  });

  it('unstable: critical, how often it dropped, the last detail, and how long it stays open', () => {
    const flap = { losses: 4, windowMs: 30 * 60_000 };
    expect(connectionContent('connection-lost', dropped, '11:56', flap, say)).toEqual({
      severity: 'critical',
      title: 'incident.unstable.title',
      body:
        'incident.unstable.dropped {"losses":4,"window":"30 min"}. ' +
        'incident.unstable.lastTime {"detail":"The gateway closed the socket"}. ' +
        'incident.unstable.staysOpen {"window":"30 min"}.',
      shardIds: [],
    });
    // Without a detail the middle sentence is left out.
    const bare = connectionContent('connection-lost', { ...dropped, detail: null }, '', flap, say);
    expect(bare.body).not.toContain('lastTime');
  });

  it('a detail that is only a countdown leaves nothing behind', () => {
    const onlyCountdown = { ...dropped, detail: 'Retrying in 2 s.' };
    expect(connectionContent('connection-lost', onlyCountdown, '11:56', null, say).body).toBe(
      'incident.lost.downSince {"time":"11:56","state":"state.reconnecting"}. incident.lost.keepsRetrying.',
    );
  });
});

describe('shard incidents', () => {
  it('flapping: a warning naming one shard or several', () => {
    expect(flappingContent([7], 4, 10 * 60_000, say)).toEqual({
      severity: 'warning',
      title: 'incident.flapping.titleOne {"id":7}',
      body: 'incident.flapping.bodyOne {"shards":"incident.shardOne {\\"id\\":7}","threshold":4,"window":"10 min"}',
      shardIds: [7],
    });
    const many = flappingContent([1, 2], 4, 10 * 60_000, say);
    expect(many.title).toBe('incident.flapping.titleMany {"count":2}');
    expect(many.body.startsWith('incident.flapping.bodyMany ')).toBe(true);
  });

  it('stalled: a warning naming one shard or several', () => {
    expect(stallContent([3], say)).toEqual({
      severity: 'warning',
      title: 'incident.stalled.titleOne {"id":3}',
      body: 'incident.stalled.bodyOne {"shards":"incident.shardOne {\\"id\\":3}"}',
      shardIds: [3],
    });
    const many = stallContent([3, 4], say);
    expect(many.title).toBe('incident.stalled.titleMany {"count":2}');
    expect(many.body.startsWith('incident.stalled.bodyMany {"shards":')).toBe(true);
    expect(many.shardIds).toEqual([3, 4]);
  });

  it('missing: a warning with the count and total, the shards named, one or several', () => {
    const one = { missingCount: 1, expected: 16, missing: [5] } as unknown as ShardSummary;
    expect(missingContent(one, say)).toEqual({
      severity: 'warning',
      title: 'incident.missing.title {"count":1,"total":16}',
      body: 'incident.missing.bodyOne {"shards":"incident.shardOne {\\"id\\":5}"}',
      shardIds: [5],
    });
    const two = { missingCount: 2, expected: 16, missing: [5, 9] } as unknown as ShardSummary;
    const many = missingContent(two, say);
    expect(many.body.startsWith('incident.missing.bodyMany ')).toBe(true);
    expect(many.shardIds).toEqual([5, 9]);
    // The incident holds its own copy of the list.
    expect(many.shardIds).not.toBe(two.missing);
  });
});

describe('latency and loss incidents', () => {
  it('latency: a warning with the p95 and the limit, naming no shard', () => {
    const figures = '{"p95":"412 ms","limit":"250 ms"}';
    expect(latencyContent(latency({}), BASE_ALERTS, say)).toEqual({
      severity: 'warning',
      title: `incident.latency.title ${figures}`,
      body: `incident.latency.body ${figures}`,
      shardIds: [],
    });
  });

  it('loss: a warning with the loss, the limit, and lost of sent pings', () => {
    expect(latencyContent(latency({ p95: null }), BASE_ALERTS, say).title).toContain('0.00 ms');
    expect(lossContent(latency({ lossPct: 12.5 }), { ...BASE_ALERTS, lossPct: 5 }, say)).toEqual({
      severity: 'warning',
      title: 'incident.loss.title {"pct":"12.5%","limit":"5%"}',
      body: 'incident.loss.body {"lost":3,"sent":60,"limit":"5%"}',
      shardIds: [],
    });
  });
});
