/**
 * Start-up housekeeping of the data folder, run by the one process that
 * holds its lock (lock.ts), so nothing here can touch another live
 * process's files:
 * - temporary files a killed run left behind are removed: `conf`'s atomic
 *   writes (`profiles.json.tmp-<time><hex>`), and ours (`*.tmp`,
 *   `*.tmp-<pid>`);
 * - the folder is made private (0700) and every file in it 0600, with the
 *   `logs` folder and its files likewise, since a folder that was created by
 *   an older version or copied in may be readable by others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Names of temporary files that a finished write never leaves behind. */
const TEMP_NAME = /\.tmp(-[0-9a-f]+)?$/;

/** What the housekeeping did, for the log. */
export interface TidyReport {
  removed: string[];
  tightened: string[];
  /** Entries that could not be handled, with the reason. */
  failed: string[];
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

function tighten(target: string, mode: number, report: TidyReport): void {
  try {
    const st = fs.lstatSync(target);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o777) !== mode) {
      fs.chmodSync(target, mode);
      report.tightened.push(target);
    }
  } catch (e) {
    report.failed.push(`${target} (${errnoCode(e)})`);
  }
}

/** Clean temporary files and tighten permissions in `folder` (and its `logs` folder). */
export function tidyDataFolder(folder: string): TidyReport {
  const report: TidyReport = { removed: [], tightened: [], failed: [] };
  tighten(folder, 0o700, report);
  const visit = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      report.failed.push(`${dir} (${errnoCode(e)})`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && TEMP_NAME.test(entry.name)) {
        try {
          fs.rmSync(full, { force: true });
          report.removed.push(full);
        } catch (e) {
          report.failed.push(`${full} (${errnoCode(e)})`);
        }
      } else if (entry.isFile()) tighten(full, 0o600, report);
      else if (entry.isDirectory() && depth === 0 && entry.name === 'logs') {
        tighten(full, 0o700, report);
        visit(full, depth + 1);
      }
    }
  };
  visit(folder, 0);
  return report;
}
