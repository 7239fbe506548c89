import { describe, expect, it } from 'vitest';
import { formatNumber, formatRtt, sentences, withoutStop } from '../../../shared/format';

describe('formatRtt (every screen, the tray, notifications and the probe)', () => {
  it('writes two decimals below 10 ms and a whole number above, with the unit', () => {
    expect([0.123, 9.994, 9.999, 10, 42.5, 1234.4].map((ms) => formatRtt(ms))).toEqual([
      '0.12 ms',
      '9.99 ms',
      // Rounded before choosing: never "10.00 ms".
      '10 ms',
      '10 ms',
      '43 ms',
      '1,234 ms',
    ]);
  });

  it('writes the digits of the user language', () => {
    expect([0.123, 12.3, 1234.4].map((ms) => formatRtt(ms, 'pt-BR'))).toEqual([
      '0,12 ms',
      '12 ms',
      '1.234 ms',
    ]);
  });
});

describe('formatNumber (one home for every number the user sees)', () => {
  it('groups thousands and writes the decimal mark of the locale', () => {
    expect(formatNumber(1234.5, 'pt-BR', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(12.3, 'pt-BR')).toBe('12,3');
    expect(formatNumber(12, 'pt-BR', { min: 0, max: 2 })).toBe('12');
    expect(formatNumber(0.5, 'en', 2)).toBe('0.50');
  });
});

describe('sentences (every message built from parts)', () => {
  it('ends each part with exactly one stop and puts one space between them', () => {
    expect(sentences('Could not connect', 'Retrying in 6.9 s.', 'Check the host')).toBe(
      'Could not connect. Retrying in 6.9 s. Check the host.',
    );
    expect(sentences('The request failed.', 'The gateway said no..')).toBe(
      'The request failed. The gateway said no.',
    );
    expect(sentences('Down', null, '', false, 'Why?')).toBe('Down. Why?');
  });

  it('takes the stop off text placed inside a sentence', () => {
    expect(`Could not connect: ${withoutStop('socket hang up. ')}.`).toBe(
      'Could not connect: socket hang up.',
    );
  });
});
