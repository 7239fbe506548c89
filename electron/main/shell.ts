/**
 * The desktop shell's life cycle: everything `electron/main/index.ts` wires,
 * as one function the tests can drive with an `electron` mock.
 *
 * - One instance: a second launch focuses the first window and exits.
 * - Closing the window hides it to the tray (with a one-time hint); Quit in
 *   the tray or app menu really quits: every connection is disposed, raced
 *   against a 3 s timer so a stuck socket cannot keep the app alive.
 * - "Launch at login" follows the setting (applied at start and whenever a
 *   delta carries new settings); "start hidden" is read at launch.
 * - Sleep and network: `powerMonitor` `resume` → `core.resumeFromSleep()`;
 *   online/offline comes from the renderer's `online`/`offline` events, which
 *   the preload sends as `command:set-online` like any request, plus one
 *   `net.isOnline()` read at start and after resume — no polling.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  app,
  dialog,
  Menu,
  nativeImage,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
} from 'electron';
import type { AppSettings } from '../../shared/app-settings';
import { dataDirFromArgs, defaultDataDir } from '../core/data-dir';
import type { OpenDataFolder } from '../core/data-folder/open';
import { DataFolderError, openDataFolder, tidyLogLine } from '../core/data-folder/open';
import type { Notification as AlertNotification, Notifier } from '../core/alerts/notifier';
import type { AppCore, AppCoreOptions } from '../core/api';
import type { DemoGateway } from '../../shared/demo-gateway';
import { renderAppIcon } from '../core/icons/app-icon';
import type { E2eHook } from './e2e-hook';
import { E2E_HOOK } from './e2e-hook';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  contentSecurityPolicy,
  createAppProtocolHandler,
  isRendererUrl,
} from './app-protocol';
import type { IpcGateway } from './ipc-gateway';
import { createIpcGateway } from './ipc-gateway';
import { applyLaunchAtLogin, defaultAutostartDir } from './login-item';
import { createElectronStoreBackend } from './electron-store-file';
import { createRotatingLogger } from './logger';
import type { RotatingLogger } from './logger';
import { createDesktopNotifier } from './notifier';
import { encodePng } from '../core/icons/png';
import { createSafeStorageSecrets } from './safe-storage-cipher';
import type { TrayAdapter } from './tray';
import { createTrayAdapter } from './tray';
import type { MainWindow } from './window';
import { createMainWindow, hardenSession } from './window';
import { createTranslator, processLanguages, wordNotice } from '../../shared/i18n/translator';

/** The appId of electron-builder.yml (Windows AppUserModelID). */
export const APP_ID = 'dev.shardwatch.app';

/** How long quitting may wait for connections to close. */
export const QUIT_TIMEOUT_MS = 3000;

/** Options of {@link startDesktopShell}. */
export interface DesktopShellOptions {
  /** Absolute path of `out/preload/index.cjs`. */
  preloadPath: string;
  /** Absolute path of `out/renderer`. */
  rendererDir: string;
  /** `ELECTRON_RENDERER_URL` from `electron-vite dev`; ignored in a packaged app. */
  devServerUrl?: string;
  createCore: (opts: AppCoreOptions) => AppCore;
  startDemo?: () => Promise<DemoGateway>;
  /** Starts a local simulator for "Add a simulator profile". */
  startSimulator?: () => Promise<DemoGateway>;
  quitTimeoutMs?: number;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** The command line (`--data-dir DIR` chooses the data folder); `process.argv` by default. */
  argv?: readonly string[];
}

/** The running shell (tests; the e2e hook). */
export interface DesktopShell {
  readonly core: AppCore;
  readonly mainWindow: MainWindow;
  readonly tray: TrayAdapter;
  readonly logger: RotatingLogger;
  showWindow(): void;
  /** Dispose everything (at most `quitTimeoutMs` waiting for the core), then exit. */
  quit(): Promise<void>;
}

function readShellState(file: string): { closeHintShown: boolean } {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (
      typeof raw === 'object' &&
      raw !== null &&
      (raw as Record<string, unknown>)['closeHintShown'] === true
    ) {
      return { closeHintShown: true };
    }
  } catch {
    // first run, or a damaged file: show the hint again
  }
  return { closeHintShown: false };
}

/**
 * The e2e hook exists in development runs and in the e2e package
 * (electron-builder.e2e.yml adds `shardwatchE2eBuild` to package.json), never
 * in a release build.
 */
function e2eBuild(): boolean {
  if (!app.isPackaged) return true;
  try {
    const pkg = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as unknown;
    return (
      typeof pkg === 'object' &&
      pkg !== null &&
      (pkg as Record<string, unknown>)['shardwatchE2eBuild'] === true
    );
  } catch {
    return false;
  }
}

