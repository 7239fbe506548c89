/**
 * One Shardwatch process per data folder (docs/reliability.md §13), with real
 * `shardwatch serve` child processes:
 * - a second `serve` on a folder in use exits with a message naming the
 *   folder, the process (PID) that holds it and `--data-dir`; the first keeps
 *   running and its profiles file is untouched;
 * - a lock left by a killed process (SIGKILL, so nothing ran on exit) is
 *   taken over by the next start;
 * - of several `serve`s started at once on a folder with a stale lock,
 *   exactly one runs;
 * - the start cleans temporary files a killed run left and makes the folder
 *   private.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/data-folder/lock';
import type { CliChild } from '../../support/cli-child';
import { runCli } from '../../support/cli-child';
import { tempDirs } from '../../reliability/core-harness';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('data-folder-lock');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** A data folder holding a profiles file, and a one-page renderer folder. */
function folder(): { data: string; web: string } {
  const root = dirs.make();
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  const data = join(root, 'data');
  mkdirSync(data, { mode: 0o700 });
  writeFileSync(
    join(data, 'profiles.json'),
    JSON.stringify({ schemaVersion: 1, profiles: [], settings: { theme: 'dark' } }),
    { mode: 0o600 },
  );
  return { data, web: root };
}

function serve(data: string, web: string): CliChild {
  return runCli(['serve', '--port', '0', '--no-demo', '--data-dir', data, '--static-dir', web]);
}

const RUNNING = /Shardwatch is running at http/;
let children = 0;

/** A serve that took the folder and was then killed (SIGKILL: nothing ran on exit). */
async function killedServe(f: { data: string; web: string }): Promise<CliChild> {
  const killed = serve(f.data, f.web);
  children++;
  await killed.waitFor(RUNNING);
  await killed.stop('SIGKILL');
  card.add('faultsInjected', 1);
  return killed;
}

describe('one process per data folder', () => {
  it('a second serve on the same folder exits, naming the folder, the PID that holds it and --data-dir', async () => {
    const f = folder();
    const first = serve(f.data, f.web);
    children++;
    await first.waitFor(RUNNING);
    const profilesBefore = readFileSync(join(f.data, 'profiles.json'), 'utf8');

    const second = serve(f.data, f.web);
    children++;
    expect(await second.exited).toBe(1);
    const said = second.output();
    expect(said).toContain(
      `shardwatch serve: could not start: The data folder ${f.data} is already in use`,
    );
    expect(said).toContain(`shardwatch serve (PID ${first.child.pid}`);
    expect(said).toContain('--data-dir');
    expect(said).not.toMatch(RUNNING);

    // The first one is unaffected, and so is its file.
    expect(first.child.exitCode).toBeNull();
    expect(readFileSync(join(f.data, 'profiles.json'), 'utf8')).toBe(profilesBefore);
    // Stopped cleanly, it frees the folder.
    expect(await first.stop()).toBe(0);
    expect(readdirSync(f.data)).not.toContain(LOCK_FILE);
    const third = serve(f.data, f.web);
    children++;
    await third.waitFor(RUNNING);
    await third.stop();
  }, 60_000);

  it('a lock left by a killed serve is taken over', async () => {
    const f = folder();
    const first = await killedServe(f);
    const lock = JSON.parse(readFileSync(join(f.data, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid);

    const next = serve(f.data, f.web);
    children++;
    await next.waitFor(RUNNING);
    const now = JSON.parse(readFileSync(join(f.data, LOCK_FILE), 'utf8')) as { pid: number };
    expect(now.pid).toBe(next.child.pid);
    await next.stop();
  }, 60_000);

  it('of three serves started at once on a folder with a stale lock, exactly one runs', async () => {
    const f = folder();
    await killedServe(f);

    const racers = [serve(f.data, f.web), serve(f.data, f.web), serve(f.data, f.web)];
    children += racers.length;
    const outcome = await Promise.all(
      racers.map((r) =>
        Promise.race([
          r.waitFor(RUNNING, 30_000).then(() => 'running' as const),
          r.exited.then((code) => (code === 1 ? ('refused' as const) : ('other' as const))),
        ]),
      ),
    );
    expect(outcome.filter((o) => o === 'running')).toHaveLength(1);
    expect(outcome.filter((o) => o === 'refused')).toHaveLength(2);
    const winner = racers[outcome.indexOf('running')] as CliChild;
    for (const r of racers)
      if (r !== winner) expect(r.output()).toContain(`(PID ${winner.child.pid}`);
    await winner.stop();
  }, 90_000);

  it('cleans what a killed run left and makes the folder private', async () => {
    const f = folder();
    await killedServe(f);
    const leftovers = ['profiles.json.tmp-4675000123a1b2c3', 'dismissed-notices.json.999-1.tmp'];
    for (const n of leftovers) writeFileSync(join(f.data, n), '{"half":');
    chmodSync(f.data, 0o755);
    chmodSync(join(f.data, 'profiles.json'), 0o644);

    const next = serve(f.data, f.web);
    children++;
    await next.waitFor(RUNNING);
    const names = readdirSync(f.data);
    for (const n of leftovers) expect(names).not.toContain(n);
    expect(statSync(f.data).mode & 0o777).toBe(0o700);
    for (const n of names) expect(statSync(join(f.data, n)).mode & 0o777, n).toBe(0o600);
    expect(next.output()).toMatch(/data folder: removed 2 leftover temporary file\(s\)/);
    await next.stop();
    card.detail('serve processes started', children);
    card.add('inputsTried', children);
  }, 60_000);
});
