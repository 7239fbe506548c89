/**
 * Where Shardwatch keeps its files: the same folder Electron's
 * `app.getPath('userData')` uses for the product name, so browser mode, the
 * CLI and the desktop app share profiles and history. `--data-dir` (every
 * entry point) and `SHARDWATCH_DATA_DIR` choose another one. Plain Node, in
 * the core so every composition root (electron/main, electron/cli) may import it.
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

/**
 * The folder named by `--data-dir DIR` or `--data-dir=DIR` in a command line
 * (the desktop app's; the CLI parses its own flags), or null.
 */
export function dataDirFromArgs(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--data-dir') {
      const next = argv[i + 1];
      return next !== undefined && next !== '' ? next : null;
    }
    if (a.startsWith('--data-dir=') && a.length > '--data-dir='.length)
      return a.slice('--data-dir='.length);
  }
  return null;
}
