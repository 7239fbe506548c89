/**
 * What the electron mock (electron-mock.ts) records: every call in order,
 * and the temporary folders `app.getPath` made.
 */
import { afterAll } from 'vitest';
import { removeTempDir } from './temp-dir';

/** One recorded call, e.g. `{ target: 'tray', method: 'setImage', args: [...] }`. */
export interface RecordedCall {
  target: string;
  method: string;
  args: unknown[];
}

export const calls: RecordedCall[] = [];
/** Temporary folders made for `app.getPath`, removed on reset and after the test file. */
export const madeDirs: string[] = [];
// After every test file that loads the mock, whether or not it resets it: the
// test runner ends its worker processes with a signal, so an `exit` handler
// never ran and each run left its `shardwatch-electron-*` folders behind.
afterAll(() => {
  for (const d of madeDirs.splice(0)) removeTempDir(d);
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
