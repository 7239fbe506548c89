/**
 * The tray adapter (docs/architecture.md §3.6): applies a {@link TrayModel} built by the
 * core and does nothing else. It compares each model with the last one
 * applied and touches only what changed (image, tooltip, menu), so a model
 * pushed again unchanged makes no Electron calls at all.
 *
 * Linux panels often ignore clicks on the icon, so everything is in the
 * context menu; a click opens the window where the platform reports one
 * (macOS opens the menu on click instead).
 */
import { Menu, nativeImage, Tray } from 'electron';
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { SnoozeChoice } from '../../shared/incident-model';
import type { TrayMenuItem, TrayModel, TrayState } from '../../shared/tray';
import { SNOOZE_CHOICES } from '../../shared/incident-model';
import { encodePng } from '../core/icons/png';
import { badgeText, renderTrayIcon } from '../core/icons/tray-icon';

/** What the menu can ask the shell to do. */
export interface TrayActions {
  open(): void;
  quit(): void;
  setPaused(paused: boolean): void;
  snooze(choice: SnoozeChoice | null): void;
  openProfile(profileId: string): void;
}

/** A menu item id, decoded. */
export type TrayAction =
  | { kind: 'open' }
  | { kind: 'quit' }
  | { kind: 'pause' }
  | { kind: 'snooze'; choice: SnoozeChoice | null }
  | { kind: 'profile'; profileId: string };

/**
 * Decode a menu item id from the tray model: `open`, `quit`, `pause`,
 * `snooze:<choice>` / `snooze:off`, `profile:<id>`. Null for items that do
 * nothing (the header, separators, submenu titles).
 */
export function trayActionOf(id: string): TrayAction | null {
  if (id === 'open' || id === 'quit' || id === 'pause') return { kind: id };
  if (id === 'snooze:off') return { kind: 'snooze', choice: null };
  if (id.startsWith('snooze:')) {
    const choice = id.slice('snooze:'.length);
    const known = SNOOZE_CHOICES.find((c) => c === choice);
    return known ? { kind: 'snooze', choice: known } : null;
  }
  if (id.startsWith('profile:') && id.length > 'profile:'.length) {
    return { kind: 'profile', profileId: id.slice('profile:'.length) };
  }
  return null;
}

/** Options of {@link createTrayAdapter}. */
export interface TrayAdapterOptions {
  platform: NodeJS.Platform;
  actions: TrayActions;
  log?: (line: string) => void;
}

/** The tray, driven by models. */
export interface TrayAdapter {
  apply(model: TrayModel): void;
  /** The tray icon, once created (tests, the e2e hook). */
  readonly tray: Tray | null;
  dispose(): void;
}

/** The tray image for a state and count: PNGs at 1× and 2×; template images on macOS. */
export function trayImage(state: TrayState, count: number, platform: NodeJS.Platform): NativeImage {
  const template = platform === 'darwin';
  const base = platform === 'linux' ? 22 : 16;
  const image = nativeImage.createFromBuffer(
    encodePng(renderTrayIcon(state, count, 1, { base, template })),
    { scaleFactor: 1 },
  );
  image.addRepresentation({
    scaleFactor: 2,
    buffer: encodePng(renderTrayIcon(state, count, 2, { base, template })),
  });
  if (template) image.setTemplateImage(true);
  return image;
}

/** Create the adapter; the tray icon appears on the first `apply`. */
export function createTrayAdapter(opts: TrayAdapterOptions): TrayAdapter {
  const log = opts.log ?? (() => {});
  let tray: Tray | null = null;
  let lastIcon = '';
  let lastTooltip: string | null = null;
  let lastMenu = '';
  let disposed = false;

  function run(id: string, checked: boolean): void {
    const action = trayActionOf(id);
    if (!action) return;
    log(`tray: ${id}`);
    switch (action.kind) {
      case 'open':
        return opts.actions.open();
      case 'quit':
        return opts.actions.quit();
      case 'pause':
        // Electron has already flipped the checkbox when `click` runs.
        return opts.actions.setPaused(checked);
      case 'snooze':
        return opts.actions.snooze(action.choice);
      case 'profile':
        return opts.actions.openProfile(action.profileId);
    }
  }

  function template(items: readonly TrayMenuItem[]): MenuItemConstructorOptions[] {
    return items.map((item): MenuItemConstructorOptions => {
      if (item.type === 'separator') return { id: item.id, type: 'separator' };
      const base: MenuItemConstructorOptions = {
        id: item.id,
        label: item.label,
        enabled: item.enabled ?? true,
      };
      if (item.type === 'submenu' || item.submenu) {
        return { ...base, type: 'submenu', submenu: template(item.submenu ?? []) };
      }
      if (item.type === 'checkbox') {
        return {
          ...base,
          type: 'checkbox',
          checked: item.checked ?? false,
          click: (menuItem) => run(item.id, menuItem.checked),
        };
      }
      return { ...base, type: 'normal', click: () => run(item.id, false) };
    });
  }

  return {
    get tray() {
      return tray;
    },
    apply(model) {
      if (disposed) return;
      const iconKey = `${model.icon}:${badgeText(model.downCount)}`;
      if (!tray) {
        tray = new Tray(trayImage(model.icon, model.downCount, opts.platform));
        lastIcon = iconKey;
        // macOS opens the menu on click; elsewhere a click (where reported) opens the window.
        if (opts.platform !== 'darwin') tray.on('click', () => opts.actions.open());
      } else if (iconKey !== lastIcon) {
        tray.setImage(trayImage(model.icon, model.downCount, opts.platform));
        lastIcon = iconKey;
      }
      if (model.tooltip !== lastTooltip) {
        tray.setToolTip(model.tooltip);
        lastTooltip = model.tooltip;
      }
      const menuKey = JSON.stringify(model.menu);
      if (menuKey !== lastMenu) {
        // Linux (AppIndicator) only picks up menu changes through setContextMenu.
        tray.setContextMenu(Menu.buildFromTemplate(template(model.menu)));
        lastMenu = menuKey;
      }
    },
    dispose() {
      disposed = true;
      if (tray && !tray.isDestroyed()) tray.destroy();
      tray = null;
    },
  };
}
