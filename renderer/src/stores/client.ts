/**
 * The typed client of the AppApi contract (shared/api.ts), derived from it:
 * one method per request channel, named after the channel without its
 * prefix (`command:create-profile` → `createProfile`, `query:shards` →
 * `shards`), taking the channel's arguments and resolving to its
 * {@link ApiResult} (never throwing; transport failures in the user's
 * language, see `call`). A channel added to the contract appears here with
 * no code to write. Stores wrap a method only when a success changes what
 * they hold; views call the rest directly.
 */
import type { ApiArgs, ApiChannel, ApiResult, ApiResultOf } from '../../../shared/api';
import { API_CHANNELS } from '../../../shared/api';
import { call } from './call';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;

/** The method name of a channel: `command:create-profile` → `createProfile`. */
export type MethodOf<C extends ApiChannel> = C extends `${string}:${infer Name}`
  ? Camel<Name>
  : never;

/** One method per request channel of the contract. */
export type ApiClient = {
  [C in ApiChannel as MethodOf<C>]: (...args: ApiArgs<C>) => Promise<ApiResult<ApiResultOf<C>>>;
};

/** The method name of `channel` at run time (the same rule as {@link MethodOf}). */
export function methodOf(channel: ApiChannel): string {
  const name = channel.slice(channel.indexOf(':') + 1);
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Build a client over `invoke` (the app's `call`; tests may pass their own).
 * Throws when two channels would get the same method name, so a contract
 * change that makes them clash fails at once, not by calling the wrong one.
 */
export function createApiClient(
  invoke: <C extends ApiChannel>(
    channel: C,
    ...args: ApiArgs<C>
  ) => Promise<ApiResult<ApiResultOf<C>>>,
): ApiClient {
  const client: Record<string, (...args: ApiArgs<ApiChannel>) => Promise<unknown>> = {};
  for (const channel of API_CHANNELS) {
    const name = methodOf(channel);
    if (name in client) throw new Error(`Two contract channels map to the method ${name}.`);
    client[name] = (...args) => invoke(channel, ...args);
  }
  return client as unknown as ApiClient;
}

/** The app's client, over the app-wide transport. */
export const client: ApiClient = createApiClient(call);
