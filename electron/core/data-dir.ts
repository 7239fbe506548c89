/**
 * Where Shardwatch keeps its files: the same folder Electron's
 * `app.getPath('userData')` uses for the product name, so browser mode, the
 * CLI and the desktop app share profiles and history. Plain Node, in the core
 * so every composition root (electron/main, electron/cli) may import it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default data folder for this platform. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SHARDWATCH_DATA_DIR']) return env['SHARDWATCH_DATA_DIR'];
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Shardwatch');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Shardwatch');
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Shardwatch');
  }
}
