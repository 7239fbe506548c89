/**
 * The data-folder lock's edges, played through its environment port: which
 * lock contents are taken over as unreadable, what the holder recorded in a
 * lock is, the exact sentence a second process shows, when boot id, start
 * time and PID decide "alive", a takeover another process is already doing,
 * and a lock file that cannot be read or written.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator, wordNotice } from '../../../../shared/i18n/translator';
import type { LockEnvironment, LockHolder } from '../../../../electron/core/data-folder/lock';
import {
  busyMessage,
  busyWording,
  DataFolderBusyError,
  LOCK_FILE,
  lockDataFolder,
  systemLockEnvironment,
} from '../../../../electron/core/data-folder/lock';
import { waitFor } from '../../../support/core-api';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs();
const linux = process.platform === 'linux';
const STARTED = Date.UTC(2026, 10, 26, 12, 0);

/** A made-up process on this machine whose facts the test decides. */
function fakeEnv(over: Partial<LockEnvironment> = {}): LockEnvironment {
  return {
    pid: 1000,
    host: 'this-machine',
    now: () => STARTED,
    bootId: () => 'boot-a',
    processStart: () => null,
    pidExists: () => true,
    ...over,
  };
}

function holder(over: Partial<LockHolder> = {}): LockHolder {
  return {
    pid: 4242,
    host: 'this-machine',
    program: 'shardwatch serve',
    startedAt: STARTED,
    bootId: 'boot-a',
    processStart: '777',
    token: 'theirs',
    ...over,
  };
}

