/**
 * Print the reliability scorecard from the figures the suite wrote
 * (test-results/reliability/<mode>/<suite>.json), one table per run size,
 * and merge them into test-results/reliability-summary.json.
 *
 *   npx tsx test/reliability/scorecard.ts            # every size found
 *   npx tsx test/reliability/scorecard.ts long       # one size
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figures, SuiteRecord } from './support';
import { REPO_ROOT, RESULTS_DIR } from './support';

/** What each suite proves, in the order of docs/reliability.md. */
export const PROMISES: Array<{ suite: string; promise: string; file: string }> = [
  {
    suite: 'restart-storm',
    promise:
      'Gateway killed and restarted at random moments: always back to ready within backoff bounds, one socket, nothing left after dispose',
    file: 'restart-storm.test.ts',
  },
  {
    suite: 'ping-integrity',
    promise:
      'Stall, slow (ramp to 10 s), late, duplicate, unsolicited answers and half-open sockets detected; no RTT credited to the wrong ping',
    file: 'ping-integrity.test.ts',
  },
  {
    suite: 'fleet-isolation',
    promise: "50 profiles, one gateway flapping hard: the others' latency and alerts unaffected",
    file: 'fleet-isolation.test.ts',
  },
  {
    suite: 'disk-trouble',
    promise:
      'History and settings write failures: monitoring goes on, the user is told, nothing stored is lost or corrupted',
    file: 'disk-trouble.test.ts',
  },
  {
    suite: 'codec-fuzz',
    promise:
      'decodeFrame never throws on hostile bytes, only typed errors; next frame still decodes; no prototype pollution',
    file: 'codec-fuzz.test.ts',
  },
  {
    suite: 'connection-fuzz',
    promise: 'A connection fed fuzzed frames never throws, counts protocol errors, stays up',
    file: 'connection-fuzz.test.ts',
  },
  {
    suite: 'connection-model',
    promise:
      'Connection state machine under any command order: at most one socket, no leaked timers',
    file: 'connection-model.test.ts',
  },
  {
    suite: 'api-hostile',
    promise: 'Invalid API requests: clear error, state unchanged',
    file: 'api-hostile.test.ts',
  },
  {
    suite: 'import-hostile',
    promise:
      'Malformed, truncated, wrong-passphrase and hostile imports refused with a reason, existing profiles untouched',
    file: 'import-hostile.test.ts',
  },
  {
    suite: 'canary',
    promise:
      'Canary secrets found nowhere (deltas, API responses, logs, history file, exports, errors, frame log)',
    file: 'canary.test.ts',
  },
  {
    suite: 'bridge-fuzz',
    promise:
      'Any message over the browser-mode bridge (real serve process): always one well-formed answer, the process never exits',
    file: 'bridge-fuzz.test.ts',
  },
  {
    suite: 'ipc-fuzz',
    promise:
      'Any arguments on every IPC channel: always an ApiResult, nothing unhandled, no prototype polluted',
    file: 'ipc-fuzz.test.ts',
  },
  {
    suite: 'secrets-bound',
    promise:
      'Stored secrets never reach another address (update, test connection, duplicate, import, hand-edited file)',
    file: 'secrets-bound.test.ts',
  },
  {
    suite: 'data-folder-lock',
    promise:
      'One process per data folder: a second one refuses with the holder and --data-dir; a dead holder is taken over',
    file: 'data-folder-lock.test.ts',
  },
  {
    suite: 'recovery',
    promise:
      'Damaged key file named, its profiles "secrets unreadable" and silent; damaged profiles file restored from backup',
    file: 'recovery.test.ts',
  },
  {
    suite: 'soak',
    promise:
      'Accelerated soak: memory flat, history within retention, incidents exactly as scripted',
    file: 'soak.test.ts',
  },
];

const COLUMNS: Array<[keyof Figures, string]> = [
  ['faultsInjected', 'Faults injected'],
  ['inputsTried', 'Inputs tried'],
  ['crashes', 'Crashes'],
  ['leaks', 'Leaks'],
  ['secretsFound', 'Secrets found'],
  ['dataLost', 'Data lost'],
  ['wrongRtts', 'Wrong RTTs'],
];

function load(mode: string): SuiteRecord[] {
  const dir = join(RESULTS_DIR, mode);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SuiteRecord);
}

function testsCell(r: SuiteRecord): string {
  const by = new Map<string, number>();
  for (const t of r.tests) by.set(t.state, (by.get(t.state) ?? 0) + 1);
  return [...by].map(([state, n]) => `${n} ${state}`).join(', ');
}

/** The markdown table (and notes) for one run size. */
export function table(mode: string, records: SuiteRecord[]): string {
  const bySuite = new Map(records.map((r) => [r.suite, r]));
  const lines: string[] = [];
  const latest =
    records
      .map((r) => r.finishedAt)
      .sort()
      .at(-1) ?? 'n/a';
  const machines = [...new Set(records.map((r) => r.machine))];
  lines.push(`### ${mode === 'long' ? 'Long run' : 'CI run'} — ${latest.slice(0, 10)}`);
  lines.push('');
  lines.push(`Machine: ${machines.join('; ') || 'n/a'}`);
  lines.push('');
  lines.push(`| Promise | Test file | ${COLUMNS.map(([, h]) => h).join(' | ')} | Tests | Time |`);
  lines.push(`|---|---|${COLUMNS.map(() => '---:').join('|')}|---|---:|`);
  const total: Figures = {
    faultsInjected: 0,
    inputsTried: 0,
    crashes: 0,
    leaks: 0,
    secretsFound: 0,
    dataLost: 0,
    wrongRtts: 0,
  };
  for (const p of PROMISES) {
    const r = bySuite.get(p.suite);
    if (!r) {
      lines.push(
        `| ${p.promise} | \`${p.file}\` | ${COLUMNS.map(() => '–').join(' | ')} | not run | |`,
      );
      continue;
    }
    for (const [k] of COLUMNS) total[k] += r.figures[k];
    lines.push(
      `| ${p.promise} | \`${p.file}\` | ${COLUMNS.map(([k]) => r.figures[k].toLocaleString('en')).join(' | ')} | ${testsCell(r)} | ${(r.durationMs / 1000).toFixed(1)} s |`,
    );
  }
  lines.push(
    `| **Total** | | ${COLUMNS.map(([k]) => `**${total[k].toLocaleString('en')}**`).join(' | ')} | | |`,
  );
  lines.push('');
  lines.push('<details><summary>Details per suite</summary>');
  lines.push('');
  for (const p of PROMISES) {
    const r = bySuite.get(p.suite);
    if (!r || Object.keys(r.details).length === 0) continue;
    const d = Object.entries(r.details)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en') : v}`)
      .join('; ');
    lines.push(`- **${p.suite}** — ${d}`);
  }
  lines.push('');
  lines.push('</details>');
  return lines.join('\n');
}

function main(): void {
  const wanted = process.argv[2];
  const modes = wanted ? [wanted] : ['ci', 'long'];
  const summary: Record<string, SuiteRecord[]> = {};
  const out: string[] = [];
  for (const mode of modes) {
    const records = load(mode);
    if (records.length === 0) continue;
    summary[mode] = records;
    out.push(table(mode, records));
  }
  if (out.length === 0) {
    process.stderr.write(`No reliability results under ${RESULTS_DIR}; run the suite first.\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(
    join(REPO_ROOT, 'test-results', 'reliability-summary.json'),
    JSON.stringify(summary, null, 2) + '\n',
  );
  process.stdout.write(out.join('\n\n') + '\n');
}

main();
