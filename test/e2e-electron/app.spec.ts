/**
 * The desktop app end to end, through Playwright's `_electron`: launch the
 * built app on a fresh data folder (it starts the built-in demo gateway — the
 * simulator — because there are no profiles), then check the window, the
 * tray model and a desktop notification for a real incident.
 *
 * Runs only where an Electron binary exists. Where it does not (our build
 * machines, docs/architecture.md §1) every test is skipped and the reason printed. The
 * binary is looked up without loading the `electron` package's index.js,
 * which would try to download it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';
import type { Notification as AlertNotification } from '../../electron/core/alerts/notifier';
import type { E2eHook } from '../../electron/main/e2e-hook';
import { E2E_HOOK } from '../../electron/main/e2e-hook';
import type { ApiResult } from '../../shared/api';
import type { PreloadApi } from '../../shared/bridge';
import { PRELOAD_GLOBAL } from '../../shared/bridge';
import type { ProfileInput } from '../../shared/profile-model';
import type { TrayModel } from '../../shared/tray';
import { defaultProfileInput } from '../../shared/profile-validation';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The Electron binary from node_modules/electron, or why there is none. */
function electronBinary(): { path: string } | { reason: string } {
  const packaged = process.env['SHARDWATCH_E2E_EXECUTABLE'];
  if (packaged) {
    return existsSync(packaged)
      ? { path: packaged }
      : { reason: `SHARDWATCH_E2E_EXECUTABLE (${packaged}) does not exist` };
  }
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(pkgDir, 'dist'))) {
    return {
      reason:
        'the Electron binary is not installed (node_modules/electron has no path.txt or dist/; it cannot be downloaded here)',
    };
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { reason: `the Electron binary ${binary} is missing` };
}

function whyNot(): string | null {
  const bin = electronBinary();
  if ('reason' in bin) return bin.reason;
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'there is no display (set DISPLAY, e.g. run under xvfb-run)';
  }
  if (
    !process.env['SHARDWATCH_E2E_EXECUTABLE'] &&
    !existsSync(join(root, 'out', 'main', 'index.js'))
  ) {
    return 'the app is not built (run npm run build:app first)';
  }
  return null;
}

const skipReason = whyNot();
if (skipReason) console.log(`[e2e-electron] skipping the desktop suite: ${skipReason}`);

/** A loopback port with nothing listening (for a profile whose connection is lost). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

test.describe('desktop app (Electron)', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  const hook = <T>(read: (h: E2eHook) => T): Promise<T> =>
    app.evaluate(
      (_electron, [name, fn]) => {
        const h = (globalThis as Record<string, unknown>)[name] as E2eHook;
        // The reader is sent as source text: evaluate cannot carry closures.
        return (new Function('h', `return (${fn})(h)`) as (h: E2eHook) => T)(h);
      },
      [E2E_HOOK, read.toString()] as const,
    );

  test.beforeAll(async () => {
    dataDir = makeTempDir('shardwatch-e2e-electron-');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
    Object.assign(env, {
      SHARDWATCH_DATA_DIR: dataDir,
      SHARDWATCH_E2E: '1',
      SHARDWATCH_LOG_STDERR: '0',
    });
    const packaged = process.env['SHARDWATCH_E2E_EXECUTABLE'];
    app = await electron.launch({
      ...(packaged ? { executablePath: packaged, args: [] } : { args: [root] }),
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) removeTempDir(dataDir);
  });

  test('opens one locked-down window on the app:// renderer', async () => {
    await expect(page).toHaveURL(/^app:\/\/shardwatch\/index\.html/);
    await expect(page.locator('#app')).not.toBeEmpty();
    expect(app.windows()).toHaveLength(1);
    const facts = await page.evaluate((global) => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g[global] as Record<string, unknown> | undefined;
      let evalBlocked = false;
      try {
        // CSP without 'unsafe-eval': string evaluation is refused.
        (0, eval)('1');
      } catch {
        evalBlocked = true;
      }
      return {
        require: typeof g['require'],
        process: typeof g['process'],
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
        popup:
          (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') ===
          null,
        evalBlocked,
      };
    }, PRELOAD_GLOBAL);
    expect(facts).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridgeKeys: ['channels', 'events', 'invoke', 'on'],
      popup: true,
      evalBlocked: true,
    });
    expect(await hook((h) => h.windowVisible())).toBe(true);
  });

  test('the tray model follows the demo gateway', async () => {
    await expect
      .poll(
        async () => {
          const tray: TrayModel = await hook((h) => h.tray());
          return {
            live: tray.state !== 'no-profiles' && tray.state !== 'offline',
            demo: tray.menu.some((m) => m.id.startsWith('profile:') && m.label.startsWith('Demo')),
          };
        },
        { timeout: 60_000 },
      )
      .toEqual({ live: true, demo: true });
    const tray: TrayModel = await hook((h) => h.tray());
    expect(tray.tooltip.startsWith('Shardwatch — ')).toBe(true);
    expect(tray.menu.map((m) => m.id)).toEqual(
      expect.arrayContaining(['open', 'snooze', 'pause', 'quit']),
    );
  });

  test('an incident raises a desktop notification', async () => {
    const port = await closedPort();
    const input: ProfileInput = {
      ...defaultProfileInput(),
      name: 'Unreachable e2e bot',
      url: `ws://127.0.0.1:${port}/`,
      botId: '123456789012345678',
      publicKey: 'e2e-public-key',
      secret: 'e2e-secret-value',
    };
    const created = await page.evaluate(
      ([global, form]) =>
        (globalThis as unknown as Record<string, PreloadApi>)[global]!.invoke(
          'command:create-profile',
          form,
        ),
      [PRELOAD_GLOBAL, input] as const,
    );
    expect((created as ApiResult<unknown>).ok).toBe(true);
    await expect
      .poll(
        async () => {
          const shown: AlertNotification[] = await hook((h) => h.notifications());
          return shown.some((n) => n.title.includes('Unreachable e2e bot'));
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  });
});
