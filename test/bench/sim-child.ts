/**
 * `shardwatch sim` in a child process for the benchmarks, so the simulator's
 * work never shares the measured event loop. Started through the same bin
 * entry users run; stopped by its PID.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGLISH_LOCALE } from '../support/locale';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/shardwatch.js', import.meta.url));
const SIM_START_TIMEOUT_MS = 30_000;

/** A running simulator child. */
export interface SimChild {
  child: ChildProcess;
  pid: number;
  url: string;
}

/** Start `shardwatch sim --port 0 …args` and read the URL it prints. */
export function startSimChild(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<SimChild> {
  const child = spawn(process.execPath, [CLI, 'sim', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    // The URL line is read in English, whatever the locale of the machine.
    env: { ...env, ...ENGLISH_LOCALE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<SimChild>((resolve, reject) => {
    let out = '';
    let err = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`${why}${err ? `; stderr: ${err.trim().slice(0, 500)}` : ''}`));
    };
    const timer = setTimeout(
      () => fail(`the simulator printed no URL within ${SIM_START_TIMEOUT_MS} ms`),
      SIM_START_TIMEOUT_MS,
    );
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      if (!settled) err += c;
    });
    // Kept flowing after the URL so the child never blocks on a full pipe.
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      if (settled) return;
      out += c;
      // runSimCli prints `listening on ws://HOST:PORT/gateway` once it listens.
      const m = /^listening on (ws:\/\/\S+)$/m.exec(out);
      if (m?.[1] && child.pid !== undefined) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, pid: child.pid, url: m[1] });
      }
    });
    child.once('error', (e) => fail(`cannot start the simulator: ${e.message}`));
    child.once('exit', (code) => fail(`the simulator exited early (code ${code})`));
  });
}

/** Stop the child by its PID: SIGTERM (clean stop), SIGKILL if it lingers. */
export async function stopSimChild(sim: SimChild): Promise<void> {
  const { child, pid } = sim;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null) process.kill(pid, 'SIGKILL');
  }, 3000);
  await exited;
  clearTimeout(timer);
}
