/**
 * The data folder for the CLI's commands. The definitions live in
 * `electron/core/data-dir.ts` so the desktop app (which may not import the
 * CLI) shares them.
 */
export { dataDirFromArgs, defaultDataDir } from '../core/data-dir';
