/**
 * The built-in demo gateway: the simulator running in-process with a few
 * flapping shards, so a first run with no profiles shows live data. The
 * composition roots (browser mode, the desktop app) pass it to the core.
 */
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ProfileInput } from '../../shared/model';
import { defaultProfileInput } from '../../shared/profile-validation';
import { createSimulator } from './simulator';

/** Name of the demo profile, so users can tell it apart. */
export const DEMO_PROFILE_NAME = 'Demo';

/** Start the demo gateway on a free loopback port. */
export async function startDemoGateway(opts: { shardCount?: number } = {}): Promise<DemoGateway> {
  const sim = await createSimulator({
    dialect: 'documented',
    shardCount: opts.shardCount ?? 24,
    scenario: 'flapping',
    latencyMs: 3,
    jitterMs: 4,
    shardInfoIntervalMs: 1000,
    // One shard toggles per tick: every 4 s keeps the demo lively but calm.
    scenarioTickMs: 4000,
  });
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
        botId: sim.credentials.botId,
        shardIn: 0,
        shardTotal: opts.shardCount ?? 24,
        pingIntervalMs: 1000,
        publicKey: sim.credentials.publicKey,
        secret: sim.credentials.secret,
      };
    },
    stop: () => sim.stop(),
  };
}
