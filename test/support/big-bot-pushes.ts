/**
 * A big bot's pushes, measured: a core on a fake clock with one profile whose
 * scripted gateway reports `shards` shards every second, `changing` of them
 * (a different group each second) going down and the group before coming
 * back, and every delta's size as the browser-mode bridge sends it (JSON
 * text of `{ event, payload }`). Used by the integration test
 * (test/integration/core/big-bot-pushes.test.ts) and `npm run bench -- pushes`.
 */
import { bridgeJsonText } from '../../shared/bridge';
import type { AppDelta } from '../../shared/app-state';
import { shardCount } from '../../shared/shard-columns';
import { createFakeClock } from './fake-clock';
import { createTempDirs } from './temp-dir';
import { allShards, mirrorShards } from './core-api';
import { profileInput, startCore } from '../reliability/core-harness';
import { createScriptedGateway } from '../reliability/scripted-gateway';

/** One delta that carried shards of the profile. */
export interface MeasuredPush {
  /** Fake-clock ms since the profile was created. */
  at: number;
  /** Bytes of the bridge message. */
  bytes: number;
  /** Shards it carried for the profile. */
  shards: number;
  replace: boolean;
  more: boolean;
}

/** What {@link runBigBot} saw. */
export interface BigBotRun {
  pushes: MeasuredPush[];
  /** Index in `pushes` of the first push after the first full set arrived. */
  firstAfterLoad: number;
  /** `query:shards` pages and the largest page's bytes. */
  pages: number;
  largestPageBytes: number;
  /** Shards held by a renderer that applied every delta, against the core's. */
  mirrorSize: number;
  mirrorMatches: boolean;
}

/** Run the scenario for `seconds` of fake time after the first report. */
export async function runBigBot(opts: {
  shards: number;
  /** Shards that go down each second (the group that went down the second before comes back). */
  changing: number;
  seconds: number;
}): Promise<BigBotRun> {
  const dirs = createTempDirs();
  const clock = createFakeClock();
  const start = clock.wallNow();
  const groups = Math.max(1, Math.floor(opts.shards / Math.max(1, opts.changing)));
  const gateway = createScriptedGateway(clock, () => ({
    shardCount: opts.shards,
    reportEveryMs: 1000,
    rttAt: () => 5,
    // Second s: group s % groups is down (the shards with id % groups === it).
    disconnected: (at, id) =>
      at - start >= 2000 && id % groups === Math.floor((at - start) / 1000) % groups,
  }));
  const harness = await startCore({
    dataDir: dirs.make(),
    clock,
    connectionFactory: gateway.factory,
    historyFile: null,
  });
  try {
    const created = await harness.core.api['command:create-profile'](
      profileInput({ shardTotal: opts.shards, pingIntervalMs: 1000 }),
    );
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const pushes: MeasuredPush[] = [];
    let seen = 0;
    const measure = (d: AppDelta): void => {
      const mine = (d.shards ?? []).filter((s) => s.profileId === id);
      if (mine.length === 0) return;
      pushes.push({
        at: clock.wallNow() - start,
        bytes: Buffer.byteLength(bridgeJsonText({ event: 'event:delta', payload: d })),
        shards: mine.reduce((n, s) => n + shardCount(s.shards), 0),
        replace: mine.some((s) => s.replace),
        more: mine.some((s) => s.more),
      });
    };
    for (let t = 0; t < opts.seconds * 10; t++) {
      clock.advance(100);
      for (; seen < harness.deltas.length; seen++) measure(harness.deltas[seen] as AppDelta);
    }
    // The first full set: pushes until the shards carried add up to every shard.
    let carried = 0;
    let firstAfterLoad = pushes.length;
    for (let i = 0; i < pushes.length; i++) {
      carried += pushes[i]?.shards ?? 0;
      if (carried >= opts.shards && !pushes[i]?.more) {
        firstAfterLoad = i + 1;
        break;
      }
    }
    // Let the counters batch go out, then compare a renderer's mirror with the core.
    gateway.connections[0]?.disconnect();
    clock.advance(6000);
    const mirror = mirrorShards(harness.deltas, id);
    const core = await allShards(harness.core, id);
    let largestPageBytes = 0;
    let after: number | undefined;
    for (;;) {
      const r = await harness.core.api['query:shards'](id, after);
      if (!r.ok) throw new Error(r.error.message);
      largestPageBytes = Math.max(
        largestPageBytes,
        Buffer.byteLength(bridgeJsonText({ id: 1, result: r })),
      );
      if (r.value.next === null) break;
      after = r.value.next;
    }
    const mirrorMatches =
      mirror.size === core.shards.length &&
      core.shards.every((s) => JSON.stringify(mirror.get(s.id)) === JSON.stringify(s));
    return {
      pushes,
      firstAfterLoad,
      pages: core.pages,
      largestPageBytes,
      mirrorSize: mirror.size,
      mirrorMatches,
    };
  } finally {
    await harness.dispose();
    dirs.cleanup();
  }
}
