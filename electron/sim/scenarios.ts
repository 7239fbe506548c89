/**
 * Names of the simulator's scenarios and faults. Semantics live in
 * `faults.ts` and `analytics-scenarios.ts`; these lists are what the CLI
 * validates against.
 */
import { ANALYTICS_SCENARIOS } from './analytics-scenarios';

/**
 * Long-running behaviours, applied on every scenario tick:
 * - `steady`: counters grow, every ping answered after `latencyMs` + jitter.
 * - `flapping`: one random shard toggles `disconnected` per tick.
 * - `degrading`: ping latency ramps up with time since the scenario began.
 * - `stall`: pings are received but never answered.
 * - `drop`: each open socket is closed or terminated with `dropProbability` per tick.
 * - `garbage`: a malformed frame precedes an outgoing frame with `garbageProbability`.
 * - `dev-shards`: about a third of the shards (at least one) report `development: true`.
 * - `hostile`: every tick, each socket gets a flood of `GATEWAY_PING` answers nobody asked
 *   for (`floodPerTick`) and a malformed frame; with many shards and `shardInfoIntervalMs`
 *   it also sends large snapshots. For the isolation test (test/integration/reliability).
 * - the analytics scenarios (`bucket-outage`, `restart-loop`, `one-way-shard`,
 *   `silent-shard`, `rolling-restart`, `nightly-failure`): see `analytics-scenarios.ts`.
 */
export const SIM_SCENARIOS = [
  'steady',
  'flapping',
  'degrading',
  'stall',
  'drop',
  'garbage',
  'dev-shards',
  'hostile',
  ...ANALYTICS_SCENARIOS,
] as const;
/** A scenario name. */
export type SimScenario = (typeof SIM_SCENARIOS)[number];

/** Type guard for {@link SimScenario}. */
export function isSimScenario(value: unknown): value is SimScenario {
  return typeof value === 'string' && (SIM_SCENARIOS as readonly string[]).includes(value);
}

/**
 * One-shot faults for tests (`injectFault`):
 * - `close`: close every client socket with a close frame (1001).
 * - `terminate`: destroy every client TCP socket without a close frame.
 * - `stall`: stop answering pings (until `resume`).
 * - `resume`: answer pings again (also ends a `stall` scenario and a pending `late-answer`).
 * - `half-open`: stop reading every current socket at the TCP level and send nothing more,
 *   without closing; WebSocket pings get no pong.
 * - `garbage-once`: send one malformed frame to every open socket.
 * - `late-answer`: answer the next ping on each socket only after `delayMs` (default 5000).
 * - `duplicate-answer`: answer the next ping twice.
 * - `unsolicited-answer`: send a `GATEWAY_PING` nobody asked for.
 * - `kill-reader`: make every current socket's reader die, as a bad frame would on 0.2.2.
 */
export const SIM_FAULTS = [
  'close',
  'terminate',
  'stall',
  'resume',
  'half-open',
  'garbage-once',
  'late-answer',
  'duplicate-answer',
  'unsolicited-answer',
  'kill-reader',
] as const;
/** A fault kind. */
export type SimFault = (typeof SIM_FAULTS)[number];

/** Type guard for {@link SimFault}. */
export function isSimFault(value: unknown): value is SimFault {
  return typeof value === 'string' && (SIM_FAULTS as readonly string[]).includes(value);
}
