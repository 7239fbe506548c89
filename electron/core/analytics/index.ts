/**
 * Shard analytics (docs/analytics.md): what groups of failing shards have in
 * common, the restart budget, one-way and silent shards, rolling restarts,
 * recurring trouble, and the incident recorder and report. Pure functions
 * and small trackers fed by the monitor; none touches the network or disk.
 */
export { diagnoseGroup, DIAGNOSIS_DEFAULTS } from './group-diagnosis';
export type {
  ClusterSpec,
  DiagnosisContext,
  DiagnosisKind,
  GroupDiagnosis,
} from './group-diagnosis';
export { createRestartBudget, forecastExhaustion, RESTART_BUDGET_DEFAULTS } from './restart-budget';
export type {
  BudgetLevel,
  RestartBudget,
  RestartBudgetOptions,
  RestartBudgetStatus,
  RestartKind,
  RestartLoop,
} from './restart-budget';
export {
  COUNTER_DEVELOPMENT,
  COUNTER_DISCONNECTED,
  COUNTER_WATCH_DEFAULTS,
  countersFromViews,
  createCounterWatch,
  namedStateText,
} from './counter-watch';
export type {
  CounterWatch,
  CounterWatchOptions,
  NamedState,
  NamedStateChange,
  ShardCounters,
} from './counter-watch';
export { createRollingRestartDetector, ROLLING_RESTART_DEFAULTS } from './rolling-restart';
export type {
  DeployEvent,
  DeployInfo,
  RollingRestartDetector,
  RollingRestartOptions,
  RollingRestartTick,
} from './rolling-restart';
export { findRecurringTrouble, maintenanceFor, RECURRING_DEFAULTS } from './recurring-trouble';
export type { RecurringTrouble, RecurringTroubleOptions } from './recurring-trouble';
export { createIncidentRecorder, frameBytes, RECORDER_DEFAULTS } from './incident-recorder';
export type {
  IncidentCapture,
  IncidentRecorder,
  IncidentRecorderOptions,
} from './incident-recorder';
export { renderIncidentReport } from './incident-report';
export type { IncidentReportInput } from './incident-report';
export { createHeatRecorder, heatCodeOf } from './heat-codes';
export type { HeatRecorder, HeatSink } from './heat-codes';
export { createProfileAnalytics } from './profile-analytics';
export type { AnalyticsLayout, AnalyticsTick, ProfileAnalytics } from './profile-analytics';
export { createShardAnalytics } from './shard-analytics';
export type { AnalyticsApi, ShardAnalytics, ShardAnalyticsOptions } from './shard-analytics';
