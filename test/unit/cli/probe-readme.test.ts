/** `shardwatch probe`'s exit codes: the code, `--help` and the README say the same. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBE_EXIT, probeExitMeanings, probeUsage } from '../../../electron/cli/probe';
import { createTranslator } from '../../../shared/i18n/translator';

const PROBE_EXIT_MEANINGS = probeExitMeanings();
const PROBE_USAGE = probeUsage();

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The `| exit | meaning |` table of the README's probe section. */
function readmeExitCodes(): Record<string, string> {
  const section = README.slice(README.indexOf('### `shardwatch probe`'));
  const table = section.slice(
    section.indexOf('| exit'),
    section.indexOf('\n\n', section.indexOf('| exit')),
  );
  const rows: Record<string, string> = {};
  for (const line of table.split('\n').slice(2)) {
    const [, code, meaning] = line.split('|').map((c) => c.trim());
    if (code !== undefined && meaning !== undefined) rows[code] = meaning;
  }
  return rows;
}

describe('probe exit codes', () => {
  it('every code has one meaning, and --help and the README give exactly those', () => {
    const codes = Object.values(PROBE_EXIT).map(String).sort();
    expect(Object.keys(PROBE_EXIT_MEANINGS).sort()).toEqual(codes);
    expect(readmeExitCodes()).toEqual(
      Object.fromEntries(Object.entries(PROBE_EXIT_MEANINGS).map(([c, m]) => [c, m])),
    );
    for (const [code, meaning] of Object.entries(PROBE_EXIT_MEANINGS))
      expect(PROBE_USAGE).toContain(`  ${code}  ${meaning}`);
  });
});

describe('probe help in Brazilian Portuguese', () => {
  it('lists every exit code with its meaning in Portuguese, flags kept as they are', () => {
    const pt = createTranslator('pt-BR');
    const usage = probeUsage(pt);
    expect(usage).toMatch(/^Uso: shardwatch probe <url> --id ID \[opções\]/);
    expect(usage).toContain('documented | http-interaction-0.2.2 | auto');
    for (const [code, meaning] of Object.entries(probeExitMeanings(pt))) {
      expect(meaning).not.toBe(
        PROBE_EXIT_MEANINGS[Number(code) as keyof typeof PROBE_EXIT_MEANINGS],
      );
      expect(usage).toContain(`  ${code}  ${meaning}`);
    }
  });
});
