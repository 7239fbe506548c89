// The soak (`npm run test:soak`): a simulated day of the real core on a fake
// clock. It is CPU-bound work, minutes long on a quiet machine and several
// times that under load, so it is not part of `npm test` (`vitest.config.ts`
// includes only test/unit and test/integration); `npm run test:reliability`
// runs it after the reliability suites.
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Not mergeConfig: it would append this `include` to the base one instead of replacing it.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/soak/**/*.test.ts'] },
});
