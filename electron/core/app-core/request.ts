/**
 * The core's one entry point for requests arriving over a trust boundary
 * (Electron IPC, the browser-mode bridge): the channel and its arguments are
 * validated against the contract (docs/architecture.md §3.1, §3.3) before a
 * handler sees them, and nothing thrown crosses the boundary.
 */
import type { ApiResult, AppApi } from '../../../shared/api';
import { apiError, checkApiArgs, isApiChannel } from '../../../shared/api';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { wordCheck } from '../../../shared/validate';

/**
 * The answer to a request for a channel outside the contract. The value is
 * described by its kind, never converted: `String()` of an object calls its
 * `toString`, which a hostile request sets to anything (or to a non-function,
 * which throws).
 */
function unknownChannel(channel: unknown, say: Say): ApiResult<never> {
  if (typeof channel !== 'string') {
    const got =
      channel === null
        ? say('request.got.null')
        : Array.isArray(channel)
          ? say('request.got.list')
          : typeof channel === 'object'
            ? say('request.got.object')
            : say('request.got.other', { type: typeof channel });
    return apiError('bad-request', say('request.noChannel', { got }));
  }
  return apiError('bad-request', say('request.unknownChannel', { channel: channel.slice(0, 60) }));
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

/**
 * The validated entry point over `api`: `channel` and `args` may be any value
 * a renderer or a bridge client sends. Never throws; an error inside a
 * handler is logged (its message, never the arguments) and answered as
 * `internal`. Its own answers are worded by `say` (the user's language); the
 * validator's detail inside "not valid" stays English (shared/validate.ts).
 */
export function createRequestHandler(
  api: AppApi,
  log: (line: string) => void,
  say: Say = sayEnglish,
): (channel: unknown, args: unknown) => Promise<ApiResult<unknown>> {
  return async (channel, args) => {
    let name = 'a request';
    try {
      if (!isApiChannel(channel)) return unknownChannel(channel, say);
      name = channel;
      const checked = checkApiArgs(channel, args);
      if (!checked.ok)
        return apiError('bad-request', say('request.invalid', { why: wordCheck(checked, say) }));
      const fn = api[channel] as (...a: unknown[]) => Promise<ApiResult<unknown>>;
      return await fn(...(checked.value as unknown[]));
    } catch (err) {
      log(`internal error in ${name}: ${err instanceof Error ? err.message : typeof err}`);
      return apiError('internal', say('request.internal'));
    }
  };
}
