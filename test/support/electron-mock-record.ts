/**
 * What the electron mock (electron-mock.ts) records: every call in order,
 * and the temporary folders `app.getPath` made.
 */
import { removeTempDir } from './temp-dir';

/** One recorded call, e.g. `{ target: 'tray', method: 'setImage', args: [...] }`. */
export interface RecordedCall {
  target: string;
  method: string;
  args: unknown[];
}

export const calls: RecordedCall[] = [];
/** Temporary folders made for `app.getPath`, removed on reset. */
export const madeDirs: string[] = [];
process.once('exit', () => {
  for (const d of madeDirs) removeTempDir(d);
});
export function record(target: string, method: string, args: unknown[]): void {
  calls.push({ target, method, args });
}

/** An Electron-style event with `preventDefault`. */
export class MockEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
