/**
 * The long reliability run: the same suite as CI with
 * SHARDWATCH_RELIABILITY=long (200 gateway kills, 20 000 fuzz runs per
 * property, a 7-day soak of 20 profiles…), then the scorecard.
 *
 *   npm run test:reliability:long            # everything (about an hour)
 *   npm run test:reliability:long -- soak    # only files matching "soak"
 *
 * Runs vitest with the Node that runs this script (the pinned Node 24 under
 * `npm run`), one file at a time so the soak's memory samples see no
 * neighbour.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './support';

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const filters = process.argv.slice(2).map((f) => `test/integration/reliability/${f}`);
const env = { ...process.env, SHARDWATCH_RELIABILITY: 'long' };

const run = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--maxWorkers=1',
    ...(filters.length > 0 ? filters : ['test/integration/reliability']),
  ],
  { cwd: REPO_ROOT, env, stdio: 'inherit' },
);
const card = spawnSync(
  process.execPath,
  [
    join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs'),
    'test/reliability/scorecard.ts',
    'long',
  ],
  { cwd: REPO_ROOT, env, stdio: 'inherit' },
);
process.exitCode = run.status !== 0 ? (run.status ?? 1) : (card.status ?? 0);
