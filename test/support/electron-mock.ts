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

/** One recorded call, e.g. `{ target: 'tray', method: 'setImage', args: [...] }`. */
export interface RecordedCall {
  target: string;
  method: string;
  args: unknown[];
}

const calls: RecordedCall[] = [];
/** Temporary folders made for `app.getPath`, removed on reset. */
const madeDirs: string[] = [];
process.once('exit', () => {
  for (const d of madeDirs) removeTempDir(d);
});
function record(target: string, method: string, args: unknown[]): void {
  calls.push({ target, method, args });
}

/** An Electron-style event with `preventDefault`. */
export class MockEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextProcessId = 100;

/** A frame (WebFrameMain). */
export class MockWebFrame {
  parent: MockWebFrame | null = null;
  readonly processId: number;
  readonly routingId: number;
  constructor(
    public url: string,
    ids?: { processId?: number; routingId?: number },
  ) {
    this.processId = ids?.processId ?? nextProcessId++;
    this.routingId = ids?.routingId ?? 1;
  }
  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return '';
    }
  }
  get top(): MockWebFrame {
    return this.parent ? this.parent.top : this;
  }
}

type HeadersListener = (
  details: { url: string; resourceType?: string; responseHeaders?: Record<string, string[]> },
  callback: (response: {
    responseHeaders?: Record<string, string | string[]>;
    cancel?: boolean;
  }) => void,
) => void;
type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;

/** A session. */
export class MockSession extends EventEmitter {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (a: unknown, b?: unknown): void => {
      record('session.webRequest', 'onHeadersReceived', [a, b]);
      this.headersListener = (typeof a === 'function' ? a : b) as HeadersListener;
    },
  };
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    record('session', 'setPermissionRequestHandler', [h]);
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: ((...args: unknown[]) => boolean) | null): void {
    record('session', 'setPermissionCheckHandler', [h]);
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: ((...args: unknown[]) => boolean) | null): void {
    record('session', 'setDevicePermissionHandler', [h]);
    this.devicePermissionHandler = h;
  }
}

let nextWebContentsId = 1;

/** A webContents: records `send`, keeps the window-open handler. */
export class MockWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: MockWebFrame = new MockWebFrame('');
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  constructor(public readonly session: MockSession) {
    super();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** Simulate a committed navigation (what loadURL ends in). */
  navigate(url: string): void {
    this.mainFrame.url = url;
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents', 'send', [channel, ...args]);
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    record('webContents', 'setWindowOpenHandler', [h]);
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    record('webContents', 'reload', []);
  }
}

