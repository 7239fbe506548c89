/**
 * The data-folder lock in one process, playing other processes through its
 * environment port: who holds it, when a lock is stale (dead PID, PID reused
 * by another process, another boot, unreadable content) and when it must be
 * respected (a live process, this very process, another computer).
 * `test/integration/reliability/data-folder-lock.test.ts` does the same with
 * real `serve` processes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockEnvironment, LockHolder } from '../../../../electron/core/data-folder/lock';
import {
  DataFolderBusyError,
  LOCK_FILE,
  lockDataFolder,
  systemLockEnvironment,
} from '../../../../electron/core/data-folder/lock';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs();
const linux = process.platform === 'linux';

/** A PID that certainly belongs to no process now: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  if (r.pid === undefined) throw new Error('no child');
  return r.pid;
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  const env = systemLockEnvironment;
  fs.writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({
      pid: 424242,
      host: env.host,
      program: 'shardwatch serve',
      startedAt: Date.UTC(2026, 10, 26, 12, 0),
      bootId: env.bootId(),
      processStart: null,
      token: 'theirs',
      ...holder,
    }),
  );
}

function refusal(dir: string, env?: LockEnvironment): DataFolderBusyError {
  try {
    lockDataFolder(dir, 'the test', env).release();
  } catch (e) {
    if (e instanceof DataFolderBusyError) return e;
    throw e;
  }
  throw new Error('expected the folder to be refused');
}

describe('data folder lock', () => {
  it('is taken atomically, 0600, refused to a second taker with who holds it, and freed on release', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'shardwatch serve');
    expect(modeOf(lock.file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    const e = refusal(dir);
    expect(e.folder).toBe(dir);
    expect(e.message).toContain(
      `The data folder ${dir} is already in use by shardwatch serve (PID ${process.pid}`,
    );
    expect(e.message).toContain('--data-dir');
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    lockDataFolder(dir, 'again').release();
  });

  it('takes over a lock whose process is gone', () => {
    const dir = tempDir();
    writeLock(dir, { pid: deadPid(), processStart: linux ? '12345' : null });
    const lock = lockDataFolder(dir, 'me');
    expect(lock.holder.pid).toBe(process.pid);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).token).toBe(lock.holder.token);
    lock.release();
  });

  it('takes over a lock whose content cannot be read', () => {
    for (const junk of ['', '{"pid":', 'null', '{"pid": -1, "host": "x"}']) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, LOCK_FILE), junk);
      lockDataFolder(dir, 'me').release();
    }
  });

  it.skipIf(!linux)(
    '(Linux) takes over a PID now used by another process, respects the live one',
    () => {
      const dir = tempDir();
      const parent = process.ppid;
      const realStart = systemLockEnvironment.processStart(parent);
      expect(realStart).not.toBeNull();
      // The PID is alive, but it is not the process that wrote the lock.
      writeLock(dir, { pid: parent, processStart: String(Number(realStart) + 1) });
      lockDataFolder(dir, 'me').release();
      // The same PID and start time: that process still holds it.
      writeLock(dir, { pid: parent, processStart: realStart });
      expect(refusal(dir).holder?.pid).toBe(parent);
    },
  );

  it.skipIf(!linux)('(Linux) takes over a lock from before a reboot', () => {
    const dir = tempDir();
    writeLock(dir, {
      pid: process.ppid,
      bootId: '00000000-0000-0000-0000-000000000000',
      processStart: systemLockEnvironment.processStart(process.ppid),
    });
    lockDataFolder(dir, 'me').release();
  });

  it('respects a lock from another computer and says how to clear it', () => {
    const dir = tempDir();
    writeLock(dir, { host: 'other-machine', pid: deadPid() });
    const e = refusal(dir);
    expect(e.message).toContain('(PID');
    expect(e.message).toContain('on other-machine');
    expect(e.message).toContain(`delete ${path.join(dir, LOCK_FILE)}`);
  });

  it('without /proc facts, a PID that exists is respected (no way to tell reuse)', () => {
    const dir = tempDir();
    const env: LockEnvironment = {
      ...systemLockEnvironment,
      bootId: () => null,
      processStart: () => null,
    };
    writeLock(dir, { pid: process.ppid, bootId: null });
    expect(refusal(dir, env).holder?.pid).toBe(process.ppid);
    writeLock(dir, { pid: deadPid(), bootId: null });
    lockDataFolder(dir, 'me', env).release();
  });

  it('release never removes a lock another process took meanwhile', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'me');
    writeLock(dir, { token: 'someone-else' });
    lock.release();
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).token).toBe(
      'someone-else',
    );
  });
});
