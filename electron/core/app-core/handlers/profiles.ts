/** Requests that change the profile list (docs/architecture.md §3.1). */
import type { AppApi } from '../../../../shared/api';
import type { ShardAnalytics } from '../../analytics/shard-analytics';
import type { HistoryStore } from '../../history/history-store';
import type { UptimeStore } from '../../history/uptime-store';
import type { Alerting } from '../../notify/alerting';
import type { ProfileStore } from '../../profiles/profile-store';

/** The channels answered here. */
export type ProfileHandlers = Pick<
  AppApi,
  | 'command:create-profile'
  | 'command:update-profile'
  | 'command:duplicate-profile'
  | 'command:delete-profile'
  | 'command:set-profile-enabled'
  | 'command:reorder-profiles'
>;

/** What the profile requests use. */
export interface ProfileHandlerDeps {
  profiles: Pick<
    ProfileStore,
    'create' | 'update' | 'duplicate' | 'delete' | 'setEnabled' | 'reorder'
  >;
  history: Pick<HistoryStore, 'deleteProfile'>;
  uptime: Pick<UptimeStore, 'deleteProfile'>;
  alerting: Pick<Alerting, 'forgetProfile'>;
  analytics: Pick<ShardAnalytics, 'forget'>;
}

/**
 * The profile requests. The runtimes follow the store's change events
 * (runtimes.ts), so a handler only changes the store.
 */
export function profileHandlers(d: ProfileHandlerDeps): ProfileHandlers {
  const { profiles } = d;
  return {
    'command:create-profile': async (input) => profiles.create(input),
    'command:update-profile': async (id, input) => profiles.update(id, input),
    'command:duplicate-profile': async (id) => profiles.duplicate(id),
    'command:delete-profile': async (id) => {
      const r = profiles.delete(id);
      if (r.ok) {
        d.history.deleteProfile(id);
        d.analytics.forget(id);
        d.uptime.deleteProfile(id);
        d.alerting.forgetProfile(id);
      }
      return r;
    },
    'command:set-profile-enabled': async (id, enabled) => profiles.setEnabled(id, enabled),
    'command:reorder-profiles': async (ids) => profiles.reorder(ids),
  };
}