async function settle(work: Promise<void>, ms: number): Promise<'done' | 'failed' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'failed' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Start the desktop app. Call once, synchronously at startup (it registers
 * the `app:` scheme, which must happen before `ready`). Resolves to null when
 * another instance already runs (this one then quits).
 */
export async function startDesktopShell(opts: DesktopShellOptions): Promise<DesktopShell | null> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const quitTimeoutMs = opts.quitTimeoutMs ?? QUIT_TIMEOUT_MS;

  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // One data folder for the desktop app, browser mode and the CLI (electron/cli/data-dir.ts):
  // a development run would otherwise use the package name ("shardwatch"), and
  // SHARDWATCH_DATA_DIR overrides it everywhere. Packaged, this is Electron's default anyway.
  app.setName('Shardwatch');
  // Windows shows notifications only for a known AppUserModelID; the NSIS installer registers the appId.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  app.setPath(
    'userData',
    resolve(dataDirFromArgs(opts.argv ?? process.argv) ?? defaultDataDir(env)),
  );
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let mainWindow: MainWindow | null = null;
  let showRequested = false;
  const showWindow = (): void => {
    if (mainWindow) mainWindow.show();
    else showRequested = true;
  };
  app.on('second-instance', showWindow);
  // Closing the window only hides it; the app lives in the tray until Quit.
  app.on('window-all-closed', () => {});

  await app.whenReady();

  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Development runs also print the log (SHARDWATCH_LOG_STDERR=0 silences it, e.g. in tests).
  const echo = !app.isPackaged && env['SHARDWATCH_LOG_STDERR'] !== '0';
  const logger = createRotatingLogger({
    dir: app.getPath('logs'),
    ...(echo ? { echo: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  const log = logger.info;
  log(
    `start: Shardwatch ${app.getVersion()} (${platform}, ${app.isPackaged ? 'packaged' : 'development'})`,
  );
  // One process per data folder (`serve` on the same folder would overwrite
  // our edits and we theirs): taken before the core reads anything.
  let folder: OpenDataFolder;
  try {
    folder = openDataFolder(dataDir, 'the Shardwatch desktop app');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.error(`start refused: ${message}`);
    // The settings (and their language) are in the folder that cannot be used: the system's language.
    const { say } = createTranslator('system', processLanguages(env));
    dialog.showErrorBox(
      say('dataFolder.dialogTitle'),
      err instanceof DataFolderError ? wordNotice(err.wording, say) : message,
    );
    logger.close();
    app.exit(1);
    return null;
  }
  const tidied = tidyLogLine(folder.tidied);
  if (tidied !== null) log(tidied);
  const onUnhandled = (reason: unknown): void => {
    logger.error(
      `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  };
  process.on('unhandledRejection', onUnhandled);

  try {
    return await wire();
  } catch (err) {
    process.removeListener('unhandledRejection', onUnhandled);
    folder.lock.release();
    const message = err instanceof Error ? err.message : String(err);
    logger.error(`start failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
    dialog.showErrorBox(
      'Shardwatch could not start',
      `${message}\n\nThe log is in ${logger.file}.`,
    );
    app.exit(1);
    return null;
  }

  async function wire(): Promise<DesktopShell> {
    const devServerUrl = app.isPackaged ? undefined : opts.devServerUrl;
    const e2e = env['SHARDWATCH_E2E'] === '1' && e2eBuild();
    const icon = nativeImage.createFromBuffer(encodePng(renderAppIcon(128)));

    const secrets = createSafeStorageSecrets({
      safeStorage,
      platform,
      stateFile: join(dataDir, 'secret-storage.json'),
      log,
    });

    let settings: AppSettings | null = null;
    const desktopNotifier = createDesktopNotifier({
      sound: () => settings?.notificationSound ?? false,
      onClick: (profileId, shardId) => {
        showWindow();
        core.open(profileId, shardId);
      },
      onHintClick: showWindow,
      icon,
      log,
    });
    const shown: AlertNotification[] = [];
    const notifier: Notifier = {
      notify(n) {
        if (e2e) shown.push({ ...n });
        desktopNotifier.notify(n);
      },
    };

    // `system` follows the process's locale (docs/architecture.md §4).
    const translator = createTranslator('system', processLanguages(env));
    const core = opts.createCore({
      dataDir,
      mode: 'electron',
      cipher: secrets.cipher,
      notifier,
      secretStorage: secrets,
      profileFileBackend: createElectronStoreBackend,
      translator,
      log,
      ...(opts.startDemo ? { startDemo: opts.startDemo } : {}),
      ...(opts.startSimulator ? { startSimulator: opts.startSimulator } : {}),
    });
    for (const n of secrets.startupNotices()) core.notice(n.level, n.text);

    const csp = contentSecurityPolicy(devServerUrl);
    hardenSession(session.defaultSession, { csp, log });
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: opts.rendererDir, csp }));

    const gateway: IpcGateway = createIpcGateway({
      core,
      window: () => mainWindow?.window ?? null,
      isRendererUrl: (url) => isRendererUrl(url, devServerUrl),
      rememberSecret: (value) => logger.redactor.add(value),
      log,
    });

    const snapshot = await core.api['query:snapshot']();
    if (snapshot.ok) settings = snapshot.value.settings;
    const loginItem = (enabled: boolean): void =>
      applyLaunchAtLogin(enabled, {
        platform,
        packaged: app.isPackaged,
        execPath: env['APPIMAGE'] || process.execPath,
        autostartDir: defaultAutostartDir(env),
        setLoginItemSettings: (s) => app.setLoginItemSettings(s),
        log,
      });
    if (settings) loginItem(settings.launchAtLogin);
    const offSettings = core.on('event:delta', (delta) => {
      if (!delta.settings) return;
      const before = settings;
      settings = delta.settings;
      if (before?.launchAtLogin !== delta.settings.launchAtLogin)
        loginItem(delta.settings.launchAtLogin);
    });
    const offOpen = core.on('event:open', () => showWindow());

    if (platform === 'darwin') {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
      );
    } else {
      Menu.setApplicationMenu(null);
    }

    const startHidden = (settings?.startHidden ?? false) && !showRequested;
    const win = createMainWindow({
      preloadPath: opts.preloadPath,
      ...(devServerUrl ? { devServerUrl } : {}),
      stateFile: join(dataDir, 'window-state.json'),
      show: !startHidden,
      devTools: !app.isPackaged,
      icon,
      log,
    });
    mainWindow = win;
    if (startHidden) log('start: hidden in the tray (setting "start hidden")');

    let quitting = false;
    const shellStateFile = join(dataDir, 'shell-state.json');
    win.window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win.window.hide();
      if (readShellState(shellStateFile).closeHintShown) return;
      if (
        !desktopNotifier.hint(
          translator.say('notice.closeHintTitle'),
          translator.say('notice.closeHint'),
        )
      )
        core.notice('info', { key: 'notice.closeHint' });
      try {
        writeFileSync(shellStateFile, `${JSON.stringify({ closeHintShown: true })}\n`, {
          mode: 0o600,
        });
      } catch {
        // The hint may show once more next time; harmless.
      }
    });
    app.on('activate', showWindow);

    const tray = createTrayAdapter({
      platform,
      log,
      actions: {
        open: showWindow,
        quit: () => app.quit(),
        setPaused: (paused) => void core.api['command:pause-all'](paused),
        snooze: (choice) => void core.api['command:snooze'](choice),
        openProfile: (profileId) => {
          showWindow();
          core.open(profileId, null);
        },
      },
    });
    tray.apply(core.tray());
    const offTray = core.onTray((model) => tray.apply(model));

    const onResume = (): void => {
      log('power: resumed from sleep; reconnecting');
      core.setOnline(net.isOnline());
      core.resumeFromSleep();
    };
    const onSuspend = (): void => log('power: going to sleep');
    powerMonitor.on('resume', onResume);
    powerMonitor.on('suspend', onSuspend);
    core.setOnline(net.isOnline());

    let exiting = false;
    let quitDone: Promise<void> | null = null;
    function quit(): Promise<void> {
      quitDone ??= (async () => {
        quitting = true;
        log('quit: closing connections');
        win.saveState();
        offTray();
        offSettings();
        offOpen();
        tray.dispose();
        gateway.dispose();
        desktopNotifier.dispose();
        powerMonitor.removeListener('resume', onResume);
        powerMonitor.removeListener('suspend', onSuspend);
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        process.removeListener('unhandledRejection', onUnhandled);
        const outcome = await settle(core.dispose(), quitTimeoutMs);
        if (outcome === 'timeout')
          log(`quit: connections still closing after ${quitTimeoutMs} ms; exiting anyway`);
        else if (outcome === 'failed')
          log('quit: an error while closing connections; exiting anyway');
        else log('quit: done');
        logger.close();
        folder.lock.release();
        exiting = true;
        app.exit(0);
      })();
      return quitDone;
    }
    app.on('before-quit', (event) => {
      if (exiting) return;
      event.preventDefault();
      void quit();
    });
    const onSignal = (): void => void quit();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    if (e2e) {
      const hook: E2eHook = {
        tray: () => core.tray(),
        notifications: () => shown.slice(),
        windowVisible: () => !win.window.isDestroyed() && win.window.isVisible(),
      };
      (globalThis as Record<string, unknown>)[E2E_HOOK] = hook;
    }

    try {
      await core.start();
    } catch (err) {
      log(
        `start: the core did not start cleanly: ${err instanceof Error ? err.message : String(err)}`,
      );
      core.notice('error', { key: 'notice.startFailed' });
    }
    if (showRequested) win.show();
    log('start: ready');

    return { core, mainWindow: win, tray, logger, showWindow, quit };
  }
}
