/**
 * The survivor list as Markdown, and its place in docs/testing.md: between
 * the two marker comments below, which nothing else writes.
 */
import type { FileFigures, Mutant, Survivor, SurvivorReason } from './survivor-list';

export const START_MARKER = '<!-- mutation-survivors:start -->';
export const END_MARKER = '<!-- mutation-survivors:end -->';

/** How much of a mutant's code and replacement the list shows. */
const SHOWN = 70;

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max = SHOWN): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** An inline code span holding `text` as it is, backticks included. */
export function codeSpan(text: string): string {
  if (text === '') return '(empty)';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function percent(score: number): string {
  return Number.isNaN(score) ? '—' : `${score.toFixed(2)} %`;
}

function figuresRow(f: FileFigures, name: string): string {
  const cells = [
    name,
    String(f.valid),
    String(f.killed),
    String(f.timedOut),
    String(f.survived),
    String(f.noCoverage),
    `**${percent(f.score)}**`,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The per-file table: counts from the report and the score. */
export function figuresTable(files: readonly FileFigures[], total: FileFigures): string {
  const rows = [
    '| file | mutants | killed | timed out | survived | no coverage | score |',
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...files.map((f) => figuresRow(f, codeSpan(f.file))),
    figuresRow(total, '**total**'),
  ];
  const invalid = files.filter((f) => f.invalid > 0);
  if (invalid.length > 0) {
    rows.push(
      '',
      `Not counted (compile or runtime errors of the mutated code): ${invalid
        .map((f) => `${codeSpan(f.file)} ${f.invalid}`)
        .join(', ')}.`,
    );
  }
  return rows.join('\n');
}

function where(m: Mutant): string {
  return m.startLine === m.endLine ? `${m.startLine}` : `${m.startLine}–${m.endLine}`;
}

/** One line per mutant: line, mutator, the code and what it became. */
export function mutantLine(m: Mutant): string {
  const status = m.status === 'NoCoverage' ? ' (no test reaches it)' : '';
  return `${where(m)} ${m.mutator}: ${codeSpan(shorten(m.original))} → ${codeSpan(shorten(m.replacement))}${status}`;
}

function reasonLine(r: SurvivorReason | null): string {
  return r === null
    ? '**no reason yet** (add one in `test/mutation/reasons/`)'
    : `**${r.kind}**: ${r.reason.replace(/\s+/g, ' ').trim()}`;
}

/** The survivors of one file, grouped by reason, groups in the order of their first line. */
function fileSection(file: string, survivors: readonly Survivor[]): string {
  const sorted = [...survivors].sort(
    (a, b) => a.mutant.startLine - b.mutant.startLine || Number(a.mutant.id) - Number(b.mutant.id),
  );
  const groups = new Map<SurvivorReason | null, Mutant[]>();
  for (const s of sorted) {
    const g = groups.get(s.reason);
    if (g) g.push(s.mutant);
    else groups.set(s.reason, [s.mutant]);
  }
  const survived = survivors.filter((s) => s.mutant.status === 'Survived').length;
  const uncovered = survivors.length - survived;
  const lines = [`#### ${codeSpan(file)}: ${survived} survived, ${uncovered} without coverage`, ''];
  for (const [reason, mutants] of groups) {
    lines.push(`- ${reasonLine(reason)}`);
    for (const m of mutants) lines.push(`  - ${mutantLine(m)}`);
  }
  return lines.join('\n');
}

/** The whole generated section, markers included. */
export function survivorSection(
  source: string,
  files: readonly FileFigures[],
  total: FileFigures,
  survivors: readonly Survivor[],
): string {
  const parts = [
    START_MARKER,
    '',
    `<!-- Written by \`npm run test:mutation:survivors\` from ${source}: edit the reasons in test/mutation/reasons/ and run it again, not this list. -->`,
    '',
    figuresTable(files, total),
  ];
  const byFile = new Map<string, Survivor[]>();
  for (const s of survivors) {
    const list = byFile.get(s.mutant.file);
    if (list) list.push(s);
    else byFile.set(s.mutant.file, [s]);
  }
  for (const file of [...byFile.keys()].sort()) {
    parts.push('', fileSection(file, byFile.get(file) ?? []));
  }
  parts.push('', END_MARKER);
  return parts.join('\n');
}

/** `doc` with the text between the markers replaced by `section` (which holds the markers). */
export function replaceSection(doc: string, section: string, docName: string): string {
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(
      `${docName} has no "${START_MARKER}" … "${END_MARKER}" pair: put both marker lines where the survivor list belongs, then run the command again.`,
    );
  }
  return doc.slice(0, start) + section + doc.slice(end + END_MARKER.length);
}
