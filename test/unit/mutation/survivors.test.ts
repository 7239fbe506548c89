// The survivor list (test/mutation/survivors.ts) on a small Stryker report:
// test/unit/mutation/fixtures/small-report.json has two files, with mutants
// killed, timed out, survived, never reached and broken.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import type { SurvivorReason } from '../../mutation/survivor-list';
import { runSurvivors } from '../../mutation/survivors';
import { useTempDirs } from '../../support/temp-dir-per-test';

const FIXTURE = join(import.meta.dirname, 'fixtures/small-report.json');
const tempDir = useTempDirs('shardwatch-survivors-');

const DOC = [
  '# Testing',
  '',
  'Text before the figures.',
  '',
  '<!-- mutation-figures:start -->',
  'old figures',
  '<!-- mutation-figures:end -->',
  '',
  'Text between.',
  '',
  '<!-- mutation-survivors:start -->',
  'an old list',
  '<!-- mutation-survivors:end -->',
  '',
  'Text after the list.',
  '',
].join('\n');

/** A reason for every survivor of the fixture. */
const ALL: SurvivorReason[] = [
  {
    file: 'src/limits.ts',
    mutator: 'EqualityOperator',
    code: 'size > max',
    replacement: 'size >= max',
    kind: 'harmless',
    reason: 'a size equal to the limit is one byte',
  },
  {
    file: 'src/limits.ts',
    mutator: 'StringLiteral',
    code: "'limits'",
    kind: 'equivalent',
    reason: 'the name is never read',
  },
  {
    file: 'src/other.ts',
    mutator: 'StringLiteral',
    code: "''",
    replacement: '"Stryker was here!"',
    kind: 'equivalent',
    reason: 'both blanks are placeholders',
  },
];

interface Run {
  code: number;
  out: string;
  err: string;
  doc: string;
}

