/**
 * Core-load part b (core-load.ts): 100 profiles pinging once a second against
 * one simulator child, this process's CPU and RSS.
 */
import { bridgeJsonText } from '../../shared/bridge';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { createAppCore } from '../../electron/core/api';
import type { AppCore } from '../../electron/core/api';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../electron/core/profiles/secret-cipher';
import { workerPool } from '../../electron/core/gateway/worker-pool';
import { startSimChild, stopSimChild } from './sim-child';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { MB, benchProfile, goal, sleep } from './core-load-driver';

const GOAL_CPU_PCT = 5;
const GOAL_RSS_MB = 250;

// ---------------------------------------------------------------------------
// b. 100 profiles against a simulator in a child process

const LOAD_PROFILES = 100;
const LOAD_WARMUP_MS = 10_000;
const LOAD_MEASURE_MS = 30_000;

export async function partManyProfiles(
  lines: string[],
  figures: Record<string, number>,
): Promise<void> {
  const sim = await startSimChild(['--dialect', 'documented']);
  const dataDir = makeTempDir('shardwatch-bench-load-');
  let core: AppCore | null = null;
  try {
    core = createAppCore({
      dataDir,
      cipher: createMemoryCipher(),
      notifier: createRecordingNotifier(),
      mode: 'browser',
      historyFile: join(dataDir, 'history.sqlite'),
    });
    // An open browser-mode window: every delta is serialised as the bridge does.
    let deltaCount = 0;
    let deltaBytes = 0;
    let serialiseMs = 0;
    core.on('event:delta', (d) => {
      const t = performance.now();
      deltaCount++;
      deltaBytes += bridgeJsonText({ event: 'event:delta', payload: d }).length;
      serialiseMs += performance.now() - t;
    });
    await core.start();
    for (let i = 0; i < LOAD_PROFILES; i++) {
      const name = `Load ${String(i + 1).padStart(3, '0')}`;
      const r = await core.api['command:create-profile']({
        ...benchProfile(name, sim.url),
        shardTotal: 4,
      });
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    }
    const readyCount = async (): Promise<number> => {
      const snap = await core?.api['query:snapshot']();
      if (!snap?.ok) return 0;
      return Object.values(snap.value.status).filter((s) => s.state === 'ready').length;
    };
    const deadline = performance.now() + 20_000;
    while ((await readyCount()) < LOAD_PROFILES && performance.now() < deadline) await sleep(100);
    const ready = await readyCount();
    await sleep(LOAD_WARMUP_MS);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const deltas0 = deltaCount;
    const bytes0 = deltaBytes;
    const serialise0 = serialiseMs;
    let rssMax = process.memoryUsage().rss;
    while (performance.now() - t0 < LOAD_MEASURE_MS) {
      await sleep(1000);
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }
    const wallMs = performance.now() - t0;
    // Where the main thread's share of the RSS is: V8 grows the young
    // generation of a busy thread up to its limit (128 MB by default here).
    const space = (name: string) => getHeapSpaceStatistics().find((x) => x.space_name === name);
    const young = space('new_space');
    const old = space('old_space');
    const threads = workerPool().threads;
    const cpu = process.cpuUsage(cpu0);
    const cpuPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const snap = await core.api['query:snapshot']();
    let pings = 0;
    let lost = 0;
    let p95Max = 0;
    if (snap.ok) {
      for (const s of Object.values(snap.value.status)) {
        pings += s.latency['1m'].count;
        lost += s.latency['1m'].lost;
        p95Max = Math.max(p95Max, s.latency['1m'].p95 ?? 0);
      }
    }
    const rssMb = rssMax / MB;
    figures['load.cpuPct'] = cpuPct;
    figures['load.rssMb'] = rssMb;
    figures['load.ready'] = ready;
    figures['load.deltasPerSec'] = ((deltaCount - deltas0) * 1000) / wallMs;
    figures['load.serialisePct'] = ((serialiseMs - serialise0) / wallMs) * 100;
    figures['load.sysPct'] = (cpu.system / 1000 / wallMs) * 100;
    figures['load.youngMb'] = (young?.space_size ?? 0) / MB;
    figures['load.oldUsedMb'] = (old?.space_used_size ?? 0) / MB;
    figures['load.threads'] = threads.shared + threads.own;
    lines.push(
      `b. ${LOAD_PROFILES} profiles (${ready} ready) pinging every 1 s against one simulator in a child ` +
        `process, ${(wallMs / 1000).toFixed(0)} s after a ${LOAD_WARMUP_MS / 1000} s warm-up:`,
      `   core process CPU ${cpuPct.toFixed(2)} % of one core (${figures['load.sysPct'].toFixed(2)} % in the kernel) ` +
        `(goal ≤ ${GOAL_CPU_PCT} %: ${goal(cpuPct <= GOAL_CPU_PCT)}); ` +
        `max RSS ${rssMb.toFixed(0)} MB (goal ≤ ${GOAL_RSS_MB} MB: ${goal(rssMb <= GOAL_RSS_MB)})`,
      `   gateway threads: ${threads.shared} shared, ${threads.own} own; main thread's young generation ` +
        `${figures['load.youngMb'].toFixed(0)} MB, old space used ${figures['load.oldUsedMb'].toFixed(0)} MB`,
      `   ${pings} pings answered and ${lost} lost in the last minute (worst profile p95 ` +
        `${p95Max.toFixed(2)} ms); ${figures['load.deltasPerSec'].toFixed(1)} deltas/s, ` +
        `${((deltaBytes - bytes0) / 1024 / (wallMs / 1000)).toFixed(0)} KiB/s serialised for an open window ` +
        `(${figures['load.serialisePct'].toFixed(2)} % of a core, included above); ` +
        `history in a temp SQLite file`,
    );
  } finally {
    await core?.dispose();
    await stopSimChild(sim);
    removeTempDir(dataDir);
  }
}
