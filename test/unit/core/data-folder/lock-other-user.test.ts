/**
 * A lock held by a process of another user: signal 0 to it fails with
 * `EPERM` ("it exists, but you may not signal it"), which must count as
 * running, or a second user's Shardwatch would take over a folder in use.
 * The tests run as root, where signal 0 never fails that way, so
 * `process.kill` is replaced for these calls.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemLockEnvironment } from '../../../../electron/core/data-folder/lock';

afterEach(() => {
  vi.restoreAllMocks();
});

function killFailsWith(code: string): void {
  vi.spyOn(process, 'kill').mockImplementation(() => {
    throw Object.assign(new Error(`kill ${code}`), { code });
  });
}

describe('a lock holder owned by another user', () => {
  it('counts as running when the system says it may not be signalled (EPERM)', () => {
    killFailsWith('EPERM');
    expect(systemLockEnvironment.pidExists(4242)).toBe(true);
  });

  it('counts as gone when the system says there is no such process (ESRCH)', () => {
    killFailsWith('ESRCH');
    expect(systemLockEnvironment.pidExists(4242)).toBe(false);
  });
});
