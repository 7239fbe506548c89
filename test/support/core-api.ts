/**
 * Helpers for driving a real core through its API, with no test runner in
 * them: the core integration tests (through test/integration/core/helpers.ts)
 * and the Playwright suites that prepare a data folder both use them.
 */
import type { ApiResult } from '../../shared/api';
import type { AppDelta } from '../../shared/app-state';
import type { ProfileStatus, ShardView } from '../../shared/live-status';
import type { ProfileInput, ProfileView } from '../../shared/profile-model';
import { applyShardPush, decodeShards } from '../../shared/shard-columns';
import { defaultProfileInput } from '../../shared/profile-validation';
import type { AppCore } from '../../electron/core/api';
import { migratedMonitorMode } from '../../shared/dialects';
import type { SimulatorHandle } from '../../electron/sim';

/** A complete profile form for `sim`, alerts tuned so tests stay short. */
export function profileFor(
  sim: SimulatorHandle,
  overrides: Partial<ProfileInput> = {},
): ProfileInput {
  const base = defaultProfileInput();
  return {
    ...base,
    name: `Sim ${sim.port}`,
    url: sim.url,
    dialect: sim.dialect,
    // Tests of shard features need the stats only registering brings (our own simulator).
    monitorMode: migratedMonitorMode(sim.dialect),
    botId: sim.credentials.botId,
    shardTotal: Math.max(1, sim.shards().length),
    pingIntervalMs: 1000,
    pingTimeoutMs: 2000,
    publicKey: sim.credentials.publicKey,
    secret: sim.credentials.secret,
    ...overrides,
    alerts: { ...base.alerts, ...overrides.alerts },
  };
}

/** The value of a successful result; fails the test with the error otherwise. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Create a profile through the API, as the editor does. */
export async function createProfile(core: AppCore, input: ProfileInput): Promise<ProfileView> {
  return unwrap(await core.api['command:create-profile'](input));
}

/** Current status of one profile (undefined when the core has none). */
export async function statusOf(core: AppCore, id: string): Promise<ProfileStatus | undefined> {
  return unwrap(await core.api['query:snapshot']()).status[id];
}

/** Poll until `check` returns a value other than undefined/false; fail with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Real-time pause. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Every shard of a profile as the core holds them: `query:shards` page by page, decoded. */
export async function allShards(
  core: AppCore,
  profileId: string,
): Promise<{ seq: number; shards: ShardView[]; pages: number }> {
  const shards: ShardView[] = [];
  let after: number | undefined;
  let seq = -1;
  let pages = 0;
  for (;;) {
    const r = await core.api['query:shards'](profileId, after);
    if (!r.ok) throw new Error(r.error.message);
    if (pages === 0) seq = r.value.seq;
    pages++;
    shards.push(...decodeShards(r.value.shards));
    if (r.value.next === null) return { seq, shards, pages };
    after = r.value.next;
  }
}

/** What a renderer holds after applying, in order, every delta's shards for `profileId`. */
export function mirrorShards(
  deltas: readonly AppDelta[],
  profileId: string,
  into: Map<number, ShardView> = new Map(),
): Map<number, ShardView> {
  for (const d of deltas)
    for (const s of d.shards ?? []) if (s.profileId === profileId) applyShardPush(into, s);
  return into;
}