function writeLock(dir: string, content: unknown): string {
  const file = path.join(dir, LOCK_FILE);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The lock is taken (the old one was judged unreadable or stale). */
function takes(dir: string, env: LockEnvironment): boolean {
  try {
    lockDataFolder(dir, 'me', env).release();
    return true;
  } catch (e) {
    if (e instanceof DataFolderBusyError) return false;
    throw e;
  }
}

function refusal(dir: string, env: LockEnvironment): DataFolderBusyError {
  try {
    lockDataFolder(dir, 'me', env).release();
  } catch (e) {
    if (e instanceof DataFolderBusyError) return e;
    throw e;
  }
  throw new Error('expected the folder to be refused');
}

/** Everything that says "alive": only an unreadable lock is taken over. */
const aliveEnv = fakeEnv({ processStart: () => '777', pidExists: () => true });

describe('lock content: what counts as a holder', () => {
  it('a complete, live holder is respected and reported as written', () => {
    const dir = tempDir();
    writeLock(dir, holder());
    expect(refusal(dir, aliveEnv).holder).toEqual(holder());
  });

  it.each([
    ['a JSON list', [holder()]],
    ['no pid', { ...holder(), pid: undefined }],
    ['a text pid', { ...holder(), pid: '4242' }],
    ['a fractional pid', { ...holder(), pid: 1.5 }],
    ['pid 0', { ...holder(), pid: 0 }],
    ['a negative pid', { ...holder(), pid: -4 }],
    ['a pid beyond safe integers', { ...holder(), pid: 2 ** 53 }],
    ['no host', { ...holder(), host: undefined }],
    ['no program', { ...holder(), program: 5 }],
    ['no token', { ...holder(), token: null }],
    ['a text start time', { ...holder(), startedAt: '2026' }],
  ])('a lock with %s is unreadable and taken over', (_what, content) => {
    const dir = tempDir();
    writeLock(dir, content);
    expect(takes(dir, aliveEnv)).toBe(true);
  });

  it('pid 1 is a valid holder', () => {
    const dir = tempDir();
    writeLock(dir, holder({ pid: 1 }));
    expect(refusal(dir, aliveEnv).holder?.pid).toBe(1);
  });

  it('a program name is cut to 100 characters; odd boot ids and start times read as unknown', () => {
    const dir = tempDir();
    writeLock(dir, { ...holder(), program: 'p'.repeat(150), bootId: 5, processStart: 777 });
    const seen: number[] = [];
    const env = fakeEnv({
      processStart: () => '777',
      pidExists: (pid) => {
        seen.push(pid);
        return true;
      },
    });
    const h = refusal(dir, env).holder;
    expect(h?.program).toBe('p'.repeat(100));
    expect(h?.bootId).toBeNull();
    expect(h?.processStart).toBeNull();
    // Without a start time, liveness came from the PID alone.
    expect(seen).toEqual([4242]);
  });
});

describe('when a holder is alive', () => {
  it('another boot id means stale, even if the PID and start time match', () => {
    const dir = tempDir();
    writeLock(dir, holder({ bootId: 'boot-b' }));
    expect(takes(dir, aliveEnv)).toBe(true);
  });

  it('the same boot: the start time decides, and the PID alone does not', () => {
    const dir = tempDir();
    writeLock(dir, holder());
    const reused = fakeEnv({ processStart: () => '778', pidExists: () => true });
    expect(takes(dir, reused)).toBe(true);
    writeLock(dir, holder());
    const same = fakeEnv({ processStart: () => '777', pidExists: () => false });
    expect(refusal(dir, same).holder?.token).toBe('theirs');
  });

  it('the start time is asked for the holder PID', () => {
    const dir = tempDir();
    writeLock(dir, holder({ pid: 31337 }));
    const env = fakeEnv({ processStart: (pid) => (pid === 31337 ? '777' : null) });
    expect(refusal(dir, env).holder?.pid).toBe(31337);
  });

  it('no boot id in the lock: the start time still decides when this machine has one', () => {
    const dir = tempDir();
    writeLock(dir, holder({ bootId: null }));
    expect(takes(dir, fakeEnv({ processStart: () => '1', pidExists: () => true }))).toBe(true);
  });

  it('no boot id on this machine: only the PID can be checked', () => {
    const dir = tempDir();
    writeLock(dir, holder());
    const noProc = fakeEnv({ bootId: () => null, processStart: () => '1', pidExists: () => true });
    expect(refusal(dir, noProc).holder?.pid).toBe(4242);
    writeLock(dir, holder());
    expect(takes(dir, fakeEnv({ bootId: () => null, pidExists: () => false }))).toBe(true);
  });

  it('a lock from another computer is respected whatever this machine says', () => {
    const dir = tempDir();
    writeLock(dir, holder({ host: 'far-away', bootId: 'boot-b' }));
    expect(refusal(dir, fakeEnv({ pidExists: () => false })).holder?.host).toBe('far-away');
  });
});

describe('the lock this process writes', () => {
  it('records this process, the time, boot id, start time and a fresh token', () => {
    const dir = tempDir();
    const asked: number[] = [];
    const env = fakeEnv({
      pid: 5151,
      processStart: (pid) => {
        asked.push(pid);
        return '999';
      },
    });
    const lock = lockDataFolder(dir, 'the desktop app', env);
    const written: unknown = JSON.parse(fs.readFileSync(lock.file, 'utf8'));
    expect(written).toEqual(lock.holder);
    expect(lock.holder).toMatchObject({
      pid: 5151,
      host: 'this-machine',
      program: 'the desktop app',
      startedAt: STARTED,
      bootId: 'boot-a',
      processStart: '999',
    });
    expect(asked).toEqual([5151]);
    expect(lock.holder.token).toMatch(/^[0-9a-f]{24}$/);
    expect(lock.folder).toBe(dir);
    expect(lock.file).toBe(path.join(dir, LOCK_FILE));
    expect(fs.readFileSync(lock.file, 'utf8').endsWith('}\n')).toBe(true);
    lock.release();
    const again = lockDataFolder(dir, 'the desktop app', env);
    expect(again.holder.token).not.toBe(lock.holder.token);
    again.release();
  });

  it('without a boot id no start time is recorded', () => {
    const dir = tempDir();
    const lock = lockDataFolder(
      dir,
      'me',
      fakeEnv({ bootId: () => null, processStart: () => '9' }),
    );
    expect(lock.holder.bootId).toBeNull();
    expect(lock.holder.processStart).toBeNull();
    lock.release();
  });

  it('a takeover leaves only the new lock in the folder', () => {
    const dir = tempDir();
    writeLock(dir, holder({ bootId: 'boot-b' }));
    const lock = lockDataFolder(dir, 'me', aliveEnv);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('release after the lock file was deleted by hand does not throw', () => {
    const dir = tempDir();
    const lock = lockDataFolder(dir, 'me', fakeEnv());
    fs.rmSync(lock.file);
    expect(() => lock.release()).not.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('release is once only: a second call leaves the next holder alone, and stops watching exit', () => {
    const dir = tempDir();
    const before = process.listenerCount('exit');
    const lock = lockDataFolder(dir, 'me', fakeEnv());
    expect(process.listenerCount('exit')).toBe(before + 1);
    lock.release();
    expect(process.listenerCount('exit')).toBe(before);
    const next = lockDataFolder(dir, 'next', fakeEnv());
    // The file now holds "next", but a buggy release could still compare tokens wrongly.
    lock.release();
    expect(fs.existsSync(next.file)).toBe(true);
    next.release();
    expect(fs.existsSync(next.file)).toBe(false);
  });
});

describe('what a second process is told', () => {
  const file = '/data/shardwatch.lock';
  const env = fakeEnv();

  it('names the holder on this machine with PID and start time', () => {
    expect(busyMessage('/data', file, holder(), env)).toBe(
      'The data folder /data is already in use by shardwatch serve (PID 4242, started 2026-11-26 12:00 UTC). ' +
        "Two Shardwatch processes on one folder would overwrite each other's changes. " +
        'Stop that one first, or start this one with --data-dir <another folder>.',
    );
  });

  it('names the other computer and how to clear a lock it left', () => {
    expect(busyMessage('/data', file, holder({ host: 'far-away' }), env)).toBe(
      'The data folder /data is already in use by shardwatch serve (PID 4242 on far-away, started 2026-11-26 12:00 UTC). ' +
        "Two Shardwatch processes on one folder would overwrite each other's changes. " +
        'Stop that one first, or start this one with --data-dir <another folder>. ' +
        'If no Shardwatch is running on far-away, delete /data/shardwatch.lock.',
    );
  });

  it('without a readable holder says "another Shardwatch"', () => {
    expect(busyMessage('/data', file, null, env)).toBe(
      'The data folder /data is already in use by another Shardwatch. ' +
        "Two Shardwatch processes on one folder would overwrite each other's changes. " +
        'Stop that one first, or start this one with --data-dir <another folder>.',
    );
  });

  it('is told in Portuguese when that is the language of the one starting', () => {
    const pt = createTranslator('pt-BR').say;
    expect(wordNotice(busyWording('/data', file, holder({ host: 'far-away' }), env), pt)).toBe(
      'A pasta de dados /data já está em uso por shardwatch serve (PID 4242 em far-away, iniciado em 2026-11-26 12:00 UTC). ' +
        'Dois processos do Shardwatch na mesma pasta sobrescreveriam as alterações um do outro. ' +
        'Pare aquele primeiro ou inicie este com --data-dir <outra pasta>. ' +
        'Se nenhum Shardwatch estiver rodando em far-away, apague /data/shardwatch.lock.',
    );
    expect(wordNotice(busyWording('/data', file, null, env), pt)).toContain(
      'já está em uso por outro Shardwatch.',
    );
  });

  it('the refusal error carries the folder, the holder and that sentence', () => {
    const dir = tempDir();
    const lockFile = writeLock(dir, holder());
    const e = refusal(dir, aliveEnv);
    expect(e.name).toBe('DataFolderBusyError');
    expect(e.folder).toBe(dir);
    expect(e.message).toBe(busyMessage(dir, lockFile, holder(), aliveEnv));
    expect(e.wording).toEqual(busyWording(dir, lockFile, holder(), aliveEnv));
  });
});

describe('a takeover another process is doing, and locks that cannot be handled', () => {
  it('a fresh takeover guard is left to its owner: the stale lock stays and the folder is refused', () => {
    const dir = tempDir();
    const lockFile = writeLock(dir, holder({ bootId: 'boot-b' }));
    fs.mkdirSync(`${lockFile}.takeover`);
    const e = refusal(dir, aliveEnv);
    expect(e.holder?.bootId).toBe('boot-b');
    expect(fs.existsSync(`${lockFile}.takeover`)).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).token).toBe('theirs');
  });

  it('a guard left by a process that died mid-takeover (old) is cleared and the lock taken', () => {
    const dir = tempDir();
    const lockFile = writeLock(dir, holder({ bootId: 'boot-b' }));
    fs.mkdirSync(`${lockFile}.takeover`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${lockFile}.takeover`, old, old);
    const lock = lockDataFolder(dir, 'me', aliveEnv);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it('a lock that is not a file is reported with the reason and the way out', () => {
    const dir = tempDir();
    const lockFile = path.join(dir, LOCK_FILE);
    fs.mkdirSync(lockFile);
    const e = refusal(dir, fakeEnv());
    expect(e.holder).toBeNull();
    expect(e.message).toBe(
      `The lock file ${lockFile} could not be read (EISDIR). If no other Shardwatch is running, delete it, or start Shardwatch with --data-dir <another folder>.`,
    );
  });

  it('a lock name that exists but never reads (a dangling link) ends in a refusal, not a loop', () => {
    const dir = tempDir();
    const lockFile = path.join(dir, LOCK_FILE);
    fs.symlinkSync(path.join(dir, 'nowhere'), lockFile);
    const e = refusal(dir, fakeEnv());
    expect(e.holder).toBeNull();
    expect(e.message).toContain('already in use by another Shardwatch');
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it.skipIf(!linux)(
    '(Linux: /proc refuses new files even to root) an unwritable folder is reported with the reason',
    () => {
      const e = refusal('/proc/self', fakeEnv());
      expect(e.holder).toBeNull();
      expect(e.message).toMatch(
        /^The data folder \/proc\/self could not be locked \((ENOENT|EACCES|EPERM)\)\. Check that your user can write to it, or start Shardwatch with --data-dir <another folder>\.$/,
      );
    },
  );
});

describe('the real process and machine', () => {
  it('this process exists, an exited child does not', () => {
    expect(systemLockEnvironment.pid).toBe(process.pid);
    expect(systemLockEnvironment.pidExists(process.pid)).toBe(true);
    const r = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    expect(r.pid).toBeGreaterThan(0);
    expect(systemLockEnvironment.pidExists(r.pid ?? 0)).toBe(false);
    expect(systemLockEnvironment.now()).toBeGreaterThan(STARTED);
  });

  it.skipIf(!linux)('(Linux) boot id and start times come from /proc', () => {
    expect(systemLockEnvironment.bootId()).toMatch(/^[0-9a-f-]{36}$/);
    const self = systemLockEnvironment.processStart(process.pid);
    const parent = systemLockEnvironment.processStart(process.ppid);
    expect(self).toMatch(/^\d+$/);
    expect(parent).toMatch(/^\d+$/);
    // Ticks since boot: this process started after its parent, and after boot.
    expect(Number(self)).toBeGreaterThan(0);
    expect(Number(self)).toBeGreaterThanOrEqual(Number(parent));
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid ?? 0;
    expect(systemLockEnvironment.processStart(dead)).toBeNull();
  });

  it.skipIf(!linux)(
    '(Linux) a process that exited but was not reaped (a zombie) has no start time: its lock is stale',
    async () => {
      // The shell starts a child, then becomes `sleep` (exec), which never
      // reaps children: once the shell is gone, the child this test stops
      // stays a zombie.
      const parent = spawn('sh', ['-c', 'sleep 300 & echo $!; exec sleep 301'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let child = 0;
      try {
        child = await new Promise<number>((resolve, reject) => {
          parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
          parent.once('error', reject);
        });
        const statOf = (pid: number): string => fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Bounded waits for what must happen: the exec, then the child's end.
        await waitFor('the shell to become sleep', () =>
          fs.readFileSync(`/proc/${parent.pid}/cmdline`, 'utf8').includes('301'),
        );
        process.kill(child, 'SIGKILL');
        await waitFor('the child to become a zombie', () => {
          const stat = statOf(child);
          return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z ');
        });
        expect(systemLockEnvironment.processStart(child)).toBeNull();
      } finally {
        // Both were started here; a zombie goes with its parent.
        for (const pid of [child, parent.pid ?? 0])
          if (pid > 0 && systemLockEnvironment.pidExists(pid)) process.kill(pid, 'SIGKILL');
      }
    },
  );
});
