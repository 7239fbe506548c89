/**
 * A data folder with days of shard history, made the way Shardwatch makes
 * it: the simulator's scenarios run against a real core on a fake clock
 * (test/support/scenario-run.ts), with the file-key cipher and history file
 * `shardwatch serve` then opens. Three daily failures at the same hour,
 * the last one two to three hours ago (so they are recurring trouble, and
 * the last one is in the last 24 h whatever the time of day the test runs),
 * and a rolling restart runs two hours ago.
 * Both profiles are then disabled: their simulators are gone.
 */
import { join } from 'node:path';
import { createFileKeyCipher } from '../../electron/core/profiles/secret-cipher';
import { defaultProfileInput } from '../../shared/profile-validation';
import { unwrap } from '../support/core-api';
import { startScenario } from '../support/scenario-run';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the seeded folder holds, for the tests to check against. */
export interface AnalyticsSeed {
  /** Wall ms of the three daily failures (at `failureAt` UTC), oldest first. */
  nights: number[];
  /** The failures' time of day, `HH:00` UTC. */
  failureAt: string;
  /** The maintenance window recurring trouble offers for them, `HH:MM–HH:MM` UTC. */
  window: string;
  /** Every credential the seeded profiles were saved with (must never show). */
  secrets: string[];
}

/**
 * The start of the UTC hour two hours before `now`: the last failure is in
 * the last 24 h and long over, at any time of day. (A fixed 03:00 was over
 * 24 h old when the test ran between 03:00 and 04:00 UTC.)
 */
export function lastFailure(now: number): number {
  return Math.floor((now - 2 * HOUR) / HOUR) * HOUR;
}

/** `HH:MM` of minutes since midnight, wrapped to one day. */
function hm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Fill `dataDir` with the nightly bot (3 nights) and the deploy bot (one rolling restart). */
export async function seedAnalytics(dataDir: string, now = Date.now()): Promise<AnalyticsSeed> {
  const cipher = createFileKeyCipher(dataDir);
  const historyFile = join(dataDir, 'history.sqlite');
  const last = lastFailure(now);
  const nights = [last - 2 * DAY, last - DAY, last];
  const hour = new Date(last).getUTCHours();
  const failureAt = hm(hour * 60);
  // Recurring trouble offers a window from a quarter hour before to half an hour after.
  const window = `${hm(hour * 60 - 15)}–${hm(hour * 60 + 30)}`;
  const secrets: string[] = [];
  const base = defaultProfileInput().alerts;
  // Pings on a fake clock may be answered a step late: no latency or loss alerts here.
  const alerts = {
    ...base,
    latencyP95Ms: 0,
    lossPct: 0,
    quietHours: { ...base.quietHours, timeZone: 'UTC' },
  };
  let profileId: string | undefined;
  for (const night of nights) {
    const r = await startScenario('nightly-failure', {
      startWall: night - 30_000,
      dataDir,
      historyFile,
      cipher,
      ...(profileId ? { profileId } : {}),
      options: { nightlyAt: failureAt, outageMs: 3 * 60_000 },
      profile: { name: 'Nightly bot', alerts },
    });
    profileId = r.profileId;
    secrets.push(r.sim.credentials.publicKey, r.sim.credentials.secret);
    try {
      // Down for three minutes from the hour, the incident cleared a few snapshots later.
      await r.run(250_000);
      // Its simulator is gone after the seeding: disabled, it raises no connection
      // alert of its own in serve (a failure at another time of day).
      if (night === nights[nights.length - 1])
        unwrap(await r.core.api['command:set-profile-enabled'](r.profileId, false));
    } finally {
      await r.stop();
    }
  }
  const deploy = await startScenario('rolling-restart', {
    startWall: now - 2 * HOUR,
    dataDir,
    historyFile,
    cipher,
    options: { startAfterMs: 5000, stepMs: 10_000, downMs: 1500 },
    profile: { name: 'Deploy bot' },
  });
  secrets.push(deploy.sim.credentials.publicKey, deploy.sim.credentials.secret);
  try {
    // 16 shards 10 s apart, then two quiet minutes: the deploy is over and summed up.
    await deploy.run(16 * 10_000 + 3 * 60_000);
    unwrap(await deploy.core.api['command:set-profile-enabled'](deploy.profileId, false));
  } finally {
    await deploy.stop();
  }
  return { nights, failureAt, window, secrets };
}
