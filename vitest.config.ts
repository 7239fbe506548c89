import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Components under test get the app's i18n plugin (renderer/src/main.ts).
    setupFiles: ['test/unit/renderer/vue-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    server: {
      deps: {
        // electron-store imports `electron` itself; inlined, that import goes
        // through the test's `vi.mock('electron')` instead of the real
        // package, which would try to download the Electron binary.
        inline: ['electron-store'],
      },
    },
  },
});
