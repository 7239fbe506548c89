/**
 * `npm run test:mutation`: the whole mutation scope, one group at a time
 * (docs/testing.md, "Mutation").
 *
 *   npm run test:mutation                                every group, then the survivor list
 *   npm run test:mutation -- --group "alert rules"       one group (repeat, or separate with commas)
 *   npm run test:mutation -- --incremental               only what changed since each group's last run
 *   npm run test:mutation -- --list                      the groups and their files
 *
 * Why not one Stryker run over the whole scope: Stryker runs a mutant of
 * module-level code (a "static" mutant, which per-test coverage cannot
 * narrow) against every test of the run. In one run over the union of the
 * groups' tests that was a quarter of the mutants and most of the time (5.5 h
 * estimated after 89 min, 2026-12-03). Run group by group, a static mutant
 * runs only its own group's tests. Each group writes
 * reports/mutation/groups/<group>.json; when every group has run, their
 * reports go together to the survivor list (test/mutation/survivors.ts),
 * which writes the figures into docs/testing.md.
 *
 * Exits 0 when every group ran and every survivor has a reason, 1 when a
 * group failed or a survivor has no reason, 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import * as prettier from 'prettier';
import { figures, readMutants } from './survivor-list';
import { replaceBlock } from './survivor-markdown';
import type { FileFigures } from './survivor-list';
import { runSurvivors } from './survivors';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** One part of the scope, as stryker.config.mjs declares it. */
export interface MutationGroup {
  name: string;
  mutate: readonly string[];
  tests: readonly string[];
}

/** What one group's run gave. */
export interface GroupResult {
  name: string;
  report: string;
  exitCode: number;
  seconds: number;
  loadBefore: number;
  loadAfter: number;
  figures: FileFigures | null;
}

export interface RunGroupsOptions {
  root?: string;
  groups: readonly MutationGroup[];
  /** Where Stryker writes a group's JSON report, relative to `root` (stryker.config.mjs decides). */
  reportOf: (name: string) => string;
  /** Runs Stryker for one group; resolves to its exit code. */
  runStryker?: (group: MutationGroup, incremental: boolean, root: string) => Promise<number>;
  survivors?: (args: readonly string[]) => Promise<number>;
  /** The commit the run is on, for the record; null when unknown. */
  commit?: () => string | null;
  /** The document the whole run's record is written into, relative to `root`. */
  doc?: string;
  now?: () => number;
  load?: () => number;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE =
  'Usage: npm run test:mutation -- [--group <name>[,<name>…]]… [--incremental] [--list]';

function defaultRunStryker(
  group: MutationGroup,
  incremental: boolean,
  root: string,
): Promise<number> {
  const bin = resolve(root, 'node_modules/.bin/stryker');
  return new Promise((done) => {
    const child = spawn(bin, ['run', ...(incremental ? ['--incremental'] : [])], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, SHARDWATCH_MUTATION_GROUP: group.name },
    });
    child.on('error', (e) => {
      process.stderr.write(
        `Could not start Stryker (${bin}): ${e.message}. Run \`npm ci\` first.\n`,
      );
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal === null ? 1 : 128)));
  });
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

