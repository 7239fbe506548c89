/**
 * A hand-written stand-in for the `electron` module (docs/architecture.md §1: importing
 * the real one tries to download the Electron binary). It implements the
 * parts the shell uses, keeps state a test can inspect (windows, handlers,
 * the tray, notifications, exposed preload APIs) and records calls in order.
 *
 * Use it in a test file with:
 *
 *     vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
 *     import { electronMock as m, resetElectronMock } from '../../support/electron-mock';
 *
 * Only behaviour the shell relies on is modelled; it is not a simulation of
 * Electron.
 */
import { EventEmitter } from 'node:events';
import { makeTempDir, removeTempDir } from './temp-dir';
import { calls, madeDirs, MockEvent, record } from './electron-mock-record';
import type { RecordedCall } from './electron-mock-record';
import { MockBrowserWindow, MockSession, useDefaultSession } from './electron-mock-window';
import { MockMenu, MockNativeImage, MockNotification, MockTray } from './electron-mock-tray';
import type { MenuTemplateItem } from './electron-mock-tray';
import { MockSafeStorage } from './electron-mock-safe-storage';

export type { RecordedCall } from './electron-mock-record';
export { MockEvent } from './electron-mock-record';
export {
  MockBrowserWindow,
  MockSession,
  MockWebContents,
  MockWebFrame,
} from './electron-mock-window';
export { MockMenu, MockNativeImage, MockNotification, MockTray } from './electron-mock-tray';
export type { MenuTemplateItem } from './electron-mock-tray';
export { MockSafeStorage } from './electron-mock-safe-storage';
export type { SafeStorageConfig } from './electron-mock-safe-storage';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain: keeps handlers; `invoke` calls one as Electron would. */
class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler): void {
    record('ipcMain', 'handle', [channel]);
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    record('ipcMain', 'removeHandler', [channel]);
    this.handlers.delete(channel);
  }
  /** Invoke like a renderer would; rejects for a channel without handler (as Electron does). */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    return fn(event, ...args);
  }
}

/** ipcRenderer: `invoke` goes to ipcMain with the event from `electronMock.rendererEvent`. */
class MockIpcRenderer extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer', 'invoke', [channel, ...args]);
    return electronMock.ipcMain.invoke(channel, electronMock.rendererEvent(), ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    record('ipcRenderer', 'send', [channel, ...args]);
    electronMock.ipcMain.emit(channel, electronMock.rendererEvent(), ...args);
  }
}

function createApp() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'Shardwatch',
    singleInstanceLock: true,
    ready: Promise.resolve(),
    paths: {} as Record<string, string>,
    getPath(name: string): string {
      let path = app.paths[name];
      if (!path) {
        path = makeTempDir(`shardwatch-electron-${name}-`);
        madeDirs.push(path);
        app.paths[name] = path;
      }
      return path;
    },
    setPath(name: string, value: string): void {
      record('app', 'setPath', [name, value]);
      app.paths[name] = value;
    },
    appPath: process.cwd(),
    getAppPath(): string {
      return app.appPath;
    },
    getVersion: (): string => '0.1.0-test',
    setAppUserModelId(id: string): void {
      record('app', 'setAppUserModelId', [id]);
    },
    setName(name: string): void {
      record('app', 'setName', [name]);
      app.name = name;
    },
    requestSingleInstanceLock(): boolean {
      record('app', 'requestSingleInstanceLock', []);
      return app.singleInstanceLock;
    },
    whenReady(): Promise<void> {
      return app.ready;
    },
    isReady: (): boolean => true,
    /** Like Electron: emits `before-quit`; a listener may preventDefault. */
    quit(): void {
      record('app', 'quit', []);
      app.emit('before-quit', new MockEvent());
    },
    exit(code = 0): void {
      record('app', 'exit', [code]);
    },
    setLoginItemSettings(settings: unknown): void {
      record('app', 'setLoginItemSettings', [settings]);
    },
    focus(): void {
      record('app', 'focus', []);
    },
  });
  return app;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_DISPLAYS = (): Array<{
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}> => [
  {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
  },
];

type Handler = (request: Request) => Promise<Response> | Response;

