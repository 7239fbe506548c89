/**
 * How shard changes reach the renderer: a state change goes out with the next
 * push; counters that merely moved are batched (every shard of a busy bot
 * moves its counters on every report, and sending 10,000 views a second would
 * swamp the window).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDelta } from '../../../shared/app-state';
import type { ShardView } from '../../../shared/live-status';
import { decodeShards } from '../../../shared/shard-columns';
import { allShards, mirrorShards } from '../../support/core-api';
import { createFakeClock } from '../../support/fake-clock';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import type { CoreHarness } from '../../reliability/core-harness';
import { createScriptedGateway } from '../../reliability/scripted-gateway';

const SHARDS = 200;
const DOWN_FROM = 10_000;

const dirs = tempDirs();
let harness: CoreHarness | null = null;

afterEach(async () => {
  await harness?.dispose();
  harness = null;
  dirs.cleanup();
});

function shardsIn(deltas: AppDelta[], profileId: string): ShardView[][] {
  return deltas.flatMap((d) =>
    (d.shards ?? []).filter((s) => s.profileId === profileId).map((s) => decodeShards(s.shards)),
  );
}

describe('shard pushes', () => {
  it('send a state change at once, batch counter-only changes, and end up exact', async () => {
    const clock = createFakeClock();
    const start = clock.wallNow();
    const gateway = createScriptedGateway(clock, () => ({
      shardCount: SHARDS,
      reportEveryMs: 1000,
      rttAt: () => 5,
      disconnected: (at, id) => id === 7 && at - start >= DOWN_FROM,
    }));
    harness = await startCore({
      dataDir: dirs.make(),
      clock,
      connectionFactory: gateway.factory,
      historyFile: null,
    });
    const created = await harness.core.api['command:create-profile'](
      profileInput({ shardTotal: SHARDS, pingIntervalMs: 1000 }),
    );
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;

    clock.advance(DOWN_FROM - 500);
    const before = harness.deltas.length;
    clock.advance(1000); // the report that first says shard 7 is disconnected, and its push
    const after = harness.deltas.slice(before);
    const pushed = shardsIn(after, id).flat();
    const seven = pushed.filter((s) => s.id === 7);
    expect(seven.at(-1)?.state).toBe('down');
    // Counters of every other shard moved too, but they wait for the batch.
    expect(pushed.length).toBeLessThan(SHARDS / 2);

    // Within the batch period every shard's counters arrive.
    const batchStart = harness.deltas.length;
    clock.advance(6000);
    const batched = new Set(
      shardsIn(harness.deltas.slice(batchStart), id)
        .flat()
        .map((s) => s.id),
    );
    expect(batched.size).toBeGreaterThanOrEqual(SHARDS - 1);

    // Replaying every delta over the first full load equals what the core holds.
    const replay = mirrorShards(harness.deltas, id);
    const replayed = harness.deltas.length;
    // Let one more batch go out so nothing is pending, then compare.
    gateway.connections[0]?.disconnect();
    clock.advance(6000);
    mirrorShards(harness.deltas.slice(replayed), id, replay);
    const current = await allShards(harness.core, id);
    expect(replay.size).toBe(current.shards.length);
    for (const s of current.shards) expect(replay.get(s.id)).toEqual(s);
  });
});
