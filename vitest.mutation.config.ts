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

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/integration/reliability/**'],
      testTimeout: 180_000,
      hookTimeout: 60_000,
    },
  }),
);
