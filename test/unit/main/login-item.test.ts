import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from 'electron';
import {
  applyLaunchAtLogin,
  autostartEntry,
  defaultAutostartDir,
} from '../../../electron/main/login-item';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-autostart-');
let dir: string;
beforeEach(() => {
  dir = tempDir();
});

function run(
  enabled: boolean,
  over: { platform?: NodeJS.Platform; packaged?: boolean; execPath?: string } = {},
) {
  const settings: Settings[] = [];
  applyLaunchAtLogin(enabled, {
    platform: over.platform ?? 'linux',
    packaged: over.packaged ?? true,
    execPath: over.execPath ?? '/opt/Shardwatch/shardwatch',
    autostartDir: join(dir, 'autostart'),
    setLoginItemSettings: (s) => settings.push(s),
  });
  return settings;
}

describe('launch at login', () => {
  it('uses login items on macOS and Windows', () => {
    expect(run(true, { platform: 'darwin' })).toEqual([{ openAtLogin: true }]);
    expect(run(false, { platform: 'win32' })).toEqual([{ openAtLogin: false }]);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const file = join(dir, 'autostart', 'shardwatch.desktop');
    expect(run(true, { execPath: '/home/me/Apps/Shardwatch "beta" $1.AppImage' })).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/home/me/Apps/Shardwatch \\"beta\\" \\$1.AppImage"');
    run(false);
    expect(existsSync(file)).toBe(false);
    expect(() => run(false)).not.toThrow();
  });

  it('leaves the system alone in a development run', () => {
    expect(run(true, { platform: 'darwin', packaged: false })).toEqual([]);
    run(true, { packaged: false });
    expect(existsSync(join(dir, 'autostart'))).toBe(false);
  });

  it('finds the autostart folder from XDG_CONFIG_HOME', () => {
    expect(defaultAutostartDir({ XDG_CONFIG_HOME: '/x/cfg' })).toBe(join('/x/cfg', 'autostart'));
    expect(autostartEntry('/a b')).toContain('Exec="/a b"');
  });
});
