// Mutation testing (docs/testing.md, "Mutation"): Stryker plants small bugs in
// the code that guards secrets and figures, one at a time, and runs the
// Vitest tests that cover each; a bug no test notices is a "survivor".
//
//   npm run test:mutation                             the whole scope below
//   npm run test:mutation -- --mutate <file>          one module, with its own tests (GROUPS)
//   npm run test:mutation -- --incremental            only what changed since the last run
//
// Each module is tested against the test files that exercise it (GROUPS), not
// the whole suite: the first, instrumented run of every related test took
// most of an hour, and tests that start a whole core repeat for every mutant
// they reach. With `--mutate`, only the groups of the named files run (read
// from the command line below); the whole scope runs the union, and
// `perTest` coverage still gives each mutant only the tests that reached it.
//
// The incremental file (reports/stryker-incremental.json) is git-ignored: it
// is a local cache keyed by this machine's runs, and two branches writing it
// would conflict on every merge.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

// Stryker runs the tests in a copy of the repository (.stryker-tmp/sandbox-*),
// where the real gateway server's default path (../shared/upstream, beside the
// repository) would not resolve: point the tests at it explicitly.
const upstream = resolve(root, '../shared/upstream/http-interaction');
if (process.env['SHARDWATCH_UPSTREAM_BIN'] === undefined && existsSync(upstream)) {
  process.env['SHARDWATCH_UPSTREAM_BIN'] = upstream;
}

/**
 * The scope, module by module: what is mutated (a file, or `file:from-to`
 * for lines) and the test files that exercise it. Line ranges follow the
 * code: when `server.ts` or `metrics.ts` move, update them.
 */
const GROUPS = [
  {
    name: 'codec',
    mutate: ['electron/core/gateway/codec.ts'],
    tests: [
      'test/unit/core/gateway/codec.test.ts',
      'test/unit/core/gateway/codec-*.test.ts',
      'test/unit/core/gateway/failures.test.ts',
    ],
  },
  {
    name: 'secret scrubbing',
    mutate: ['electron/core/gateway/secret-scrub.ts'],
    tests: ['test/unit/core/gateway/secret-scrub*.test.ts'],
  },
  {
    // Browser-mode authentication: the session cookie, the token check, the
    // page and bridge gates in server.ts, and the bridge envelope.
    name: 'browser-mode authentication',
    mutate: [
      'electron/serve/session.ts',
      'electron/serve/server.ts:127-144',
      'electron/serve/server.ts:216-224',
      'electron/serve/server.ts:258-262',
      'electron/serve/bridge-request.ts',
    ],
    tests: [
      'test/integration/serve/server.test.ts',
      'test/integration/serve/session.test.ts',
      'test/unit/serve/*.test.ts',
    ],
  },
  {
    name: 'profile validation',
    mutate: ['shared/profile-validation.ts'],
    tests: [
      'test/unit/core/profiles/profile-validation*.test.ts',
      'test/unit/core/profiles/monitor-mode-migration.test.ts',
      'test/unit/core/profiles/analytics-fields.test.ts',
      'test/unit/shared/validate.test.ts',
    ],
  },
  {
    name: 'profile storage',
    mutate: [
      'electron/core/profiles/profile-store.ts',
      'electron/core/profiles/stored-file.ts',
      'electron/core/profiles/profile-file.ts',
      'electron/core/profiles/profile-secrets.ts',
    ],
    tests: [
      'test/unit/core/profiles/profile-store*.test.ts',
      'test/unit/core/profiles/profile-export.test.ts',
      'test/unit/core/profiles/monitor-mode-migration.test.ts',
      'test/unit/main/electron-store-file.test.ts',
    ],
  },
  {
    name: 'cipher',
    mutate: ['electron/core/profiles/secret-cipher.ts'],
    tests: [
      'test/unit/core/profiles/secret-cipher*.test.ts',
      'test/unit/main/safe-storage-cipher.test.ts',
    ],
  },
  {
    name: 'ping scheduler and latency statistics',
    mutate: [
      'electron/core/gateway/ping-scheduler.ts',
      'electron/core/monitor/latency-stats.ts',
      'shared/percentile.ts',
    ],
    tests: [
      'test/unit/shared/percentile.test.ts',
      'test/unit/shared/bucket-summary.test.ts',
      'test/unit/core/monitor/latency-*.test.ts',
      'test/unit/core/gateway/ping-*.test.ts',
      'test/unit/core/gateway/timing-probe.test.ts',
    ],
  },
  {
    name: 'alert rules',
    mutate: [
      'electron/core/alerts/rules.ts',
      'electron/core/alerts/rule-evaluation.ts',
      'electron/core/alerts/shard-index.ts',
    ],
    tests: ['test/unit/core/alerts/*.test.ts', 'test/unit/core/monitor/shard-tracker.test.ts'],
  },
  {
    name: 'data-folder lock',
    mutate: ['electron/core/data-folder/lock.ts'],
    tests: ['test/unit/core/data-folder/lock*.test.ts'],
  },
  {
    name: 'webhook delivery',
    mutate: [
      'electron/core/notify/delivery-queue.ts',
      'electron/core/notify/http-post.ts',
      'electron/core/notify/channel-rules.ts',
    ],
    tests: ['test/unit/core/notify/*.test.ts', 'test/integration/notify/delivery-queue*.test.ts'],
  },
  {
    // Metrics authentication: the token file and the check in the endpoint.
    name: 'metrics authentication',
    mutate: ['electron/core/metrics/metrics-token.ts', 'electron/core/metrics/metrics.ts:208-224'],
    tests: ['test/unit/core/metrics/*.test.ts'],
  },
];

