import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../shared/i18n/translator';

// The translator keeps the sentences it worded (a sentence is worded the same
// way every time); what it gives back must still be the sentence asked for.
describe('translator: sentences worded once', () => {
  it('words a sentence asked again in the language of the moment', () => {
    const tr = createTranslator('en');
    const en = tr.say('tray.more', { count: 3 });
    expect(en).toBe('…and 3 more');
    expect(tr.say('tray.more', { count: 3 })).toBe(en);
    tr.use('pt-BR');
    const pt = tr.say('tray.more', { count: 3 });
    expect(pt).not.toBe(en);
    tr.use('en');
    expect(tr.say('tray.more', { count: 3 })).toBe(en);
  });

  it('tells apart parameters that would read alike joined together', () => {
    const tr = createTranslator('en');
    const line = (p: Record<string, string>) =>
      tr.say('tray.line', { name: 'a', state: 'b', rtt: 'c', shards: 'd', ...p });
    expect(line({})).toBe('a: b, c, d');
    // A name holding what could separate parameters in a naive key.
    expect(line({ name: 'a|5:state' })).toBe('a|5:state: b, c, d');
    expect(line({ name: 'a', state: 'b' })).toBe('a: b, c, d');
    expect(line({ name: 'a: b', state: '' })).toBe('a: b: , c, d');
    expect(tr.say('tray.more', { count: Number.NaN })).not.toBe(
      tr.say('tray.more', { count: Number.POSITIVE_INFINITY }),
    );
    expect(tr.say('tray.more', { count: '3' })).toBe('…and 3 more');
    expect(tr.say('tray.more', { count: 4 })).toBe('…and 4 more');
  });

  it('keeps wording correctly past the number of sentences it keeps', () => {
    const tr = createTranslator('en');
    for (let i = 0; i < 10_000; i++)
      expect(tr.say('tray.more', { count: i })).toBe(`…and ${i} more`);
  });
});
