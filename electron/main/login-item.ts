/**
 * "Launch at login". macOS and Windows use `app.setLoginItemSettings`; Linux,
 * where Electron has no login items, gets an XDG autostart entry
 * (`~/.config/autostart/shardwatch.desktop`) — the mechanism GNOME, KDE and
 * XFCE all read. Development runs are never registered: the binary would be
 * bare Electron, not Shardwatch.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from 'electron';

/** Options of {@link applyLaunchAtLogin}. */
export interface LoginItemOptions {
  platform: NodeJS.Platform;
  /** `app.isPackaged`. */
  packaged: boolean;
  /** The executable to start: `process.execPath`, or `$APPIMAGE` for an AppImage. */
  execPath: string;
  /** Folder of XDG autostart entries (Linux). */
  autostartDir: string;
  setLoginItemSettings: (settings: Settings) => void;
  log?: (line: string) => void;
}

/** The XDG autostart folder for this environment. */
export function defaultAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'autostart');
}

/** Quote an argument for a desktop entry's `Exec` key (Desktop Entry Specification). */
function quoteExec(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart desktop entry that starts `exec`. */
export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Shardwatch',
    'Comment=Monitor Discord bot shard gateways',
    `Exec=${quoteExec(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Make the OS start Shardwatch at login, or stop doing so. Never throws. */
export function applyLaunchAtLogin(enabled: boolean, opts: LoginItemOptions): void {
  const log = opts.log ?? (() => {});
  if (!opts.packaged) {
    log(`login item: not changed in a development run (wanted ${enabled ? 'on' : 'off'})`);
    return;
  }
  try {
    if (opts.platform === 'linux') {
      const file = join(opts.autostartDir, 'shardwatch.desktop');
      if (enabled) {
        mkdirSync(opts.autostartDir, { recursive: true });
        writeFileSync(file, autostartEntry(opts.execPath), { mode: 0o644 });
      } else {
        rmSync(file, { force: true });
      }
    } else {
      opts.setLoginItemSettings({ openAtLogin: enabled });
    }
    log(`login item: ${enabled ? 'on' : 'off'}`);
  } catch (err) {
    log(`login item: could not be changed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
