/**
 * The stores' one way to make a request: `callApi` (a broken transport
 * becomes a result, never a throw), with the transport's own failures put
 * into the user's language. The engine's messages pass through as sent.
 */
import type { ApiArgs, ApiChannel, ApiResult, ApiResultOf } from '../../../shared/api';
import { callApi } from '../ipc/call';
import { t } from '../i18n';

/** A result whose transport failure (if any) is worded in the current language. */
export function localized<T>(r: ApiResult<T>): ApiResult<T> {
  if (r.ok || r.error.transport === undefined) return r;
  const message =
    r.error.transport === 'lost' ? t('app.transport.lost') : t('app.transport.noAnswer');
  return { ok: false, error: { ...r.error, message } };
}

/** Invoke `channel` through the app's transport. */
export async function call<C extends ApiChannel>(
  channel: C,
  ...args: ApiArgs<C>
): Promise<ApiResult<ApiResultOf<C>>> {
  return localized(await callApi(channel, ...args));
}
