import { describe, expect, it } from 'vitest';
import { formatRtt, sentences, withoutStop } from '../../../shared/format';

describe('formatRtt (every screen, the tray, notifications and the probe)', () => {
  it('writes two decimals below 10 ms and a whole number above, with the unit', () => {
    expect([0.123, 9.994, 9.999, 10, 42.5, 1234.4].map(formatRtt)).toEqual([
      '0.12 ms',
      '9.99 ms',
      // Rounded before choosing: never "10.00 ms".
      '10 ms',
      '10 ms',
      '43 ms',
      '1234 ms',
    ]);
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