/** Runs the command in a fresh folder holding `report` and the document. */
async function run(
  reasons: readonly SurvivorReason[],
  args: string[] = [],
  report = readFileSync(FIXTURE, 'utf8'),
  doc = DOC,
): Promise<Run> {
  const root = tempDir();
  writeFileSync(join(root, 'report.json'), report);
  writeFileSync(join(root, 'testing.md'), doc);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSurvivors(['report.json', ...args], {
    root,
    reasons,
    doc: 'testing.md',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return {
    code,
    out: out.join('\n'),
    err: err.join('\n'),
    doc: readFileSync(join(root, 'testing.md'), 'utf8'),
  };
}

/** The fixture with `n` lines added at the top of every file (unrelated edits). */
function shifted(n: number): string {
  const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    files: Record<
      string,
      {
        source: string;
        mutants: Array<{ location: { start: { line: number }; end: { line: number } } }>;
      }
    >;
  };
  for (const file of Object.values(report.files)) {
    file.source = '// a comment\n'.repeat(n) + file.source;
    for (const m of file.mutants) {
      m.location.start.line += n;
      m.location.end.line += n;
    }
  }
  return JSON.stringify(report);
}

describe('npm run test:mutation:survivors', () => {
  it('lists every survivor and mutant no test reaches that has no reason, and fails', async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('4 survivors have no reason');
    expect(r.err).toContain('src/limits.ts:2 EqualityOperator size > max → size >= max (Survived)');
    expect(r.err).toContain('src/limits.ts:4 StringLiteral \'limits\' → "" (NoCoverage)');
    expect(r.err).toContain('src/other.ts:1 StringLiteral \'\' → "Stryker was here!" (Survived)');
    expect(r.err).toContain('src/other.ts:5 StringLiteral \'\' → "Stryker was here!" (Survived)');
    // Killed, timed-out and broken mutants are not survivors.
    expect(r.err).not.toContain('ConditionalExpression');
    expect(r.err).not.toContain('BlockStatement');
    expect(r.err).not.toContain('RuntimeError');
    // Each comes with an entry to start from.
    expect(r.err).toContain(
      '{ file: "src/limits.ts", mutator: "EqualityOperator", code: "size > max", replacement: "size >= max", kind: …, reason: … }',
    );
    // The list is still written, saying which have no reason.
    expect(r.doc).toContain('**no reason yet**');
    expect(r.doc).toContain('4 survivors: 4 without a reason.');
  });

  it('writes the figures and every survivor with its reason, each between its markers', async () => {
    const r = await run(ALL);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('2 files, 7 mutants, score 42.86 %; 4 survivors, 4 with a reason.');
    const [before, figures, between, list, after] = r.doc.split(
      /<!-- mutation-\w+:(?:start|end) -->/,
    );
    expect(before).toBe('# Testing\n\nText before the figures.\n\n');
    expect(between).toBe('\n\nText between.\n\n');
    expect(after).toBe('\n\nText after the list.\n');
    expect(r.doc).not.toContain('old figures');
    expect(r.doc).not.toContain('an old list');
    expect(list).not.toContain('| ');
    expect(list).toContain('4 survivors: 3 equivalent, 1 harmless.');
    const rows = (figures ?? '')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| -'));
    // Per file: mutants, killed, timed out, survived, no coverage, score;
    // the runtime error is not counted but named.
    expect(rows.map((l) => l.replace(/\s+/g, ' '))).toEqual([
      '| file | mutants | killed | timed out | survived | no coverage | score |',
      '| `src/limits.ts` | 4 | 1 | 1 | 1 | 1 | **50.00 %** |',
      '| `src/other.ts` | 3 | 1 | 0 | 2 | 0 | **33.33 %** |',
      '| **total** | 7 | 2 | 1 | 3 | 1 | **42.86 %** |',
    ]);
    expect(r.doc).toContain(
      'Not counted (compile or runtime errors of the mutated code): `src/other.ts` 1.',
    );
    expect(r.doc).toContain('#### `src/limits.ts`: 1 survived, 1 without coverage');
    expect(r.doc).toContain(
      '- **harmless**: a size equal to the limit is one byte\n  - 2 EqualityOperator: `size > max` → `size >= max`',
    );
    expect(r.doc).toContain(
      '- **equivalent**: the name is never read\n  - 4 StringLiteral: `\'limits\'` → `""` (no test reaches it)',
    );
    // One reason covers both mutants it names.
    expect(r.doc).toContain(
      [
        '- **equivalent**: both blanks are placeholders',
        '  - 1 StringLiteral: `\'\'` → `"Stryker was here!"`',
        '  - 5 StringLiteral: `\'\'` → `"Stryker was here!"`',
      ].join('\n'),
    );
    // What it writes is already formatted: `npm run lint` (prettier --check) passes.
    expect(
      await prettier.check(r.doc, { filepath: 'testing.md', singleQuote: true, printWidth: 100 }),
    ).toBe(true);
  });

  it('still finds the reasons after lines were added above the mutants', async () => {
    const before = await run(ALL);
    const after = await run(ALL, [], shifted(5));
    expect(after.code).toBe(0);
    expect(after.err).toBe('');
    expect(after.doc).toContain('  - 7 EqualityOperator: `size > max` → `size >= max`');
    expect(after.doc.replace(/\n {2}- \d+ /g, '\n  - N ')).toBe(
      before.doc.replace(/\n {2}- \d+ /g, '\n  - N '),
    );
  });

  it('tells apart the same code in two places by the text of its line', async () => {
    const onlyB: SurvivorReason = { ...ALL[2]!, context: "const b = ''" };
    const r = await run([ALL[0]!, ALL[1]!, onlyB]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('1 survivors have no reason');
    expect(r.err).toContain("src/other.ts:1 StringLiteral ''");
    expect(r.err).not.toContain('src/other.ts:5');
  });

  it('warns about a reason that matches nothing any more, without failing', async () => {
    const gone: SurvivorReason = {
      file: 'src/limits.ts',
      mutator: 'ConditionalExpression',
      code: 'size > max',
      kind: 'equivalent',
      reason: 'killed now',
    };
    // A reason for a file this report did not mutate (a one-module run) is not stale.
    const elsewhere: SurvivorReason = { ...gone, file: 'src/elsewhere.ts' };
    const r = await run([...ALL, gone, elsewhere]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'warning: this reason matches no survivor any more: src/limits.ts ConditionalExpression size > max: killed now',
    );
  });

  it('with --check writes nothing', async () => {
    const r = await run([], ['--check']);
    expect(r.code).toBe(1);
    expect(r.doc).toBe(DOC);
  });

  it('refuses a reason that says not where its mutants are, which would hide every new survivor of its mutator', async () => {
    const loose: SurvivorReason = {
      file: 'src/other.ts',
      mutator: 'StringLiteral',
      kind: 'equivalent',
      reason: 'all strings',
    };
    const r = await run([loose]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'reason 1 (src/other.ts, StringLiteral) says not where: give "code", "codeStart" or "context".',
    );
    expect(r.doc).toBe(DOC);
  });

  it("reads the last group run's reports when given none, and not the incremental caches beside them", async () => {
    const root = tempDir();
    const groups = join(root, 'reports/mutation/groups');
    mkdirSync(groups, { recursive: true });
    const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { files: Record<string, unknown> };
    for (const file of Object.keys(report.files)) {
      const one = { ...report, files: { [file]: report.files[file] } };
      writeFileSync(join(groups, `${file.replace(/\W/g, '-')}.json`), JSON.stringify(one));
    }
    writeFileSync(join(groups, 'a.incremental.json'), 'not a report');
    writeFileSync(join(root, 'testing.md'), DOC);
    const out: string[] = [];
    const code = await runSurvivors([], {
      root,
      reasons: ALL,
      doc: 'testing.md',
      out: (l) => out.push(l),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^2 files, 7 mutants, /);
    expect(readFileSync(join(root, 'testing.md'), 'utf8')).toContain(
      'reports/mutation/groups/src-limits-ts.json, reports/mutation/groups/src-other-ts.json',
    );
  });

  it('says what is wrong with a missing report, a file that is not one, or a document without markers', async () => {
    const root = tempDir();
    const err: string[] = [];
    const missing = await runSurvivors([], { root, reasons: ALL, err: (l) => err.push(l) });
    expect(missing).toBe(2);
    expect(err[0]).toBe(
      `No mutation report at ${join(root, 'reports/mutation/mutation.json')}: run \`npm run test:mutation\` first, or give the path of a report.`,
    );

    const notJson = await run(ALL, [], 'Mutation testing 40% …');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(
      /^report\.json is not JSON \(.*\)\. Run `npm run test:mutation` to make a new report/,
    );

    const noFiles = await run(ALL, [], '{"schemaVersion":"1.0"}');
    expect(noFiles.err).toMatch(
      /^report\.json has no "files": it is not a Stryker mutation report\./,
    );

    const noMarkers = await run(ALL, [], undefined, '# Testing\n');
    expect(noMarkers.code).toBe(2);
    expect(noMarkers.err).toBe(
      'testing.md has no "<!-- mutation-figures:start -->" … "<!-- mutation-figures:end -->" pair: put both marker lines where the per-file scores belong, then run the command again.',
    );
    expect(noMarkers.doc).toBe('# Testing\n');

    const args = await run(ALL, ['--write']);
    expect(args.code).toBe(2);
    expect(args.err).toBe(
      'Unknown arguments: --write. Usage: npm run test:mutation:survivors -- [report.json …] [--check]',
    );

    const same = await run(ALL, ['report.json']);
    expect(same.code).toBe(2);
    expect(same.err).toBe(
      "report.json mutates src/limits.ts, src/other.ts again: give each file's mutants in one report only.",
    );
  });

  it('takes several reports (one-file runs) together', async () => {
    const full = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { files: Record<string, unknown> };
    const root = tempDir();
    const limits = { ...full, files: { 'src/limits.ts': full.files['src/limits.ts'] } };
    const other = { ...full, files: { 'src/other.ts': full.files['src/other.ts'] } };
    writeFileSync(join(root, 'limits.json'), JSON.stringify(limits));
    writeFileSync(join(root, 'other.json'), JSON.stringify(other));
    writeFileSync(join(root, 'testing.md'), DOC);
    const out: string[] = [];
    const code = await runSurvivors(['limits.json', 'other.json'], {
      root,
      reasons: ALL,
      doc: 'testing.md',
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    expect(out[0]).toBe('2 files, 7 mutants, score 42.86 %; 4 survivors, 4 with a reason.');
    const doc = readFileSync(join(root, 'testing.md'), 'utf8');
    expect(doc).toContain('from limits.json, other.json');
    expect(doc).toContain('#### `src/limits.ts`');
    expect(doc).toContain('#### `src/other.ts`');
  });
});
