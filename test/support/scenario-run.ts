/**
 * One simulator scenario driven end to end through a real core on a fake
 * clock: the simulator (real sockets on loopback) pushes a shard snapshot
 * every second of fake time, and each step waits until the core has
 * ingested it, so minutes of a scenario run in seconds and every check
 * waits on an event, never on a sleep.
 */
import type { AppCore } from '../../electron/core/api';
import type { SecretCipher } from '../../electron/core/profiles/secret-cipher';
import { createSimulator } from '../../electron/sim';
import type { AnalyticsScenarioOptions, SimScenario, SimulatorHandle } from '../../electron/sim';
import { decodeHeatmapBase64 } from '../../shared/analytics';
import type { ProfileStatus } from '../../shared/live-status';
import type { ProfileInput } from '../../shared/profile-model';
import type { HeatmapSlice } from '../../shared/shard-heatmap';
import type { TestCore } from './core';
import { startTestCore } from './core';
import { createProfile, profileFor, statusOf, unwrap, waitFor } from './core-api';
import type { FakeClock } from './fake-clock';
import { createFakeClock } from './fake-clock';

/** A scenario running against a core. */
export interface ScenarioRun {
  clock: FakeClock;
  core: AppCore;
  fixture: TestCore;
  /** The simulator (its credentials are the secrets a report must not show). */
  sim: SimulatorHandle;
  profileId: string;
  /** Wall ms the run began. */
  startedAt: number;
  /** Advance fake time second by second, each snapshot ingested before the next. */
  run(ms: number): Promise<void>;
  status(): Promise<ProfileStatus>;
  /** Stop the core (its history is written) and the simulator. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startScenario}. */
export interface ScenarioRunOptions {
  shards?: number;
  options?: AnalyticsScenarioOptions;
  profile?: Partial<ProfileInput>;
  /** Wall time the fake clock starts at. */
  startWall?: number;
  /** Data folder (several runs may share one history). */
  dataDir: string;
  historyFile?: string | null;
  /** A profile already in `dataDir` to watch instead of creating one. */
  profileId?: string;
  /** The cipher of the profiles in `dataDir` (one per data folder across runs). */
  cipher?: SecretCipher;
}

/** Start the simulator with `scenario`, a core on the same fake clock, and one profile for it. */
export async function startScenario(
  scenario: SimScenario,
  opts: ScenarioRunOptions,
): Promise<ScenarioRun> {
  const clock = createFakeClock(opts.startWall);
  const sim = await createSimulator({
    random: 7,
    clock,
    shardCount: opts.shards ?? 16,
    scenario,
    scenarioOptions: opts.options,
    shardInfoIntervalMs: 1000,
  });
  const fixture = await startTestCore({
    clock,
    dataDir: opts.dataDir,
    ...(opts.historyFile !== undefined ? { historyFile: opts.historyFile } : {}),
    ...(opts.cipher ? { cipher: opts.cipher } : {}),
  });
  const base = profileFor(sim);
  const input = profileFor(sim, {
    ...opts.profile,
    // Pings on a fake clock may be answered a step late: no latency or loss alerts here.
    alerts: { ...base.alerts, latencyP95Ms: 0, lossPct: 0, ...opts.profile?.alerts },
  });
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await fixture.dispose();
      await sim.stop();
    })());
  try {
    const profile = opts.profileId
      ? unwrap(await fixture.core.api['command:update-profile'](opts.profileId, input))
      : await createProfile(fixture.core, input);
    const { status, run, startedAt } = await stepper(fixture.core, clock, profile.id);
    return {
      clock,
      core: fixture.core,
      fixture,
      sim,
      profileId: profile.id,
      startedAt,
      run,
      status,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Wait until `profileId` is ready, then step fake time a second at a time,
 * each step until the core has ingested the snapshot of that second.
 */
export async function stepper(core: AppCore, clock: FakeClock, profileId: string) {
  const status = async (): Promise<ProfileStatus> => {
    const s = await statusOf(core, profileId);
    if (!s) throw new Error('the profile has no status');
    return s;
  };
  // Connecting is socket IO only; the first snapshot comes a second of fake time after READY.
  await waitFor('the profile to be ready', async () => (await status()).state === 'ready');
  const startedAt = clock.wallNow();
  async function run(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(1000);
      const at = clock.wallNow();
      await waitFor(
        `the snapshot of ${new Date(at).toISOString()} to be ingested`,
        async () => (await status()).shards.lastReportAt === at,
      );
    }
  }
  return { status, run, startedAt };
}

/** The shard history of shards `0 … count − 1` from the run's start to now (decoded and checked). */
export async function heatmapOf(r: ScenarioRun, count: number): Promise<HeatmapSlice> {
  const slice = decodeHeatmapBase64(
    unwrap(
      await r.core.api['query:shard-heatmap']({
        profileId: r.profileId,
        from: r.startedAt,
        to: r.clock.wallNow() + 1,
        shardLo: 0,
        shardCount: count,
      }),
    ),
  );
  if (!slice.ok) throw new Error(slice.error);
  return slice.value;
}

/** The profile's incidents, oldest first. */
export async function incidentsOf(r: ScenarioRun) {
  return unwrap(await r.core.api['query:incidents'](r.profileId, 100)).sort(
    (a, b) => a.openedAt - b.openedAt,
  );
}
