/**
 * The built-in demo gateway: the simulator running in-process, so a first run
 * with no profiles shows live data. It is healthy by default; now and then
 * something happens, in turn: one shard drops for a minute and a half and
 * comes back (an incident that heals itself; the Demo's alerts stay in the
 * app), or every shard restarts one after another, as a deploy does (the
 * `rolling-restart` scenario: no alert at all, one deploy entry in the
 * timeline and a diagonal of restarts in the shard history). The
 * composition roots (browser mode, the desktop app) pass it to the core.
 */
import type { Clock, TimerHandle } from '../../shared/clock';
import { systemClock } from '../../shared/clock';
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ProfileInput } from '../../shared/profile-model';
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
    /** False: no scheduled events (a simulator the user adds to get started). */
    outages?: boolean;
    /** Time between two shards of the Demo's rolling restart. Default 10 s. */
    rollingStepMs?: number;
    /** Clock of the simulator and of the Demo's events (tests pass a fake one). */
    clock?: Clock;
  } = {},
): Promise<DemoGateway> {
  const shardCount = opts.shardCount ?? 24;
  const rollingStepMs = opts.rollingStepMs ?? 10_000;
  const clock = opts.clock ?? systemClock;
  const everyMs = opts.outageEveryMs ?? DEMO_OUTAGE_EVERY_MS;
  const sim = await createSimulator({
    dialect: 'documented',
    shardCount,
    scenario: 'steady',
    latencyMs: 3,
    jitterMs: 4,
    shardInfoIntervalMs: 1000,
    clock,
    // A restarting shard is down for one tick: at most two snapshots, fewer
    // than an alert needs, before the deploy is recognised and held.
    scenarioTickMs: 1000,
    scenarioOptions: { startAfterMs: 0, stepMs: rollingStepMs, downMs: 500 },
  });
  let events = 0;
  const timers = new Set<TimerHandle>();
  // The Demo's timers must not keep a process alive that is otherwise done.
  const later = (fn: () => void, ms: number): void => {
    const h = clock.setTimeout(() => {
      timers.delete(h);
      fn();
    }, ms);
    timers.add(h);
    (h.id as { unref?: () => void } | null)?.unref?.();
  };
  const happen = (): void => {
    later(happen, everyMs);
    if (events++ % 2 === 1) {
      sim.setScenario('rolling-restart');
      later(() => sim.setScenario('steady'), shardCount * rollingStepMs + 5000);
    } else {
      const id = ((events >> 1) * 7) % shardCount;
      sim.setShard(id, { disconnected: true });
      later(() => sim.setShard(id, { disconnected: false }), opts.outageMs ?? DEMO_OUTAGE_MS);
    }
  };
  if (opts.outages !== false) later(happen, everyMs);
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
      for (const t of timers) clock.clearTimeout(t);
      timers.clear();
      return sim.stop();
    },
  };
}
