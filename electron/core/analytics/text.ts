/**
 * Words for the analyses' titles and bodies: shard id ranges and counts
 * (durations come from the alert texts' `formatDuration`), in the
 * translator's language.
 */
import { formatNumber } from '../../../shared/format';
import { localeOf, sayEnglish, type Say } from '../../../shared/i18n/translator';

/** Sorted, de-duplicated ids as inclusive ranges `[lo, hi]`. */
export function idRanges(ids: ArrayLike<number>): Array<[number, number]> {
  const sorted = Array.from(ids)
    .filter((x) => Number.isInteger(x))
    .sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const id of sorted) {
    const last = out[out.length - 1];
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else out.push([id, id]);
  }
  return out;
}

/** `3`, `40–51`, `40–51, 60, 62–63 and 4 more`: ranges of ids, at most `max` shown. */
export function formatIdRanges(ids: ArrayLike<number>, max = 5, say: Say = sayEnglish): string {
  const ranges = idRanges(ids);
  const shown = ranges
    .slice(0, max)
    .map(([lo, hi]) => (lo === hi ? `${lo}` : hi === lo + 1 ? `${lo}, ${hi}` : `${lo}–${hi}`));
  const rest = ranges.length - shown.length;
  return rest > 0 ? say('analytics.idsMore', { ids: shown.join(', '), rest }) : shown.join(', ');
}

/** `1,234` (`1.234` in Portuguese): a whole number in the language of `say`. */
export function formatCount(n: number, say: Say = sayEnglish): string {
  return formatNumber(Math.round(n), localeOf(say), 0);
}

/** `1 shard` / `12 shards`. */
export function shardCount(n: number, say: Say = sayEnglish): string {
  return say(n === 1 ? 'analytics.shardOne' : 'analytics.shardsMany', {
    count: formatCount(n, say),
  });
}
