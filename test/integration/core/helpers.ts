/**
 * Shared set-up of the core integration tests: a real core (real profile
 * file in a temp folder, real SQLite, real sockets) against the real
 * simulator, with every pushed delta, log line and notification recorded.
 */
import { afterEach, expect } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { ProfileStatus } from '../../../shared/live-status';
import type { AppCore } from '../../../electron/core/api';
import { createSimulator } from '../../../electron/sim';
import type { SimulatorHandle, SimulatorOptions } from '../../../electron/sim';
import { startTestCore } from '../../support/core';
import type { TestCore, TestCoreOptions } from '../../support/core';
import { createTempDirs } from '../../support/temp-dir';
import { sleep, statusOf, waitFor } from '../../support/core-api';

export {
  createProfile,
  profileFor,
  sleep,
  statusOf,
  unwrap,
  waitFor,
} from '../../support/core-api';

/** A running core and everything it said. */
export type CoreFixture = TestCore;

const cleanups: Array<() => Promise<void> | void> = [];
const dirs = createTempDirs('shardwatch-core-');

afterEach(async () => {
  // Cores first (they hold sockets to the simulators), then simulators, then folders.
  for (const fn of cleanups.splice(0).reverse()) await fn();
  dirs.cleanup();
});

/** Run `fn` after the test (before its temp folders go). */
export function afterThisTest(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix?: string): string {
  return dirs.make(prefix);
}

/** Start a simulator on loopback, stopped after the test. */
export async function startSim(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await createSimulator({ random: 7, ...opts });
  cleanups.push(() => sim.stop());
  return sim;
}

/**
 * Create and start a core in a temp data folder (unless `dataDir` is given)
 * with an in-memory cipher, a recording notifier and in-memory history
 * (test/support/core.ts); it is disposed after the test.
 */
export async function startCore(
  opts: Partial<TestCoreOptions> & { beforeStart?: (dataDir: string) => void } = {},
): Promise<CoreFixture> {
  const { beforeStart, ...coreOpts } = opts;
  const dataDir = opts.dataDir ?? tempDir();
  beforeStart?.(dataDir);
  const fixture = await startTestCore({ ...coreOpts, dataDir });
  cleanups.push(() => fixture.dispose());
  return fixture;
}

/** The error of a failed result; fails the test when it succeeded. */
export function errorOf<T>(result: ApiResult<T>): {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
} {
  if (result.ok)
    throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** Wait until the profile's status satisfies `pred`; returns that status. */
export function waitForStatus(
  core: AppCore,
  id: string,
  what: string,
  pred: (s: ProfileStatus) => boolean,
  timeoutMs?: number,
): Promise<ProfileStatus> {
  return waitFor(
    what,
    async () => {
      const s = await statusOf(core, id);
      return s && pred(s) ? s : undefined;
    },
    timeoutMs,
  );
}

/** `HH:MM` in UTC of `wallMs`. */
export function utcHm(wallMs: number): string {
  const d = new Date(wallMs);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** Fail unless `value` is defined; narrows for the rest of the test. */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}`);
  return value;
}

/**
 * Make the simulator push one `GATEWAY_SHARD_INFO` now and wait until the
 * core has ingested it (its last report time moved). Used with
 * `shardInfoIntervalMs: 0`, so each test decides exactly which snapshots
 * the alert rules see.
 */
export async function pushSnapshot(core: AppCore, sim: SimulatorHandle, id: string): Promise<void> {
  const before = (await statusOf(core, id))?.shards.lastReportAt ?? null;
  // Two reports in the same millisecond would be indistinguishable here.
  await sleep(2);
  expect(sim.pushShardInfo(), 'a registered client to push to').toBeGreaterThan(0);
  await waitForStatus(core, id, 'the pushed snapshot to be ingested', (s) => {
    return s.shards.lastReportAt !== null && s.shards.lastReportAt !== before;
  });
}