/** The whole run's record for docs/testing.md: when, on what, and each group's figures and time. */
export function runRecord(
  startedAt: number,
  seconds: number,
  commit: string | null,
  groups: readonly MutationGroup[],
  results: readonly GroupResult[],
): string {
  const when = new Date(startedAt).toISOString().slice(0, 16).replace('T', ' ');
  const rows = results.map((r) => {
    const f = r.figures;
    const files = (groups.find((g) => g.name === r.name)?.mutate ?? [])
      .map((m) => `\`${m}\``)
      .join(', ');
    return f === null
      ? `| ${r.name} | ${files} | — | — | — | failed | ${minutes(r.seconds)} | ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)} |`
      : `| ${r.name} | ${files} | ${f.valid} | ${f.killed + f.timedOut} | ${f.survived + f.noCoverage} | ${f.score.toFixed(2)} % | ${minutes(r.seconds)} | ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)} |`;
  });
  return [
    '<!-- Written by `npm run test:mutation` after a run of every group: run it again, not this text. -->',
    '',
    `Started ${when} UTC${commit === null ? '' : ` on \`${commit}\``}, every group one after another: **${minutes(seconds)}** in all.`,
    '',
    '| group | mutated | mutants | killed or timed out | survivors | score | time | load average (start → end) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
}

function minutes(seconds: number): string {
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole - m * 60;
  return m === 0 ? `${s} s` : `${m} min ${s} s`;
}

/** Runs the command; resolves to its exit code. */
export async function runGroups(
  args: readonly string[],
  options: RunGroupsOptions,
): Promise<number> {
  const root = options.root ?? REPO_ROOT;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => Date.now());
  const load = options.load ?? (() => loadavg()[0] ?? 0);
  const runStryker = options.runStryker ?? defaultRunStryker;
  const survivors = options.survivors ?? ((a: readonly string[]) => runSurvivors(a, { root }));

  const names: string[] = [];
  let incremental = false;
  let list = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--incremental') incremental = true;
    else if (a === '--list') list = true;
    else if (a === '--group' || a.startsWith('--group=')) {
      const value = a === '--group' ? args[++i] : a.slice('--group='.length);
      if (value === undefined || value.trim() === '') {
        err(`--group needs a group's name. ${USAGE}`);
        return 2;
      }
      names.push(...value.split(',').map((n) => n.trim()));
    } else if (a === '--mutate' || a === '-m' || a.startsWith('--mutate=')) {
      err(
        'To mutate single files, run Stryker directly: npx stryker run --mutate <file> (it runs the tests of the groups that name the file).',
      );
      return 2;
    } else {
      err(`Unknown argument: ${a}. ${USAGE}`);
      return 2;
    }
  }

  if (list) {
    for (const g of options.groups) out(`${g.name}: ${g.mutate.join(', ')}`);
    return 0;
  }
  const unknown = names.filter((n) => !options.groups.some((g) => g.name === n));
  if (unknown.length > 0) {
    err(
      `No mutation group named ${unknown.map((n) => `"${n}"`).join(', ')}. The groups are: ${options.groups.map((g) => `"${g.name}"`).join(', ')} (npm run test:mutation -- --list).`,
    );
    return 2;
  }
  const selected =
    names.length === 0 ? options.groups : options.groups.filter((g) => names.includes(g.name));

  const results: GroupResult[] = [];
  const started = now();
  for (const [i, group] of selected.entries()) {
    out(
      `\n── mutation group ${i + 1} of ${selected.length}: ${group.name} (${group.mutate.join(', ')})`,
    );
    const t0 = now();
    const loadBefore = load();
    const exitCode = await runStryker(group, incremental, root);
    const report = options.reportOf(group.name);
    let f: FileFigures | null = null;
    if (exitCode === 0) {
      try {
        f = figures(readMutants(readFileSync(resolve(root, report), 'utf8'), report)).total;
      } catch (e) {
        err(
          `${group.name}: Stryker finished but its report could not be read: ${(e as Error).message}`,
        );
      }
    } else {
      err(`${group.name}: Stryker exited with ${exitCode}; see its output above.`);
    }
    results.push({
      name: group.name,
      report,
      exitCode,
      seconds: (now() - t0) / 1000,
      loadBefore,
      loadAfter: load(),
      figures: f,
    });
  }
  const seconds = (now() - started) / 1000;

  out('\nMutation groups:');
  for (const r of results) {
    const f = r.figures;
    const score =
      f === null
        ? 'failed'
        : `${f.valid} mutants, ${f.survived + f.noCoverage} survivors, ${f.score.toFixed(1)} %`;
    out(
      `  ${r.name}: ${score}; ${minutes(r.seconds)}, load ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
    );
  }
  out(`All ${results.length} groups: ${minutes(seconds)}.`);
  const summary = resolve(root, 'reports/mutation/run.json');
  mkdirSync(dirname(summary), { recursive: true });
  writeFileSync(
    summary,
    `${JSON.stringify({ startedAt: new Date(started).toISOString(), seconds, incremental, groups: results }, null, 2)}\n`,
  );

  if (results.some((r) => r.figures === null)) {
    err('Not every group gave a report, so the survivor list was not written.');
    return 1;
  }
  // The whole scope's figures and survivors, together: written into
  // docs/testing.md after a run of every group; only checked after a part.
  const whole = names.length === 0;
  if (whole) {
    const docPath = resolve(root, options.doc ?? 'docs/testing.md');
    const commit = (options.commit ?? (() => gitCommit(root)))();
    const record = runRecord(started, seconds, commit, selected, results);
    try {
      const doc = replaceBlock(
        readFileSync(docPath, 'utf8'),
        { name: 'mutation-run', where: "the whole run's time belongs", body: record },
        relative(root, docPath),
      );
      const config = (await prettier.resolveConfig(docPath)) ?? {};
      writeFileSync(docPath, await prettier.format(doc, { ...config, filepath: docPath }));
      out(`Wrote the run's time and figures into ${relative(root, docPath)}.`);
    } catch (e) {
      err((e as Error).message);
      return 2;
    }
  }
  const code = await survivors([...results.map((r) => r.report), ...(whole ? [] : ['--check'])]);
  if (!whole) {
    out(
      `Only some groups ran, so docs/testing.md was not changed. To write the figures of these reports: npm run test:mutation:survivors -- ${results
        .map((r) => relative(root, resolve(root, r.report)))
        .join(' ')} plus the other groups' reports.`,
    );
  }
  return code;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The config module sets the test list for the Stryker process it configures; the driver only reads its groups.
  const config = await import('../../stryker.config.mjs');
  delete process.env['SHARDWATCH_MUTATION_TESTS'];
  process.exitCode = await runGroups(process.argv.slice(2), {
    groups: config.GROUPS,
    reportOf: config.groupReport,
  });
}
