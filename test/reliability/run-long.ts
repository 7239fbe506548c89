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
const args = process.argv.slice(2);
// The soak has a config of its own (vitest.soak.config.ts); the other suites run with the project's.
const soak = args.length === 0 || args.some((f) => 'soak.test.ts'.startsWith(f));
const others = args.filter((f) => !'soak.test.ts'.startsWith(f));
const env = { ...process.env, SHARDWATCH_RELIABILITY: 'long' };

function vitestRun(extra: string[]): number {
  const r = spawnSync(process.execPath, [vitest, 'run', '--maxWorkers=1', ...extra], {
    cwd: REPO_ROOT,
    env,
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

const statuses: number[] = [];
if (args.length === 0 || others.length > 0)
  statuses.push(
    vitestRun(
      others.length > 0
        ? others.map((f) => `test/integration/reliability/${f}`)
        : ['test/integration/reliability'],
    ),
  );
if (soak) statuses.push(vitestRun(['-c', 'vitest.soak.config.ts']));
const status = statuses.find((s) => s !== 0) ?? 0;
const card = spawnSync(
  process.execPath,
  [
    join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs'),
    'test/reliability/scorecard.ts',
    'long',
  ],
  { cwd: REPO_ROOT, env, stdio: 'inherit' },
);
process.exitCode = status !== 0 ? status : (card.status ?? 0);