/** A BrowserWindow. `close()` runs the `close` listeners and honours preventDefault. */
export class MockBrowserWindow extends EventEmitter {
  static instances: MockBrowserWindow[] = [];
  static getAllWindows(): MockBrowserWindow[] {
    return MockBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents: MockWebContents;
  visible = false;
  destroyed = false;
  minimized = false;
  maximized = false;
  focused = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(public readonly options: Record<string, unknown> = {}) {
    super();
    record('BrowserWindow', 'constructor', [options]);
    this.webContents = new MockWebContents(electronMock.session.defaultSession);
    this.bounds = {
      x: typeof options['x'] === 'number' ? options['x'] : 100,
      y: typeof options['y'] === 'number' ? options['y'] : 100,
      width: typeof options['width'] === 'number' ? options['width'] : 800,
      height: typeof options['height'] === 'number' ? options['height'] : 600,
    };
    MockBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    record('BrowserWindow', 'loadURL', [url]);
    this.webContents.navigate(url);
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    record('BrowserWindow', 'loadFile', [file]);
    this.webContents.navigate(`file://${file}`);
    return Promise.resolve();
  }
  show(): void {
    record('BrowserWindow', 'show', []);
    this.visible = true;
  }
  hide(): void {
    record('BrowserWindow', 'hide', []);
    this.visible = false;
  }
  focus(): void {
    record('BrowserWindow', 'focus', []);
    this.focused = true;
  }
  restore(): void {
    record('BrowserWindow', 'restore', []);
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    record('BrowserWindow', 'maximize', []);
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  close(): void {
    record('BrowserWindow', 'close', []);
    const event = new MockEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** A menu built from a template. */
export class MockMenu {
  constructor(public readonly template: MenuTemplateItem[]) {}
  /** Find an item by id, depth first. */
  item(id: string): MenuTemplateItem | undefined {
    const find = (items: MenuTemplateItem[]): MenuTemplateItem | undefined => {
      for (const it of items) {
        if (it.id === id) return it;
        const sub = Array.isArray(it.submenu) ? find(it.submenu) : undefined;
        if (sub) return sub;
      }
      return undefined;
    };
    return find(this.template);
  }
  /** Click an item like Electron does (a checkbox flips first). */
  click(id: string): void {
    const it = this.item(id);
    if (!it) throw new Error(`no menu item ${id}`);
    const menuItem = { id, checked: it.type === 'checkbox' ? !it.checked : Boolean(it.checked) };
    it.click?.(menuItem);
  }
}

/** The shape of a menu template item the mock understands. */
export interface MenuTemplateItem {
  id?: string;
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuTemplateItem[];
  click?: (menuItem: { id: string; checked: boolean }) => void;
}

/** A nativeImage: keeps the buffers it was made from. */
export class MockNativeImage {
  readonly representations: Array<{ scaleFactor?: number; buffer?: Buffer }> = [];
  template = false;
  constructor(
    public readonly buffer: Buffer,
    public readonly options: Record<string, unknown> | undefined,
  ) {}
  addRepresentation(rep: { scaleFactor?: number; buffer?: Buffer }): void {
    this.representations.push(rep);
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  isEmpty(): boolean {
    return this.buffer.length === 0;
  }
}

/** A tray icon. */
export class MockTray extends EventEmitter {
  static instances: MockTray[] = [];
  image: MockNativeImage;
  tooltip: string | null = null;
  menu: MockMenu | null = null;
  destroyed = false;
  constructor(image: MockNativeImage) {
    super();
    record('tray', 'constructor', [image]);
    this.image = image;
    MockTray.instances.push(this);
  }
  setImage(image: MockNativeImage): void {
    record('tray', 'setImage', [image]);
    this.image = image;
  }
  setToolTip(text: string): void {
    record('tray', 'setToolTip', [text]);
    this.tooltip = text;
  }
  setContextMenu(menu: MockMenu | null): void {
    record('tray', 'setContextMenu', [menu]);
    this.menu = menu;
  }
  setTitle(title: string): void {
    record('tray', 'setTitle', [title]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    record('tray', 'destroy', []);
    this.destroyed = true;
  }
}

/** A desktop notification. */
export class MockNotification extends EventEmitter {
  static supported = true;
  static instances: MockNotification[] = [];
  static isSupported(): boolean {
    return MockNotification.supported;
  }
  shown = false;
  constructor(public readonly options: Record<string, unknown>) {
    super();
    record('Notification', 'constructor', [options]);
    MockNotification.instances.push(this);
  }
  show(): void {
    record('Notification', 'show', []);
    this.shown = true;
  }
  close(): void {
    record('Notification', 'close', []);
    this.emit('close', new MockEvent());
  }
  /** What the OS does when the user clicks it. */
  click(): void {
    this.emit('click', new MockEvent());
  }
}

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

/** How the fake safeStorage behaves. */
export interface SafeStorageConfig {
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  /** What isEncryptionAvailable() says (basic_text: only after setUsePlainTextEncryption(true)). */
  available: boolean;
  /** The "key": ciphertext made under another key does not decrypt. */
  key: string;
  /** decryptString returns nonsense instead of throwing (a wrong key that happens to unpad). */
  garbageOnWrongKey: boolean;
}

/** The fake safeStorage: reversible "encryption" under `config.key`. */
export class MockSafeStorage {
  config: SafeStorageConfig = {
    backend: 'gnome_libsecret',
    available: true,
    key: 'k1',
    garbageOnWrongKey: false,
  };
  plainTextForced = false;
  isEncryptionAvailable(): boolean {
    if (this.config.backend === 'basic_text') return this.config.available || this.plainTextForced;
    return this.config.available;
  }
  encryptString(plain: string): Buffer {
    record('safeStorage', 'encryptString', ['<plain>']);
    if (!this.isEncryptionAvailable()) throw new Error('Encryption is not available.');
    return Buffer.from(
      `MOCK:${this.config.key}:${Buffer.from(plain, 'utf8').toString('base64')}`,
      'utf8',
    );
  }
  decryptString(buf: Buffer): string {
    record('safeStorage', 'decryptString', ['<cipher>']);
    if (!this.isEncryptionAvailable()) throw new Error('Decryption is not available.');
    const [tag, key, body] = buf.toString('utf8').split(':');
    if (tag !== 'MOCK' || body === undefined) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    if (key !== this.config.key) {
      if (this.config.garbageOnWrongKey) return '\u0007q#Zp\u0012garbage-from-a-wrong-key';
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    return Buffer.from(body, 'base64').toString('utf8');
  }
  getSelectedStorageBackend(): SafeStorageConfig['backend'] {
    return this.config.backend;
  }
  setUsePlainTextEncryption(on: boolean): void {
    record('safeStorage', 'setUsePlainTextEncryption', [on]);
    this.plainTextForced = on;
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
