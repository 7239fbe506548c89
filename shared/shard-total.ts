/**
 * How many shards a bot has, as the gateway tells it. The profile's
 * `shard_total` is only a fallback: a bot that grew from 1 to 16 shards
 * must not read "16/1 up", and "find my shard" must divide by the real
 * total. The shard stats say it best (every shard the gateway knows, by
 * id); READY's `shards_config` counts only when it lists more than the
 * monitor's own pair, which servers echo back from its headers
 * (docs/protocol.md §1, §2).
 */

/**
 * The total READY's `shards_config` reports: the `shard_total` most pairs
 * carry (a tie goes to the larger). Null when it lists no usable pair, or
 * only one: a single pair is the monitor's own, echoed back.
 */
export function gatewayShardTotal(
  shardsConfig: ReadonlyArray<readonly [number, number]>,
): number | null {
  const votes = new Map<number, number>();
  if (shardsConfig.length < 2) return null;
  for (const [, total] of shardsConfig) {
    if (!Number.isSafeInteger(total) || total < 1) continue;
    votes.set(total, (votes.get(total) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestVotes = 0;
  for (const [total, n] of votes) {
    if (n > bestVotes || (n === bestVotes && best !== null && total > best)) {
      best = total;
      bestVotes = n;
    }
  }
  return best;
}

/**
 * The total a monitor should use: the highest shard id the gateway reported
 * plus one (or READY's total when larger: shards not reported yet are
 * missing, not absent), else READY's total, else the profile's value.
 */
export function effectiveShardTotal(
  fromReady: number | null,
  highestReportedId: number | null,
  profileTotal: number,
): { total: number; from: 'gateway' | 'profile' } {
  if (highestReportedId !== null)
    return { total: Math.max(highestReportedId + 1, fromReady ?? 0), from: 'gateway' };
  if (fromReady !== null) return { total: fromReady, from: 'gateway' };
  return { total: profileTotal, from: 'profile' };
}
