/**
 * The main window and its session, locked down (Electron security
 * checklist):
 * - renderer sandboxed with context isolation and no Node; the preload is the
 *   only bridge;
 * - a strict Content-Security-Policy on every response (app-protocol.ts);
 * - no navigation away from our document, no popups, no webviews, no
 *   downloads; links to a few known https sites open in the system browser
 *   (external-links.ts);
 * - every permission request and check denied (the renderer needs none:
 *   notifications are shown by main);
 * - size and position remembered (window-state.ts), kept on a display.
 */
import { BrowserWindow, screen, shell } from 'electron';
import type { NativeImage, Session, WebPreferences } from 'electron';
import { APP_INDEX_URL, isRendererUrl, isSameDocument } from './app-protocol';
import { isAllowedExternal } from './external-links';
import type { WindowState } from './window-state';
import { fitToDisplays, loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state';

/** The webPreferences of every Shardwatch window. */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/**
 * Session-wide policy: CSP header on every response (the `app:` handler sets
 * it too; this covers the dev server), every permission denied, downloads
 * refused.
 */
export function hardenSession(
  ses: Session,
  opts: { csp: string; log: (line: string) => void },
): void {
  const logged = new Set<string>();
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) {
      if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    }
    headers['Content-Security-Policy'] = [opts.csp];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    if (!logged.has(permission)) {
      logged.add(permission);
      opts.log(`window: denied a "${permission}" permission request`);
    }
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    opts.log(`window: refused a download of ${item.getFilename().slice(0, 80)}`);
    event.preventDefault();
  });
}

/** Options of {@link createMainWindow}. */
export interface MainWindowOptions {
  /** Absolute path of the built preload (`out/preload/index.cjs`). */
  preloadPath: string;
  /** The Vite dev server (development only); the `app:` document otherwise. */
  devServerUrl?: string;
  /** `userData/window-state.json`. */
  stateFile: string;
  /** Show when ready (false: start hidden in the tray). */
  show: boolean;
  devTools: boolean;
  icon?: NativeImage;
  log: (line: string) => void;
}

/** The main window. */
export interface MainWindow {
  readonly window: BrowserWindow;
  /** The renderer document URL this window shows. */
  readonly url: string;
  /** True for our renderer document (hash routes included). */
  isRendererUrl(url: string): boolean;
  /** Show, restore and focus. */
  show(): void;
  /** Remember the current size and position. */
  saveState(): void;
}

function openIfAllowed(url: string, log: (line: string) => void, what: string): void {
  if (isAllowedExternal(url)) {
    shell.openExternal(url).catch((err: unknown) => {
      log(
        `window: could not open ${what} in the browser: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  } else {
    log(`window: refused ${what} to ${url.slice(0, 120)}`);
  }
}

/** Create the main window and start loading the renderer. */
export function createMainWindow(opts: MainWindowOptions): MainWindow {
  const log = opts.log;
  const url = opts.devServerUrl ?? APP_INDEX_URL;
  const ours = (u: string): boolean => isRendererUrl(u, opts.devServerUrl);
  const state = fitToDisplays(loadWindowState(opts.stateFile, log), screen.getAllDisplays());

  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Shardwatch',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preloadPath, opts.devTools),
  });
  const wc = win.webContents;

  wc.setWindowOpenHandler(({ url: target }) => {
    openIfAllowed(target, log, 'a popup');
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event) => {
    // Hash routes are same-document and allowed; anything else would leave our origin.
    if (isSameDocument(wc.getURL(), event.url)) return;
    event.preventDefault();
    openIfAllowed(event.url, log, 'a navigation');
  });
  wc.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by will-navigate
    event.preventDefault();
    log(`window: refused a frame navigation to ${event.url.slice(0, 120)}`);
  });
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('window: refused to attach a webview');
  });
  wc.on('did-fail-load', (_e, code, description, failedUrl, isMainFrame) => {
    if (isMainFrame) log(`window: could not load ${failedUrl} (${code} ${description})`);
  });
  wc.on('render-process-gone', (_e, details) => {
    log(`window: renderer gone (${details.reason}, exit code ${details.exitCode}); reloading`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) void win.loadURL(url);
  });

  function current(): WindowState {
    const b = win.getNormalBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
  }
  function saveState(): void {
    if (!win.isDestroyed()) saveWindowState(opts.stateFile, current(), log);
  }
  win.on('close', saveState);

  // Maximizing a hidden window shows it on some platforms: wait for the first show.
  let maximizeOnShow = state.maximized;
  function show(): void {
    if (win.isDestroyed()) return;
    if (maximizeOnShow) {
      maximizeOnShow = false;
      win.maximize();
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  win.once('ready-to-show', () => {
    if (opts.show) show();
  });
  win.loadURL(url).catch((err: unknown) => {
    log(`window: loading ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
  });

  return { window: win, url, isRendererUrl: ours, show, saveState };
}
