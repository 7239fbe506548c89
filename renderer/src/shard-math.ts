/**
 * Pure shard arithmetic for the profile detail ("find my shard").
 *
 * Discord routes a guild to shard `(guild_id >> 22) % shard_total`. Guild ids
 * are snowflakes: unsigned 64-bit integers written as up to 20 decimal
 * digits, which do not fit in a JS number, so everything here uses BigInt.
 */
import { t } from './i18n';

/** Largest unsigned 64-bit value: the largest valid snowflake. */
const MAX_SNOWFLAKE = (1n << 64n) - 1n;

/** Outcome of {@link shardForGuild}: the shard, or a sentence for the user. */
export type ShardForGuildResult = { ok: true; shardId: number } | { ok: false; message: string };

/**
 * Parse a guild id as typed or pasted by the user. Surrounding spaces are
 * ignored; anything else that is not a decimal digit is refused with a message
 * that says what is wrong.
 */
export function parseSnowflake(
  input: string,
): { ok: true; value: bigint } | { ok: false; message: string } {
  const text = input.trim();
  if (text === '') return { ok: false, message: t('shards.find.empty') };
  if (text.startsWith('-')) return { ok: false, message: t('shards.find.negative') };
  if (!/^\d+$/.test(text)) {
    return {
      ok: false,
      message: t('shards.find.digits'),
    };
  }
  if (text.length > 20) {
    return { ok: false, message: t('shards.find.tooLong', { n: text.length }) };
  }
  const value = BigInt(text);
  if (value > MAX_SNOWFLAKE) {
    return { ok: false, message: t('shards.find.tooBig') };
  }
  return { ok: true, value };
}

/**
 * The shard a guild is handled by: `(guild_id >> 22) % shard_total`.
 * `shardTotal` must be a positive integer (the profile's `shard_total`).
 */
export function shardForGuild(guildId: string, shardTotal: number): ShardForGuildResult {
  if (!Number.isSafeInteger(shardTotal) || shardTotal < 1) {
    return {
      ok: false,
      message: t('shards.find.badTotal'),
    };
  }
  const parsed = parseSnowflake(guildId);
  if (!parsed.ok) return parsed;
  const shard = (parsed.value >> 22n) % BigInt(shardTotal);
  return { ok: true, shardId: Number(shard) };
}
