import { describe, expect, it } from 'vitest';
import { formatRtt } from '../../../shared/format';

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
