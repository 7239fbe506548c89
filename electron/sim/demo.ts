/**
 * The built-in demo gateway: the simulator running in-process, so a first run
 * with no profiles shows live data. It is healthy by default; now and then
 * one shard drops for a minute and a half and comes back, so the demo shows
 * an incident that heals itself (its alerts stay in the app). The
 * composition roots (browser mode, the desktop app) pass it to the core.
 */
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ProfileInput } from '../../shared/model';
import { defaultProfileInput } from '../../shared/profile-validation';
import { createSimulator } from './simulator';

/** Name of the demo profile, so users can tell it apart. */
export const DEMO_PROFILE_NAME = 'Demo';

/** How often the demo has an outage, and how long it lasts. */
export const DEMO_OUTAGE_EVERY_MS = 20 * 60_000;
export const DEMO_OUTAGE_MS = 90_000;

/** Start the demo gateway on a free loopback port. */
export async function startDemoGateway(
  opts: {
    shardCount?: number;
    outageEveryMs?: number;
    outageMs?: number;
    /** False: no scheduled outages (a simulator the user adds to get started). */
    outages?: boolean;
  } = {},
): Promise<DemoGateway> {
  const shardCount = opts.shardCount ?? 24;
  const sim = await createSimulator({
    dialect: 'documented',
    shardCount,
    scenario: 'steady',
    latencyMs: 3,
    jitterMs: 4,
    shardInfoIntervalMs: 1000,
    scenarioTickMs: 4000,
  });
  let outages = 0;
  let heal: NodeJS.Timeout | null = null;
  const outage = setInterval(() => {
    if (opts.outages === false) return;
    const id = (outages++ * 7) % shardCount;
    sim.setShard(id, { disconnected: true });
    heal = setTimeout(
      () => sim.setShard(id, { disconnected: false }),
      opts.outageMs ?? DEMO_OUTAGE_MS,
    );
    heal.unref();
  }, opts.outageEveryMs ?? DEMO_OUTAGE_EVERY_MS);
  outage.unref();
  return {
    url: sim.url,
    profileInput(): ProfileInput {
      const base = defaultProfileInput();
      return {
        ...base,
        name: DEMO_PROFILE_NAME,
        color: '#56B4E9',
        environment: 'dev',
        url: sim.url,
        dialect: 'documented',
        // The demo's gateway is Shardwatch's own simulator: registering takes
        // nobody's interactions, and it is what shows shard stats.
        monitorMode: 'register',
        botId: sim.credentials.botId,
        shardIn: 0,
        shardTotal: opts.shardCount ?? 24,
        pingIntervalMs: 1000,
        publicKey: sim.credentials.publicKey,
        secret: sim.credentials.secret,
      };
    },
    stop: () => {
      clearInterval(outage);
      if (heal) clearTimeout(heal);
      return sim.stop();
    },
  };
}