/** The files named after `--mutate`/`-m` on the command line, if any. */
function mutateArgument(argv) {
  const i = argv.findIndex((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
  if (i < 0) return null;
  const value = argv[i].startsWith('--mutate=') ? argv[i].slice('--mutate='.length) : argv[i + 1];
  if (value === undefined) return null;
  return value.split(',').map((f) => f.replace(/:\d+(-\d+)?$/, '').replace(/^\.\//, ''));
}

/** The test files of the groups that mutate one of `files` (all groups without `files`). */
export function testFilesFor(files) {
  const groups =
    files === null
      ? GROUPS
      : GROUPS.filter((g) => g.mutate.some((m) => files.includes(m.replace(/:\d+-\d+$/, ''))));
  if (groups.length === 0) {
    throw new Error(
      `stryker.config.mjs: ${files.join(', ')} is not in the mutation scope (GROUPS); add a group for it with its test files.`,
    );
  }
  return [...new Set(groups.flatMap((g) => g.tests))];
}

export { GROUPS };

// The tests to run reach Vitest through the environment (vitest.mutation.config.ts
// reads it in Stryker's test runner processes), not through Stryker's
// `testFiles`: with `testFiles`, Stryker 10.1 activates a mutant of code that
// runs when a module is imported (a constant, a scrubber a test file builds
// at its top) only after the import, so it survives whatever the tests check.
// For the same reason, do not pass `--testFiles` on the command line.
/**
 * The group test/mutation/run-groups.ts is running (`SHARDWATCH_MUTATION_GROUP`,
 * a group's name), or null when Stryker was started directly.
 */
function selectedGroup() {
  const name = process.env['SHARDWATCH_MUTATION_GROUP'];
  if (name === undefined || name === '') return null;
  const group = GROUPS.find((g) => g.name === name);
  if (group === undefined) {
    throw new Error(
      `stryker.config.mjs: SHARDWATCH_MUTATION_GROUP names no group ("${name}"); the groups are ${GROUPS.map((g) => `"${g.name}"`).join(', ')}.`,
    );
  }
  return group;
}

/** A group's name as a file name: "alert rules" → "alert-rules". */
function groupSlug(name) {
  return name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** Where a group's run writes its JSON report (test/mutation/run-groups.ts reads it). */
export function groupReport(name) {
  return `reports/mutation/groups/${groupSlug(name)}.json`;
}

const group = selectedGroup();
process.env['SHARDWATCH_MUTATION_TESTS'] = JSON.stringify(
  group === null ? testFilesFor(mutateArgument(process.argv)) : group.tests,
);
const reportBase =
  group === null ? 'reports/mutation/mutation' : groupReport(group.name).replace(/\.json$/, '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The runner's own default pool is worker threads, where `process.umask()`
  // throws (the history database test sets it); the project's tests run in
  // forks (vitest.config.ts). `testFiles` decides which tests run, so
  // `related` would only add an import-graph walk.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false, pool: 'forks' },
  // Each mutant runs only the tests that reached it in the dry run.
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared by several sessions.
  concurrency: 2,
  // Tests on real sockets and files take longer on a loaded machine than in the dry run.
  timeoutMS: 15_000,
  timeoutFactor: 2,
  // The first run (every related test, one worker, with coverage) takes long on a loaded machine.
  dryRunTimeoutMinutes: 45,
  mutate: group === null ? GROUPS.flatMap((g) => g.mutate) : group.mutate,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reportBase}.html` },
  jsonReporter: { fileName: `${reportBase}.json` },
  incrementalFile:
    group === null
      ? 'reports/stryker-incremental.json'
      : `reports/mutation/groups/${groupSlug(group.name)}.incremental.json`,
  // The goal of issue #17 is 85 % on this scope; below it the report says so
  // (red) without failing the command, so a one-module run still reports.
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
