/**
 * A 50,000-shard bot reaches the renderer in pushes of bounded size: the
 * first full set in chunks, then only what changed (docs/architecture.md
 * §3.2, "Shard pushes"), and a renderer applying every push holds exactly
 * what the core holds. Sizes are bytes on the browser-mode bridge.
 */
import { describe, expect, it } from 'vitest';
import { SHARD_CHUNK } from '../../../shared/shard-columns';
import { runBigBot } from '../../support/big-bot-pushes';

const SHARDS = 50_000;
/** 1 % of the shards go down each second (and the 1 % before come back). */
const CHANGING = 500;
/** No bridge message over this: far under the multi-megabyte update that stalled it. */
const MAX_PUSH_BYTES = 1024 * 1024;
/** A push of state changes alone: 2 % of the shards, well under 150 bytes a shard. */
const MAX_CHANGE_PUSH_BYTES = 2 * CHANGING * 150;

describe('a 50,000-shard profile', () => {
  it('pushes the first set in chunks, then only changes, every push under the bound, and ends exact', async () => {
    const run = await runBigBot({ shards: SHARDS, changing: CHANGING, seconds: 12 });
    expect(run.pushes.length).toBeGreaterThan(run.firstAfterLoad);
    // The first set arrived in chunks, none over SHARD_CHUNK shards.
    expect(run.firstAfterLoad).toBeGreaterThanOrEqual(SHARDS / SHARD_CHUNK);
    for (const p of run.pushes) {
      expect(p.shards).toBeLessThanOrEqual(SHARD_CHUNK);
      expect(p.bytes).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    }
    // After it, a push that is not part of the counters batch (which carries
    // every shard's counters once every 5 s, in chunks) carries the changes only.
    const after = run.pushes.slice(run.firstAfterLoad);
    const changesOnly = after.filter((p) => p.shards <= 2 * CHANGING);
    expect(changesOnly.length).toBeGreaterThan(5);
    for (const p of changesOnly) expect(p.bytes).toBeLessThanOrEqual(MAX_CHANGE_PUSH_BYTES);
    // The first load through query:shards is paged too.
    expect(run.pages).toBe(SHARDS / SHARD_CHUNK);
    expect(run.largestPageBytes).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    // Applying every push, chunked or not, gives what the core holds.
    expect(run.mirrorSize).toBe(SHARDS);
    expect(run.mirrorMatches).toBe(true);
  }, 120_000);
});
