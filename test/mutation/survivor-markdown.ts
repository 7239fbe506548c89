/**
 * The report's figures and the survivor list as Markdown, and their places
 * in docs/testing.md: each between two marker comments (`<!-- name:start -->`,
 * `<!-- name:end -->`), which nothing else writes.
 */
import type { FileFigures, Mutant, Survivor, SurvivorReason } from './survivor-list';

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

/** One of the generated blocks of the document, between its marker comments. */
export interface Block {
  name: 'mutation-figures' | 'mutation-survivors' | 'mutation-run';
  /** Where it belongs, for the message when its markers are missing. */
  where: string;
  body: string;
}

function note(source: string): string {
  return `<!-- Written by \`npm run test:mutation:survivors\` from ${source}: edit test/mutation/reasons/ and run it again, not this text. -->`;
}

/** The per-file figures of the report. */
export function figuresBlock(
  source: string,
  files: readonly FileFigures[],
  total: FileFigures,
): Block {
  return {
    name: 'mutation-figures',
    where: 'the per-file scores belong',
    body: [note(source), '', figuresTable(files, total)].join('\n'),
  };
}

const KINDS: ReadonlyArray<[SurvivorReason['kind'] | null, string]> = [
  ['equivalent', 'equivalent'],
  ['harmless', 'harmless'],
  ['gap', 'gaps no test here can show'],
  ['killed since', 'killed by tests written after the run'],
  [null, 'without a reason'],
];

/** How many survivors have each kind of reason. */
function kindSummary(survivors: readonly Survivor[]): string {
  const counts = KINDS.map(
    ([kind, words]) =>
      [survivors.filter((s) => (s.reason?.kind ?? null) === kind).length, words] as const,
  ).filter(([n]) => n > 0);
  return `${survivors.length} survivors: ${counts.map(([n, words]) => `${n} ${words}`).join(', ')}.`;
}

/** Every survivor with its reason, by file. */
export function survivorsBlock(source: string, survivors: readonly Survivor[]): Block {
  const parts = [note(source)];
  const byFile = new Map<string, Survivor[]>();
  for (const s of survivors) {
    const list = byFile.get(s.mutant.file);
    if (list) list.push(s);
    else byFile.set(s.mutant.file, [s]);
  }
  if (survivors.length > 0) parts.push('', kindSummary(survivors));
  for (const file of [...byFile.keys()].sort()) {
    parts.push('', fileSection(file, byFile.get(file) ?? []));
  }
  if (byFile.size === 0) parts.push('', 'No mutant survived.');
  return { name: 'mutation-survivors', where: 'the survivor list belongs', body: parts.join('\n') };
}

/** `doc` with the text between the block's two marker comments replaced by its body. */
export function replaceBlock(doc: string, block: Block, docName: string): string {
  const open = `<!-- ${block.name}:start -->`;
  const close = `<!-- ${block.name}:end -->`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(
      `${docName} has no "${open}" … "${close}" pair: put both marker lines where ${block.where}, then run the command again.`,
    );
  }
  return `${doc.slice(0, start + open.length)}\n\n${block.body}\n\n${doc.slice(end)}`;
}
