/**
 * The `shardwatch` bin entry as a child process (what `npx shardwatch` runs),
 * for tests that need a real, separate process: its own event loop, its own
 * crash behaviour, its own PID. Every child still running when its test
 * file ends is killed (a child may be started in `beforeAll` and serve
 * several tests).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { ENGLISH_LOCALE } from './locale';

const BIN = 'bin/shardwatch.js';

/** A running (or finished) CLI child. */
export interface CliChild {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves to the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Wait until `pattern` matches the output; throws with the output after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** SIGTERM (or `signal`), then wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
});

/**
 * Start `shardwatch <args>`; `env` is added to this process's environment,
 * in an English locale unless `env` says otherwise.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliChild {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...ENGLISH_LOCALE, ...env },
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const start = Date.now();
        const check = (): void => {
          const m = pattern.exec(out);
          if (m) resolve(m);
          else if (done || Date.now() - start > ms)
            reject(new Error(`"${pattern.source}" never appeared; output:\n${out}`));
          else setTimeout(check, 20);
        };
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!done && child.pid) process.kill(child.pid, signal);
      return exited;
    },
  };
}
