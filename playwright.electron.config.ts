import { defineConfig } from '@playwright/test';

// The Playwright `_electron` suite (test/e2e-electron). It needs the Electron
// binary, which cannot be downloaded on our build machines (docs/architecture.md §1):
// there the suite skips itself and prints why. Build first (`npm run
// build:app`); set SHARDWATCH_E2E_EXECUTABLE to drive a packaged e2e build
// (electron-builder.e2e.yml) instead of `electron .`.
export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/playwright-electron',
});
