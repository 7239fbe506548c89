/** Public surface of the gateway simulator (docs/architecture.md §2, `electron/sim/`). */
export { createSimulator } from './simulator';
export * from './types';
export { SIM_FAULTS, SIM_SCENARIOS, isSimFault, isSimScenario } from './scenarios';
export type { SimFault, SimScenario } from './scenarios';
export type { SimShard } from './shards';
export { createSeededRandom } from './random';
export type { SimRandom } from './random';
export { ANALYTICS_SCENARIOS } from './analytics-scenarios';
export type { AnalyticsScenario, AnalyticsScenarioOptions } from './analytics-scenarios';
