/** What `shardwatch probe` prints about shards (electron/cli/probe-report.ts). */
import { describe, expect, it } from 'vitest';
import { describeShards, shardCoverage } from '../../../electron/cli/probe-report';
import type { ProbeOutcome } from '../../../electron/cli/probe-run';
import { PING_ONLY_NO_STATS } from '../../../shared/connection-text';
import { parseShard } from '../../../shared/protocol';
import type { ShardStats } from '../../../shared/protocol';

const shard = (id: number, hash = `h${id}`): ShardStats =>
  parseShard({ shard_id: id, shard_hash: hash })!;

function outcome(over: Partial<ProbeOutcome>): ProbeOutcome {
  return {
    exitCode: 0,
    url: 'ws://127.0.0.1:1/gateway',
    dialect: 'documented',
    mode: 'register',
    hello: null,
    ready: null,
    shardsSource: 'ready',
    shardList: null,
    pings: [],
    pingsSent: 0,
    protocolErrors: 0,
    unknownEvents: 0,
    serverMessages: 0,
    interactions: 0,
    lateAnswers: 0,
    messages: [],
    error: null,
    ...over,
  };
}

describe('shard coverage', () => {
  it('a duplicated id is kept once (its last report) and reported as a coverage problem', () => {
    const { shards, coverage } = shardCoverage(
      [shard(0), shard(2, 'old'), shard(2, 'new'), shard(5)],
      4,
    );
    expect(shards.map((s) => [s.shard_id, s.shard_hash])).toEqual([
      [0, 'h0'],
      [2, 'new'],
      [5, 'h5'],
    ]);
    expect(coverage).toEqual({ expected: 4, reported: 3, missing: [1, 3], duplicated: [2] });
  });

  it('says why no shards show: ping only (documented), or a server that never reports them', () => {
    expect(describeShards(outcome({ mode: 'ping-only' }), 1)).toEqual([
      `Shards: ${PING_ONLY_NO_STATS} (--register asks for them)`,
    ]);
    expect(
      describeShards(outcome({ mode: 'ping-only', dialect: 'http-interaction-0.2.2' }), 1),
    ).toEqual(['Shards: this server does not report shard stats']);
  });
});
