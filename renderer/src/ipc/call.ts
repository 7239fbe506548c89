/**
 * One request through the app-wide transport, resolving to an
 * {@link ApiResult} even if a broken transport throws, so every caller can
 * show the error where the user acted.
 */
import type { ApiArgs, ApiChannel, ApiResult, ApiResultOf } from '../../../shared/api';
import { getApi } from './client';

/** Invoke `channel`; a thrown error becomes an `unavailable` result. */
export async function callApi<C extends ApiChannel>(
  channel: C,
  ...args: ApiArgs<C>
): Promise<ApiResult<ApiResultOf<C>>> {
  try {
    return await getApi().invoke(channel, ...args);
  } catch (e) {
    // The transports resolve instead of throwing; this guards a broken one.
    return {
      ok: false,
      error: {
        code: 'unavailable',
        transport: 'no-answer',
        message: `Shardwatch did not answer (${e instanceof Error ? e.message : String(e)}). Try again in a moment.`,
      },
    };
  }
}
