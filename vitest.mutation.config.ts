// The Vitest set-up Stryker runs (stryker.config.mjs): the project's own
// config, less the reliability suites (test/integration/reliability), whose
// fuzz and soak runs take minutes each and would run again for every mutant
// they cover. Mutants they alone would kill count as survivors, so leaving
// them out can only lower the score, never raise it. Stryker's instrumented
// code runs the codec's byte loops many times slower, so a test gets longer
// than the usual 20 s; a mutant that hangs is still stopped by Stryker's own
// timeout (stryker.config.mjs).
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The test files of the modules being mutated, set by stryker.config.mjs
 * (its GROUPS). Stryker's own `testFiles` option is not used for this: with
 * it, Stryker switches a mutant of code that runs at import time on only
 * after the import, so such mutants survive every test (Stryker 10.1).
 */
function mutationInclude(): string[] | null {
  const raw = process.env['SHARDWATCH_MUTATION_TESTS'];
  if (raw === undefined || raw === '') return null;
  const list: unknown = JSON.parse(raw);
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string'))
    throw new Error('SHARDWATCH_MUTATION_TESTS must be a JSON list of test file globs.');
  return list;
}
const include = mutationInclude();

const merged = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/integration/reliability/**'],
      testTimeout: 180_000,
      hookTimeout: 60_000,
    },
  }),
);
// Replaced, not merged: mergeConfig would add these to the project's whole include list.
if (include && merged.test) merged.test.include = include;

export default merged;
