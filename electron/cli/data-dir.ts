/**
 * The data folder for the CLI's commands. The definition lives in
 * `electron/core/data-dir.ts` so the desktop app (which may not import the
 * CLI) shares it.
 */
export { defaultDataDir } from '../core/data-dir';
