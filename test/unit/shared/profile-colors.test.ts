import { describe, expect, it } from 'vitest';
import { PROFILE_COLORS, nextProfileColor } from '../../../shared/profile-colors';

describe('default profile colours', () => {
  it('gives each new profile a colour no other profile has, then spreads evenly', () => {
    const used: string[] = [];
    for (let i = 0; i < PROFILE_COLORS.length; i++) used.push(nextProfileColor(used));
    expect(new Set(used).size).toBe(PROFILE_COLORS.length);
    // A dozen profiles: no colour used three times while another is used once.
    for (let i = 0; i < 4; i++) used.push(nextProfileColor(used));
    const counts = PROFILE_COLORS.map((c) => used.filter((u) => u === c).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('counts colours whatever their case', () => {
    expect(nextProfileColor([PROFILE_COLORS[0]!.toUpperCase()])).toBe(PROFILE_COLORS[1]);
  });
});
