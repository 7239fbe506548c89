/**
 * The surviving mutants of a Stryker run, each with the reason it may stay
 * (docs/testing.md, "Surviving mutants"). Pure functions: `survivors.ts` is
 * the command that reads the files and writes the document.
 *
 * A reason names its mutants by what survives unrelated edits: the file, the
 * mutator, the code of the mutated range and (optionally) the replacement and
 * a piece of the lines around it; never by line number.
 */

/** What a reason says about its mutants. */
export type SurvivorKind =
  /** No input can tell the mutant from the code. */
  | 'equivalent'
  /** A difference no user would notice (speed, memory, a log line, a guard for an impossible state). */
  | 'harmless'
  /** A real difference no test here can show (say where it is tested, or why it cannot be). */
  | 'gap'
  /** Killed by a test written after the run; the next run confirms it. */
  | 'killed since';

/** One reason, covering every surviving mutant it matches. */
export interface SurvivorReason {
  /** The mutated file, relative to the repository. */
  file: string;
  /** Stryker's mutator name (`ConditionalExpression`, `StringLiteral`…), or several. */
  mutator: string | readonly string[];
  /** The code of the mutated range, exactly (blanks and line breaks ignored), or several. */
  code?: string | readonly string[];
  /** Or the start of it, for long ranges (a removed block), or several. */
  codeStart?: string | readonly string[];
  /** The replacement Stryker made (blanks ignored), or several; any replacement when left out. */
  replacement?: string | readonly string[];
  /**
   * Text that must occur on the line(s) of the mutant or the {@link CONTEXT_LINES}
   * lines before and after, when `code` alone is found in several places (or
   * instead of `code`, for every mutant of the mutator there).
   */
  context?: string;
  kind: SurvivorKind;
  reason: string;
}

/** The statuses Stryker gives a mutant (mutation-testing-report-schema 1.0). */
export type MutantStatus =
  | 'Killed'
  | 'Survived'
  | 'NoCoverage'
  | 'Timeout'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';

/** A mutant as this tool uses it: where, what, and the code it replaced. */
export interface Mutant {
  file: string;
  id: string;
  mutator: string;
  status: MutantStatus;
  replacement: string;
  startLine: number;
  endLine: number;
  /** The code of the mutated range in the report's copy of the source. */
  original: string;
  /** The lines the mutant spans and {@link CONTEXT_LINES} lines either side. */
  lines: string;
}

/** Counts of one file (or the total) and its score. */
export interface FileFigures {
  file: string;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  /** Compile and runtime errors, ignored and pending mutants: not counted in the score. */
  invalid: number;
  /** Killed + timed out + survived + no coverage. */
  valid: number;
  /** (killed + timed out) ÷ valid, in per cent; NaN without valid mutants. */
  score: number;
}

/** A mutant that survived (or that no test reached) and the reason found for it, if any. */
export interface Survivor {
  mutant: Mutant;
  reason: SurvivorReason | null;
}

export interface SurvivorMatch {
  survivors: Survivor[];
  /** Reasons for a file of the report that match none of its survivors any more. */
  stale: SurvivorReason[];
}

/** Lines either side of a mutant that a reason's `context` may be found on. */
export const CONTEXT_LINES = 2;

const STATUSES: readonly MutantStatus[] = [
  'Killed',
  'Survived',
  'NoCoverage',
  'Timeout',
  'CompileError',
  'RuntimeError',
  'Ignored',
  'Pending',
];

