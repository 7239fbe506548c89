/**
 * Default colours of new profiles: the Okabe-Ito palette (told apart with
 * the common colour-vision deficiencies) in an order that puts far-apart
 * hues next to each other, so each new profile gets a colour of its own.
 */

/** The palette, in the order new profiles take it. */
export const PROFILE_COLORS: readonly string[] = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#5865f2',
];

/**
 * The first palette colour no profile uses yet (case-insensitive); when all
 * are taken, the one used least often, so a dozen profiles still spread out.
 */
export function nextProfileColor(used: readonly string[]): string {
  const counts = new Map<string, number>(PROFILE_COLORS.map((c) => [c, 0]));
  for (const c of used) {
    const key = c.toLowerCase();
    const n = counts.get(key);
    if (n !== undefined) counts.set(key, n + 1);
  }
  let best = PROFILE_COLORS[0] as string;
  let fewest = Infinity;
  for (const c of PROFILE_COLORS) {
    const n = counts.get(c) ?? 0;
    if (n < fewest) {
      best = c;
      fewest = n;
    }
  }
  return best;
}
