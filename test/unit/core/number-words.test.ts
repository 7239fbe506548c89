/**
 * Numbers inside the engine's sentences are written in the language of the
 * words around them: "2,5 h" and "1.234" in Portuguese, "2.5 h" and "1,234"
 * in English (one formatting home, shared/format.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatPct } from '../../../electron/core/alerts/text';
import { formatCount, shardCount } from '../../../electron/core/analytics/text';
import { createTranslator, localeOf, sayEnglish } from '../../../shared/i18n/translator';

const pt = createTranslator('pt-BR').say;

describe('numbers in engine sentences', () => {
  it('follow the language of the sentence', () => {
    expect(localeOf(pt)).toBe('pt-BR');
    expect(localeOf(sayEnglish)).toBe('en');
    expect(formatDuration(2.5 * 3_600_000, pt)).toBe('2,5 h');
    expect(formatDuration(2.5 * 3_600_000)).toBe('2.5 h');
    expect(formatDuration(3 * 86_400_000, pt)).toBe('3 d');
    expect(formatPct(12.5, pt)).toBe('12,5%');
    expect(formatPct(40)).toBe('40%');
    expect(formatCount(1234, pt)).toBe('1.234');
    expect(formatCount(1234)).toBe('1,234');
    expect(shardCount(1200, pt)).toContain('1.200');
  });
});