/** A mutant's place in its file: 1-based lines and columns, end column exclusive. */
interface Position {
  line: number;
  column: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function position(v: unknown, where: string): Position {
  if (!isRecord(v) || !Number.isInteger(v['line']) || !Number.isInteger(v['column'])) {
    throw new Error(`${where}: a location needs whole-number "line" and "column".`);
  }
  return { line: v['line'] as number, column: v['column'] as number };
}

/** The source text from `start` to `end` (exclusive). */
function slice(lines: readonly string[], start: Position, end: Position): string {
  if (start.line === end.line) {
    return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  }
  const parts = [(lines[start.line - 1] ?? '').slice(start.column - 1)];
  for (let l = start.line + 1; l < end.line; l++) parts.push(lines[l - 1] ?? '');
  parts.push((lines[end.line - 1] ?? '').slice(0, end.column - 1));
  return parts.join('\n');
}

const REPORT_HINT =
  'Run `npm run test:mutation` to make a new report (reports/mutation/mutation.json), or give the path of one.';

/**
 * Every mutant of a Stryker JSON report (`jsonReporter`), with the code it
 * replaced. Throws an error naming what is wrong when the text is not such a
 * report.
 */
export function readMutants(text: string, name = 'the report'): Mutant[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${name} is not JSON (${(err as Error).message}). ${REPORT_HINT}`);
  }
  if (!isRecord(doc) || !isRecord(doc['files'])) {
    throw new Error(`${name} has no "files": it is not a Stryker mutation report. ${REPORT_HINT}`);
  }
  const out: Mutant[] = [];
  for (const [file, entry] of Object.entries(doc['files'])) {
    const where = `${name}, ${file}`;
    if (
      !isRecord(entry) ||
      typeof entry['source'] !== 'string' ||
      !Array.isArray(entry['mutants'])
    ) {
      throw new Error(`${where}: each file needs its "source" text and a "mutants" list.`);
    }
    const lines = entry['source'].split(/\r?\n/);
    for (const m of entry['mutants']) {
      if (
        !isRecord(m) ||
        typeof m['id'] !== 'string' ||
        typeof m['mutatorName'] !== 'string' ||
        !isRecord(m['location'])
      ) {
        throw new Error(`${where}: a mutant needs "id", "mutatorName" and "location".`);
      }
      const status = m['status'];
      if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
        throw new Error(`${where}, mutant ${m['id']}: unknown status ${JSON.stringify(status)}.`);
      }
      const start = position(m['location']['start'], `${where}, mutant ${m['id']}`);
      const end = position(m['location']['end'], `${where}, mutant ${m['id']}`);
      out.push({
        file,
        id: m['id'],
        mutator: m['mutatorName'],
        status: status as MutantStatus,
        replacement: typeof m['replacement'] === 'string' ? m['replacement'] : '',
        startLine: start.line,
        endLine: end.line,
        original: slice(lines, start, end),
        lines: lines
          .slice(Math.max(0, start.line - 1 - CONTEXT_LINES), end.line + CONTEXT_LINES)
          .join('\n'),
      });
    }
  }
  return out;
}

/** Whether a mutant is listed: it survived, or no test reached it. */
export function isSurvivor(m: Mutant): boolean {
  return m.status === 'Survived' || m.status === 'NoCoverage';
}

function emptyFigures(file: string): FileFigures {
  return {
    file,
    killed: 0,
    timedOut: 0,
    survived: 0,
    noCoverage: 0,
    invalid: 0,
    valid: 0,
    score: NaN,
  };
}

function finish(f: FileFigures): FileFigures {
  const valid = f.killed + f.timedOut + f.survived + f.noCoverage;
  return { ...f, valid, score: valid === 0 ? NaN : ((f.killed + f.timedOut) / valid) * 100 };
}

/** Counts and score per file, in the report's order, and the total (file `''`). */
export function figures(mutants: readonly Mutant[]): { files: FileFigures[]; total: FileFigures } {
  const byFile = new Map<string, FileFigures>();
  const total = emptyFigures('');
  for (const m of mutants) {
    let f = byFile.get(m.file);
    if (f === undefined) byFile.set(m.file, (f = emptyFigures(m.file)));
    for (const g of [f, total]) {
      if (m.status === 'Killed') g.killed++;
      else if (m.status === 'Timeout') g.timedOut++;
      else if (m.status === 'Survived') g.survived++;
      else if (m.status === 'NoCoverage') g.noCoverage++;
      else g.invalid++;
    }
  }
  return { files: [...byFile.values()].map(finish), total: finish(total) };
}

/** Code compared without its blanks: Stryker reformats replacements. */
function bare(code: string): string {
  return code.replace(/\s+/g, '');
}

function oneOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

/** Whether `reason` names `m`. */
export function reasonMatches(reason: SurvivorReason, m: Mutant): boolean {
  if (reason.file !== m.file || !oneOf(reason.mutator).includes(m.mutator)) return false;
  const original = bare(m.original);
  if (reason.code !== undefined && !oneOf(reason.code).some((c) => bare(c) === original)) {
    return false;
  }
  if (
    reason.codeStart !== undefined &&
    !oneOf(reason.codeStart).some((c) => original.startsWith(bare(c)))
  ) {
    return false;
  }
  if (
    reason.replacement !== undefined &&
    !oneOf(reason.replacement).some((r) => bare(r) === bare(m.replacement))
  ) {
    return false;
  }
  return reason.context === undefined || bare(m.lines).includes(bare(reason.context));
}

/**
 * Checks that every reason says where its mutants are (`code`, `codeStart`
 * or `context`): a reason for every mutant of a mutator in a file would hide
 * new survivors.
 */
export function checkReasons(reasons: readonly SurvivorReason[]): string[] {
  return reasons.flatMap((r, i) =>
    r.code === undefined && r.codeStart === undefined && r.context === undefined
      ? [
          `reason ${i + 1} (${r.file}, ${String(r.mutator)}) says not where: give "code", "codeStart" or "context".`,
        ]
      : r.reason.trim() === ''
        ? [`reason ${i + 1} (${r.file}, ${String(r.mutator)}) is empty.`]
        : [],
  );
}

/**
 * Each survivor with the first reason that names it; reasons for files in
 * the report that name none of its survivors are stale. Reasons for files
 * the report does not cover (a one-module run) are neither used nor stale.
 */
export function matchSurvivors(
  mutants: readonly Mutant[],
  reasons: readonly SurvivorReason[],
): SurvivorMatch {
  const used = new Set<SurvivorReason>();
  const survivors = mutants.filter(isSurvivor).map((mutant) => {
    const reason = reasons.find((r) => reasonMatches(r, mutant)) ?? null;
    if (reason) used.add(reason);
    return { mutant, reason };
  });
  const files = new Set(mutants.map((m) => m.file));
  const stale = reasons.filter((r) => files.has(r.file) && !used.has(r));
  return { survivors, stale };
}