function createState() {
  return {
    app: createApp(),
    session: { defaultSession: new MockSession() },
    ipcMain: new MockIpcMain(),
    ipcRenderer: new MockIpcRenderer(),
    protocol: {
      privileged: [] as unknown[],
      handlers: new Map<string, Handler>(),
      registerSchemesAsPrivileged(schemes: unknown[]): void {
        record('protocol', 'registerSchemesAsPrivileged', [schemes]);
        this.privileged.push(...schemes);
      },
      handle(scheme: string, handler: Handler): void {
        record('protocol', 'handle', [scheme]);
        this.handlers.set(scheme, handler);
      },
    },
    safeStorage: new MockSafeStorage(),
    powerMonitor: new EventEmitter(),
    net: {
      online: true,
      isOnline(): boolean {
        return this.online;
      },
    },
    screen: {
      displays: DEFAULT_DISPLAYS(),
      getAllDisplays() {
        return this.displays;
      },
      getPrimaryDisplay() {
        return this.displays[0];
      },
    },
    shell: {
      opened: [] as string[],
      openExternal(url: string): Promise<void> {
        record('shell', 'openExternal', [url]);
        this.opened.push(url);
        return Promise.resolve();
      },
    },
    dialog: {
      showErrorBox(title: string, content: string): void {
        record('dialog', 'showErrorBox', [title, content]);
      },
    },
    contextBridge: {
      exposed: {} as Record<string, unknown>,
      exposeInMainWorld(key: string, api: unknown): void {
        record('contextBridge', 'exposeInMainWorld', [key]);
        this.exposed[key] = api;
      },
    },
    Menu: {
      applicationMenu: undefined as MockMenu | null | undefined,
      buildFromTemplate(template: MenuTemplateItem[]): MockMenu {
        record('Menu', 'buildFromTemplate', [template]);
        return new MockMenu(template);
      },
      setApplicationMenu(menu: MockMenu | null): void {
        record('Menu', 'setApplicationMenu', [menu]);
        this.applicationMenu = menu;
      },
    },
    nativeImage: {
      createFromBuffer(buffer: Buffer, options?: Record<string, unknown>): MockNativeImage {
        record('nativeImage', 'createFromBuffer', [buffer, options]);
        return new MockNativeImage(buffer, options);
      },
      createEmpty(): MockNativeImage {
        return new MockNativeImage(Buffer.alloc(0), undefined);
      },
    },
    /**
     * The event main receives for a renderer message. Defaults to the first
     * window's main frame; tests replace it to play a foreign sender.
     */
    rendererEvent: (): unknown => {
      const win = MockBrowserWindow.instances[0];
      if (!win) return { sender: { id: -1 }, senderFrame: null };
      return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    },
  };
}

type MockState = ReturnType<typeof createState>;

/** The live mock (replaced in place by {@link resetElectronMock}). */
export const electronMock: MockState & {
  calls: RecordedCall[];
  callsTo(target: string, method?: string): RecordedCall[];
} = Object.assign(createState(), {
  calls,
  callsTo(target: string, method?: string): RecordedCall[] {
    return calls.filter(
      (c) => c.target === target && (method === undefined || c.method === method),
    );
  },
});

useDefaultSession(() => electronMock.session.defaultSession);

/**
 * Forget every call, window, handler and setting. The objects the mocked
 * module exports stay the same (imports bind to them once); their state is
 * reset in place.
 */
export function resetElectronMock(): void {
  calls.length = 0;
  for (const d of madeDirs.splice(0)) removeTempDir(d);
  MockBrowserWindow.instances = [];
  MockTray.instances = [];
  MockNotification.instances = [];
  MockNotification.supported = true;
  const fresh = createState();
  const m = electronMock;
  m.app.removeAllListeners();
  Object.assign(m.app, {
    isPackaged: false,
    singleInstanceLock: true,
    ready: Promise.resolve(),
    paths: {},
    appPath: process.cwd(),
    name: 'Shardwatch',
  });
  m.session.defaultSession = fresh.session.defaultSession;
  m.ipcMain.removeAllListeners();
  m.ipcMain.handlers.clear();
  m.ipcRenderer.removeAllListeners();
  m.protocol.privileged = [];
  m.protocol.handlers.clear();
  // Drop per-test method overrides and state; the prototype has the real fake.
  for (const key of Object.keys(m.safeStorage)) Reflect.deleteProperty(m.safeStorage, key);
  Object.assign(m.safeStorage, fresh.safeStorage);
  m.powerMonitor.removeAllListeners();
  m.net.online = true;
  m.screen.displays = DEFAULT_DISPLAYS();
  m.shell.opened = [];
  m.contextBridge.exposed = {};
  m.Menu.applicationMenu = undefined;
  m.rendererEvent = fresh.rendererEvent;
}

/** The module object `vi.mock('electron', …)` should return. */
export function electronModule(): Record<string, unknown> {
  const m = electronMock;
  const mod = {
    app: m.app,
    session: m.session,
    ipcMain: m.ipcMain,
    ipcRenderer: m.ipcRenderer,
    protocol: m.protocol,
    safeStorage: m.safeStorage,
    powerMonitor: m.powerMonitor,
    net: m.net,
    screen: m.screen,
    shell: m.shell,
    dialog: m.dialog,
    contextBridge: m.contextBridge,
    Menu: m.Menu,
    nativeImage: m.nativeImage,
    BrowserWindow: MockBrowserWindow,
    Tray: MockTray,
    Notification: MockNotification,
  };
  return { ...mod, default: mod };
}
