/**
 * Opening the data folder for a process that will write to it (the desktop
 * app, `serve`): take its lock (lock.ts), then tidy it (tidy.ts). The
 * composition roots call this before the core touches any file.
 */
import type { DataFolderLock } from './lock';
import { lockDataFolder } from './lock';
import type { TidyReport } from './tidy';
import { tidyDataFolder } from './tidy';

export { DataFolderBusyError, DataFolderError, LOCK_FILE } from './lock';
export type { DataFolderLock } from './lock';

/** A data folder this process holds. */
export interface OpenDataFolder {
  readonly lock: DataFolderLock;
  readonly tidied: TidyReport;
}

/**
 * Lock and tidy `folder` for `program` (words for the message another
 * process shows, e.g. "shardwatch serve").
 * @throws {DataFolderBusyError} when another live Shardwatch holds it
 */
export function openDataFolder(folder: string, program: string): OpenDataFolder {
  const lock = lockDataFolder(folder, program);
  return { lock, tidied: tidyDataFolder(folder) };
}

/** One log line about what tidying did, or null when there was nothing to say. */
export function tidyLogLine(report: TidyReport): string | null {
  const parts: string[] = [];
  if (report.removed.length > 0)
    parts.push(`removed ${report.removed.length} leftover temporary file(s)`);
  if (report.tightened.length > 0)
    parts.push(`made ${report.tightened.length} file(s) or folder(s) private`);
  if (report.failed.length > 0) parts.push(`could not check ${report.failed.join(', ')}`);
  return parts.length > 0 ? `data folder: ${parts.join('; ')}` : null;
}
