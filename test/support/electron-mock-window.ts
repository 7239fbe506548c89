/**
 * The electron mock's windows (electron-mock.ts): BrowserWindow, its
 * webContents and frames, and the session.
 */
import { EventEmitter } from 'node:events';
import { MockEvent, record } from './electron-mock-record';

let nextProcessId = 100;

/** The session a new window's webContents get; electron-mock.ts points it at its own. */
let defaultSession: () => MockSession = () => new MockSession();

/** Give new windows `get()`'s session (electron-mock.ts: `session.defaultSession`). */
export function useDefaultSession(get: () => MockSession): void {
  defaultSession = get;
}

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
    this.webContents = new MockWebContents(defaultSession());
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
