/**
 * Shared tools of the reliability suite (docs/reliability.md): run size, a
 * fake clock that can step from one due timer to the next, process-level
 * crash and leak watchers, and the per-suite figures that feed the scorecard.
 *
 * The CI size runs under `npm run test:unit` / `test:reliability`; the long
 * size runs with `SHARDWATCH_RELIABILITY=long` (see `run-long.ts`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeClock } from '../support/fake-clock';
import type { FakeClock } from '../support/fake-clock';

/** `ci` (small, default) or `long` (`SHARDWATCH_RELIABILITY=long`). */
export const MODE: 'ci' | 'long' = process.env['SHARDWATCH_RELIABILITY'] === 'long' ? 'long' : 'ci';

/** Pick the CI or the long-run value. */
export function size<T>(ci: T, long: T): T {
  return MODE === 'long' ? long : ci;
}

/** Per-test timeout: the CI value, or a generous one for the long run. */
export function timeoutFor(ciMs: number, longMs: number): number {
  return size(ciMs, longMs);
}

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where each suite writes its figures; `scorecard.ts` reads them. */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'reliability');

// ---------------------------------------------------------------------------
// A fake clock that also says when its next timer is due: the shared one.

/** A deterministic clock that can step timer by timer (test/support/fake-clock). */
export type SteppingClock = FakeClock;
/** Create a {@link SteppingClock}. */
export const createSteppingClock = createFakeClock;

// ---------------------------------------------------------------------------
// Waiting on real IO (sockets) without timed assertions: a bound on how long
// to wait for something that must happen, never a claim about how fast.

/** Let pending IO callbacks run. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll `cond` on real time; throws naming `what` if it never holds within `ms`. */
export async function waitUntil(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`Gave up waiting for ${what}`);
    await tick(2);
  }
}

/** Like {@link waitUntil} but answers whether the condition came true instead of throwing. */
export async function eventually(cond: () => boolean, ms = 2000): Promise<boolean> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) return false;
    await tick(2);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Crash and leak watchers.

/** Collects unhandled rejections and uncaught exceptions while registered. */
export interface CrashWatch {
  readonly errors: string[];
  dispose(): void;
}

export function watchCrashes(): CrashWatch {
  const errors: string[] = [];
  const onRejection = (reason: unknown): void => {
    errors.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  };
  const onException = (err: Error): void => {
    errors.push(`uncaughtException: ${err.stack ?? err.message}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    dispose() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Counts of `process.getActiveResourcesInfo()` by resource type. */
export function activeResources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Open TCP sockets (client and server ends) and listening servers of this process. */
export function tcpCounts(): { sockets: number; servers: number; timers: number } {
  const r = activeResources();
  return {
    sockets: r['TCPSocketWrap'] ?? 0,
    servers: r['TCPServerWrap'] ?? 0,
    timers: r['Timeout'] ?? 0,
  };
}

/**
 * Wait until the process holds no more sockets, servers and timers than at
 * `baseline` (closing handles is asynchronous), then report what is left.
 */
export async function leftoverResources(
  baseline: { sockets: number; servers: number; timers: number },
  ms = 3000,
): Promise<{ sockets: number; servers: number; timers: number }> {
  const over = () => {
    const now = tcpCounts();
    return {
      sockets: Math.max(0, now.sockets - baseline.sockets),
      servers: Math.max(0, now.servers - baseline.servers),
      timers: Math.max(0, now.timers - baseline.timers),
    };
  };
  await eventually(() => {
    const o = over();
    return o.sockets + o.servers + o.timers === 0;
  }, ms);
  return over();
}

// ---------------------------------------------------------------------------
// Figures for the scorecard.

/** The figures every suite reports (0 when a figure does not apply). */
export interface Figures {
  /** Faults injected (kills, drops, stalls, write failures…). */
  faultsInjected: number;
  /** Inputs tried (fuzz cases, hostile payloads, commands). */
  inputsTried: number;
  /** Exceptions that escaped product code, unhandled rejections, uncaught exceptions. */
  crashes: number;
  /** Sockets, servers or timers left behind. */
  leaks: number;
  /** Canary secret sightings. */
  secretsFound: number;
  /** Stored items lost or corrupted. */
  dataLost: number;
  /** RTTs credited to the wrong ping. */
  wrongRtts: number;
}

/** One suite's record: figures plus suite-specific notes (counts, sizes). */
export interface SuiteRecord {
  suite: string;
  mode: 'ci' | 'long';
  figures: Figures;
  details: Record<string, number | string>;
  tests: Array<{ name: string; state: string }>;
  durationMs: number;
  /** ISO date the suite finished. */
  finishedAt: string;
  machine: string;
}

/** Accumulates one suite's figures and writes them when the suite ends. */
export interface Scorecard {
  add(figure: keyof Figures, n?: number): void;
  detail(key: string, value: number | string): void;
  test(name: string, state: string): void;
  write(): void;
}

export function createScorecard(suite: string): Scorecard {
  const started = Date.now();
  const figures: Figures = {
    faultsInjected: 0,
    inputsTried: 0,
    crashes: 0,
    leaks: 0,
    secretsFound: 0,
    dataLost: 0,
    wrongRtts: 0,
  };
  const details: Record<string, number | string> = {};
  const tests: SuiteRecord['tests'] = [];
  return {
    add(figure, n = 1) {
      figures[figure] += n;
    },
    detail(key, value) {
      details[key] = value;
    },
    test(name, state) {
      tests.push({ name, state });
    },
    write() {
      const record: SuiteRecord = {
        suite,
        mode: MODE,
        figures,
        details,
        tests,
        durationMs: Date.now() - started,
        finishedAt: new Date().toISOString(),
        machine: machine(),
      };
      const dir = join(RESULTS_DIR, MODE);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${suite}.json`), JSON.stringify(record, null, 2) + '\n');
    },
  };
}

/** The machine a run happened on, for the scorecard. */
export function machine(): string {
  const cpu = cpus();
  return `${platform()} ${release()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}
