// `npm run test:mutation` (test/mutation/run-groups.ts): the scope's groups
// run one after another, each writing its own report, and the reports go
// together to the survivor list. Stryker itself is replaced by a function
// that writes one file of the small fixture report per group.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MutationGroup, RunGroupsOptions } from '../../mutation/run-groups';
import { runGroups } from '../../mutation/run-groups';
import { runSurvivors } from '../../mutation/survivors';
import { useTempDirs } from '../../support/temp-dir-per-test';

const FIXTURE = join(import.meta.dirname, 'fixtures/small-report.json');
const tempDir = useTempDirs('shardwatch-run-groups-');

const GROUPS: MutationGroup[] = [
  { name: 'limits', mutate: ['src/limits.ts'], tests: ['test/limits.test.ts'] },
  { name: 'the other one', mutate: ['src/other.ts'], tests: ['test/other.test.ts'] },
];

const DOC = [
  '# Testing',
  '',
  '<!-- mutation-run:start -->',
  'an old run',
  '<!-- mutation-run:end -->',
  '',
  '<!-- mutation-figures:start -->',
  '<!-- mutation-figures:end -->',
  '',
  '<!-- mutation-survivors:start -->',
  '<!-- mutation-survivors:end -->',
  '',
].join('\n');

const reportOf = (name: string): string => `reports/groups/${name.replace(/ /g, '-')}.json`;

/** The fixture report cut down to the files `group` mutates. */
function reportFor(group: MutationGroup): string {
  const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { files: Record<string, unknown> };
  report.files = Object.fromEntries(
    Object.entries(report.files).filter(([file]) => group.mutate.includes(file)),
  );
  return JSON.stringify(report);
}

interface Run {
  code: number;
  out: string;
  err: string;
  ran: Array<{ name: string; incremental: boolean }>;
  survivorArgs: string[][];
  root: string;
  doc: string;
}

async function run(
  args: string[],
  opts: {
    exitCodes?: Record<string, number>;
    writeReport?: boolean;
    survivorsCode?: number;
    doc?: string;
  } = {},
): Promise<Run> {
  const root = tempDir();
  writeFileSync(join(root, 'testing.md'), opts.doc ?? DOC);
  const out: string[] = [];
  const err: string[] = [];
  const ran: Run['ran'] = [];
  const survivorArgs: string[][] = [];
  let clock = 0;
  const options: RunGroupsOptions = {
    root,
    groups: GROUPS,
    reportOf,
    runStryker: (group, incremental) => {
      ran.push({ name: group.name, incremental });
      // 119.6 s is shown as 2 min 0 s, never "1 min 60 s".
      clock += group.name === 'limits' ? 119_600 : 60_400;
      const code = opts.exitCodes?.[group.name] ?? 0;
      if (code === 0 && opts.writeReport !== false) {
        const path = join(root, reportOf(group.name));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, reportFor(group));
      }
      return Promise.resolve(code);
    },
    survivors: (a) => {
      survivorArgs.push([...a]);
      return Promise.resolve(opts.survivorsCode ?? 0);
    },
    doc: 'testing.md',
    commit: () => 'abc1234',
    now: () => clock,
    load: () => 1.5,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  const code = await runGroups(args, options);
  const doc = readFileSync(join(root, 'testing.md'), 'utf8');
  return { code, out: out.join('\n'), err: err.join('\n'), ran, survivorArgs, root, doc };
}

