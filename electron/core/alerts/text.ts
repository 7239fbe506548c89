import { formatNumber } from '../../../shared/format';
import { localeOf, sayEnglish, type Say } from '../../../shared/i18n/translator';

/**
 * Wording helpers of alert titles and bodies. Alert text is built in the
 * core (it reaches desktop notifications and chat channels, not only the
 * renderer), so it has its own small formatters.
 */
/** `text` cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "Shard 3" / "Shards 3, 7, 12, 15, 20 and 32 more", in the translator's language. */
export function shardList(ids: number[], say: Say = sayEnglish, total = ids.length): string {
  const shown = ids.slice(0, 5);
  const rest = total - shown.length;
  if (total === 1 && shown.length === 1) return say('incident.shardOne', { id: shown[0] ?? 0 });
  const list = shown.join(', ');
  return rest > 0
    ? say('incident.shardsMore', { ids: list, rest })
    : say('incident.shardsMany', { ids: list });
}

/** A percentage: whole numbers as such, others with one decimal, in the language of `say`. */
export function formatPct(pct: number, say: Say = sayEnglish): string {
  return `${formatNumber(pct, localeOf(say), Number.isInteger(pct) ? 0 : 1)}%`;
}

/** A duration in words: "45 s", "12 min", "2.5 h" ("2,5 h" in Portuguese), "3 d". */
export function formatDuration(ms: number, say: Say = sayEnglish): string {
  const n = (v: number): string =>
    formatNumber(v, localeOf(say), Number.isInteger(v) ? 0 : { min: 1, max: 1 });
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${n(Math.max(0, Math.round(ms / 1000)))} s`;
  if (min < 120) return `${n(min)} min`;
  const h = ms / 3_600_000;
  if (h < 48) return `${n(h)} h`;
  return `${n(ms / 86_400_000)} d`;
}
