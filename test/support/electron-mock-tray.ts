/**
 * The electron mock's menus, tray, images and notifications (electron-mock.ts).
 */
import { EventEmitter } from 'node:events';
import { MockEvent, record } from './electron-mock-record';

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
