/**
 * The one answer to a request that names something gone, in the user's
 * language (the engine catalogue's `request.gone`): every store and handler
 * of the core uses it, so "That profile no longer exists…" reads the same
 * wherever it comes from.
 */
import type { ApiResult } from '../api';
import { apiError } from '../api';
import { sayEnglish, type Say } from './translator';

/** What a request may name that can be gone. */
export type Gone = 'profile' | 'incident' | 'channel';

/** The `not-found` answer for `what`, worded by `say`. */
export function notFound(what: Gone, say: Say = sayEnglish): ApiResult<never> {
  return apiError('not-found', say(`request.gone.${what}`));
}
