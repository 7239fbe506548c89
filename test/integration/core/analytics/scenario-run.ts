/**
 * The scenario runner of test/support/scenario-run.ts for the core
 * integration tests: in a temp data folder unless told, stopped after the test.
 */
import type { SimScenario } from '../../../../electron/sim';
import { startScenario as runScenario } from '../../../support/scenario-run';
import type { ScenarioRun, ScenarioRunOptions } from '../../../support/scenario-run';
import { afterThisTest, tempDir } from '../helpers';

export { heatmapOf, incidentsOf, stepper } from '../../../support/scenario-run';
export type { ScenarioRun } from '../../../support/scenario-run';

/** Start `scenario` against a real core on a fake clock; everything stops after the test. */
export async function startScenario(
  scenario: SimScenario,
  opts: Partial<ScenarioRunOptions> = {},
): Promise<ScenarioRun> {
  const r = await runScenario(scenario, { ...opts, dataDir: opts.dataDir ?? tempDir() });
  afterThisTest(() => r.stop());
  return r;
}
