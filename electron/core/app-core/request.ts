/**
 * The core's one entry point for requests arriving over a trust boundary
 * (Electron IPC, the browser-mode bridge): the channel and its arguments are
 * validated against the contract (docs/architecture.md §3.1, §3.3) before a
 * handler sees them, and nothing thrown crosses the boundary.
 */
import type { ApiResult, AppApi } from '../../../shared/api';
import { apiError, checkApiArgs, isApiChannel, apiNotFound } from '../../../shared/api';

/**
 * The answer to a request for a channel outside the contract. The value is
 * described by its kind, never converted: `String()` of an object calls its
 * `toString`, which a hostile request sets to anything (or to a non-function,
 * which throws).
 */
function unknownChannel(channel: unknown): ApiResult<never> {
  if (typeof channel !== 'string')
    return apiError(
      'bad-request',
      `The request names no channel (got ${channel === null ? 'null' : Array.isArray(channel) ? 'a list' : typeof channel === 'object' ? 'an object' : `a ${typeof channel}`} where the name of a request belongs). Update Shardwatch or reload the window.`,
    );
  return apiError(
    'bad-request',
    `Unknown request "${channel.slice(0, 60)}". Update Shardwatch or reload the window.`,
  );
}

/**
 * Check that no channel is answered by two handler groups: spreading them
 * into one `AppApi` would let the later one win silently. The type of the
 * spread already makes every channel answered at least once.
 */
export function assertOneHandlerEach(groups: ReadonlyArray<Partial<AppApi>>): void {
  const seen = new Set<string>();
  for (const group of groups)
    for (const channel of Object.keys(group)) {
      if (seen.has(channel))
        throw new Error(`The core answers ${channel} twice: one handler per channel.`);
      seen.add(channel);
    }
}

/** The answer when a request names something that is gone (one wording, shared/api.ts). */
export const notFound = apiNotFound;

/**
 * The validated entry point over `api`: `channel` and `args` may be any value
 * a renderer or a bridge client sends. Never throws; an error inside a
 * handler is logged (its message, never the arguments) and answered as
 * `internal`.
 */
export function createRequestHandler(
  api: AppApi,
  log: (line: string) => void,
): (channel: unknown, args: unknown) => Promise<ApiResult<unknown>> {
  return async (channel, args) => {
    let name = 'a request';
    try {
      if (!isApiChannel(channel)) return unknownChannel(channel);
      name = channel;
      const checked = checkApiArgs(channel, args);
      if (!checked.ok)
        return apiError('bad-request', `The request was not valid: ${checked.error}.`);
      const fn = api[channel] as (...a: unknown[]) => Promise<ApiResult<unknown>>;
      return await fn(...(checked.value as unknown[]));
    } catch (err) {
      log(`internal error in ${name}: ${err instanceof Error ? err.message : typeof err}`);
      return apiError(
        'internal',
        'Something went wrong inside Shardwatch. The details are in the log; try again.',
      );
    }
  };
}