describe('npm run test:mutation, group by group', () => {
  it('runs every group in turn and gives all their reports to the survivor list', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.ran.map((g) => g.name)).toEqual(['limits', 'the other one']);
    expect(r.survivorArgs).toEqual([
      ['reports/groups/limits.json', 'reports/groups/the-other-one.json'],
    ]);
    // Each group's figures and time, then the whole run's time.
    expect(r.out).toContain('limits: 4 mutants, 2 survivors, 50.0 %; 2 min 0 s, load 1.5 → 1.5');
    expect(r.out).toContain('the other one: 3 mutants, 2 survivors, 33.3 %; 1 min 0 s');
    expect(r.out).toContain('All 2 groups: 3 min 0 s.');
    const summary = JSON.parse(readFileSync(join(r.root, 'reports/mutation/run.json'), 'utf8')) as {
      seconds: number;
      groups: Array<{ name: string; seconds: number }>;
    };
    expect(summary.seconds).toBe(180);
    expect(summary.groups.map((g) => [g.name, g.seconds])).toEqual([
      ['limits', 119.6],
      ['the other one', 60.4],
    ]);
    // The record of the whole run, in the document, in place of the old one.
    expect(r.doc).not.toContain('an old run');
    expect(r.doc).toContain(
      'Started 1970-01-01 00:00 UTC on `abc1234`, every group one after another: **3 min 0 s** in all.',
    );
    expect(r.doc).toMatch(
      /\| limits +\| `src\/limits.ts` +\| +4 \| +2 \| +2 \| 50.00 % \| 2 min 0 s \| 1.5 → 1.5 +\|/,
    );
    expect(r.doc).toMatch(/\| the other one +\| `src\/other.ts` +\| +3 \| +1 \| +2 \| 33.33 % \|/);
  });

  it('says where the record goes when the document has no place for it', async () => {
    const r = await run([], { doc: '# Testing\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('testing.md has no "<!-- mutation-run:start -->"');
    expect(r.survivorArgs).toEqual([]);
  });

  it('passes the survivor list’s verdict on: a survivor without a reason fails the run', async () => {
    expect((await run([], { survivorsCode: 1 })).code).toBe(1);
  });

  it('writes real figures: the survivor list reads the groups’ reports as one scope', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'testing.md'), DOC);
    const out: string[] = [];
    const code = await runGroups([], {
      root,
      groups: GROUPS,
      reportOf,
      runStryker: (group) => {
        const path = join(root, reportOf(group.name));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, reportFor(group));
        return Promise.resolve(0);
      },
      survivors: (a) =>
        runSurvivors(a, {
          root,
          reasons: [],
          doc: 'testing.md',
          out: (l) => out.push(l),
          err: () => {},
        }),
      doc: 'testing.md',
      commit: () => null,
      out: () => {},
      err: () => {},
    });
    // The fixture's four survivors have no reason here.
    expect(code).toBe(1);
    expect(out.join('\n')).toContain(
      '2 files, 7 mutants, score 42.86 %; 4 survivors, 0 with a reason.',
    );
    const doc = readFileSync(join(root, 'testing.md'), 'utf8');
    expect(doc).toContain('src/limits.ts');
    expect(doc).toContain('src/other.ts');
  });

  it('runs only the groups named with --group, and then only checks the survivors', async () => {
    const r = await run(['--group', 'the other one', '--incremental']);
    expect(r.code).toBe(0);
    expect(r.ran).toEqual([{ name: 'the other one', incremental: true }]);
    expect(r.survivorArgs).toEqual([['reports/groups/the-other-one.json', '--check']]);
    expect(r.out).toContain('Only some groups ran, so docs/testing.md was not changed.');
  });

  it('goes on after a group fails, names it, and writes no survivor list', async () => {
    const r = await run([], { exitCodes: { limits: 1 } });
    expect(r.code).toBe(1);
    expect(r.ran.map((g) => g.name)).toEqual(['limits', 'the other one']);
    expect(r.err).toContain('limits: Stryker exited with 1');
    expect(r.out).toContain('limits: failed');
    expect(r.err).toContain('Not every group gave a report, so the survivor list was not written.');
    expect(r.survivorArgs).toEqual([]);
  });

  it('says when Stryker finished without a report', async () => {
    const r = await run(['--group=limits'], { writeReport: false });
    expect(r.code).toBe(1);
    expect(r.err).toContain('limits: Stryker finished but its report could not be read');
  });

  it('refuses unknown arguments and group names, saying what there is', async () => {
    const unknownGroup = await run(['--group', 'limits,nope']);
    expect(unknownGroup.code).toBe(2);
    expect(unknownGroup.err).toContain(
      'No mutation group named "nope". The groups are: "limits", "the other one"',
    );
    expect(unknownGroup.ran).toEqual([]);

    const unknownArg = await run(['--fast']);
    expect(unknownArg.code).toBe(2);
    expect(unknownArg.err).toContain('Unknown argument: --fast. Usage: npm run test:mutation --');

    const empty = await run(['--group']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("--group needs a group's name");

    const mutate = await run(['--mutate', 'src/limits.ts']);
    expect(mutate.code).toBe(2);
    expect(mutate.err).toContain('npx stryker run --mutate <file>');
    expect(mutate.ran).toEqual([]);
  });

  it('lists the groups and their files with --list, running nothing', async () => {
    const r = await run(['--list']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('limits: src/limits.ts\nthe other one: src/other.ts');
    expect(r.ran).toEqual([]);
  });
});
