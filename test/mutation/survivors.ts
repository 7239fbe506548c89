/**
 * The surviving mutants of a mutation run, each with its reason, written into
 * docs/testing.md (docs/testing.md, "Surviving mutants").
 *
 *   npm run test:mutation:survivors                     the last group run's reports (reports/mutation/groups/*.json) → docs/testing.md
 *   npm run test:mutation:survivors -- <report.json> …  other reports (one-file runs), together
 *   npm run test:mutation:survivors -- --check          write nothing; only check the reasons
 *
 * Exits 1 when a survivor has no reason (each is printed with an entry to
 * start from), 2 on bad input; reasons that match nothing any more are
 * printed as warnings.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { REASONS } from './reasons';
import type { Mutant, SurvivorReason } from './survivor-list';
import { checkReasons, figures, matchSurvivors, readMutants } from './survivor-list';
import { figuresBlock, replaceBlock, shorten, survivorsBlock } from './survivor-markdown';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface SurvivorsOptions {
  /** The repository the paths are relative to. */
  root?: string;
  reasons?: readonly SurvivorReason[];
  /** The document with the markers, relative to `root`. */
  doc?: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** An entry to paste into test/mutation/reasons/ and complete. */
function skeleton(m: Mutant): string {
  const code =
    m.original.length <= 80
      ? `code: ${JSON.stringify(m.original)}`
      : `codeStart: ${JSON.stringify(m.original.slice(0, 60))}`;
  return `{ file: ${JSON.stringify(m.file)}, mutator: ${JSON.stringify(m.mutator)}, ${code}, replacement: ${JSON.stringify(m.replacement)}, kind: …, reason: … }`;
}

function describe(r: SurvivorReason): string {
  const code = String(r.code ?? `${String(r.codeStart ?? r.context ?? '')}…`);
  const to = r.replacement === undefined ? '' : ` → ${shorten(String(r.replacement), 50)}`;
  return `${r.file} ${String(r.mutator)} ${shorten(code, 60)}${to}: ${shorten(r.reason, 60)}`;
}

/**
 * The reports of the last `npm run test:mutation` (one per group, in
 * reports/mutation/groups/), or the one report of a single Stryker run when
 * there are none.
 */
function defaultReports(root: string): string[] {
  const dir = 'reports/mutation/groups';
  let names: string[] = [];
  try {
    names = readdirSync(resolve(root, dir)).filter(
      (n) => n.endsWith('.json') && !n.endsWith('.incremental.json'),
    );
  } catch {
    // No group run yet.
  }
  return names.length > 0
    ? names.sort().map((n) => `${dir}/${n}`)
    : ['reports/mutation/mutation.json'];
}

/** Runs the command; resolves to its exit code. */
export async function runSurvivors(
  args: readonly string[],
  options: SurvivorsOptions = {},
): Promise<number> {
  const root = options.root ?? REPO_ROOT;
  const reasons = options.reasons ?? REASONS;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const check = args.includes('--check');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--check');
  const paths = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0) {
    err(
      `Unknown arguments: ${unknown.join(' ')}. Usage: npm run test:mutation:survivors -- [report.json …] [--check]`,
    );
    return 2;
  }
  const reportPaths = (paths.length > 0 ? paths : defaultReports(root)).map((p) =>
    resolve(root, p),
  );
  const docPath = resolve(root, options.doc ?? 'docs/testing.md');

  const problems = checkReasons(reasons);
  if (problems.length > 0) {
    for (const p of problems) err(p);
    return 2;
  }
  const mutants: Mutant[] = [];
  for (const reportPath of reportPaths) {
    let read: Mutant[];
    try {
      read = readMutants(readFileSync(reportPath, 'utf8'), relative(root, reportPath));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      err(
        code === 'ENOENT'
          ? `No mutation report at ${reportPath}: run \`npm run test:mutation\` first, or give the path of a report.`
          : (e as Error).message,
      );
      return 2;
    }
    const twice = [...new Set(read.map((m) => m.file))].filter((f) =>
      mutants.some((m) => m.file === f),
    );
    if (twice.length > 0) {
      err(
        `${relative(root, reportPath)} mutates ${twice.join(', ')} again: give each file's mutants in one report only.`,
      );
      return 2;
    }
    mutants.push(...read);
  }

  const { files, total } = figures(mutants);
  const { survivors, stale } = matchSurvivors(mutants, reasons);
  const missing = survivors.filter((s) => s.reason === null).map((s) => s.mutant);
  out(
    `${files.length} files, ${total.valid} mutants, score ${total.score.toFixed(2)} %; ${survivors.length} survivors, ${survivors.length - missing.length} with a reason.`,
  );
  for (const r of stale) err(`warning: this reason matches no survivor any more: ${describe(r)}`);

  if (!check) {
    let doc: string;
    try {
      doc = readFileSync(docPath, 'utf8');
    } catch (e) {
      err(`Cannot read ${docPath}: ${(e as Error).message}`);
      return 2;
    }
    const source = reportPaths.map((p) => relative(root, p)).join(', ');
    let next: string;
    try {
      const name = relative(root, docPath);
      next = [figuresBlock(source, files, total), survivorsBlock(source, survivors)].reduce(
        (text, block) => replaceBlock(text, block, name),
        doc,
      );
    } catch (e) {
      err((e as Error).message);
      return 2;
    }
    const config = (await prettier.resolveConfig(docPath)) ?? {};
    writeFileSync(docPath, await prettier.format(next, { ...config, filepath: docPath }));
    out(`Wrote the figures and the survivor list into ${relative(root, docPath)}.`);
  }

  if (missing.length > 0) {
    err(
      `${missing.length} survivors have no reason; give each one in test/mutation/reasons/ (or a test that kills it):`,
    );
    for (const m of missing) {
      err(
        `  ${m.file}:${m.startLine} ${m.mutator} ${shorten(m.original, 60)} → ${shorten(m.replacement, 60)} (${m.status})`,
      );
      err(`    ${skeleton(m)}`);
    }
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSurvivors(process.argv.slice(2));
}
