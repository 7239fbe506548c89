/** Read requests: the snapshot and a profile's shards, history, timeline and frames. */
import type { AppApi } from '../../../../shared/api';
import { apiOk } from '../../../../shared/api';
import type { Clock } from '../../../../shared/clock';
import { sayEnglish, type Say } from '../../../../shared/i18n/translator';
import { shardPage } from '../../../../shared/shard-columns';
import type { SecretStorageInfo } from '../../../../shared/app-settings';
import type { AppSnapshot } from '../../../../shared/app-state';
import type { ProfileView } from '../../../../shared/profile-model';
import type { AlertEngine } from '../../alerts/alert-engine';
import type { HistoryStore } from '../../history/history-store';
import type { ProfileStore } from '../../profiles/profile-store';
import type { DeltaPacer } from '../delta-pacer';
import type { NoticeBook } from '../notices';
import { notFound } from '../../../../shared/i18n/not-found';
import type { RuntimeFleet } from '../runtimes';

/** The channels answered here. */
export type QueryHandlers = Pick<
  AppApi,
  'query:snapshot' | 'query:shards' | 'query:history' | 'query:timeline' | 'query:frames'
>;

/** What the read requests use. */
export interface QueryHandlerDeps {
  clock: Clock;
  mode: AppSnapshot['mode'];
  /** The language `system` stands for in this engine. */
  systemLocale: () => AppSnapshot['systemLocale'];
  /** The profile list (kept between changes by the wiring). */
  profileList: () => ProfileView[];
  profiles: Pick<ProfileStore, 'get' | 'getSettings' | 'readOnly'>;
  runtimes: Pick<RuntimeFleet, 'get'>;
  history: Pick<HistoryStore, 'query' | 'timeline'>;
  alerts: Pick<AlertEngine, 'incidents' | 'snoozeState'>;
  pacer: Pick<DeltaPacer, 'seq' | 'statuses' | 'tray'>;
  notices: Pick<NoticeBook, 'list'>;
  secretStorage: () => SecretStorageInfo;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/**
 * The read requests. A snapshot reflects the current state; changes marked
 * but not pushed yet go out with the next delta (seq + 1), which the renderer
 * applies idempotently.
 */
export function queryHandlers(d: QueryHandlerDeps): QueryHandlers {
  const say = d.say ?? sayEnglish;
  const { profiles, runtimes, history, pacer } = d;
  return {
    'query:snapshot': async () =>
      apiOk({
        seq: pacer.seq(),
        profiles: d.profileList(),
        status: pacer.statuses(true),
        incidents: d.alerts.incidents({ includeClosed: true, limit: 200 }),
        tray: pacer.tray(),
        snooze: d.alerts.snoozeState(),
        settings: profiles.getSettings(),
        secretStorage: d.secretStorage(),
        notices: d.notices.list(),
        readOnly: profiles.readOnly,
        mode: d.mode,
        systemLocale: d.systemLocale(),
      }),
    'query:shards': async (id, after) => {
      const rt = runtimes.get(id);
      if (!rt)
        return profiles.get(id)
          ? apiOk(shardPage([], pacer.seq(), after))
          : notFound('profile', say);
      return apiOk(shardPage(rt.shards(), pacer.seq(), after));
    },
    'query:history': async (q) => {
      if (!profiles.get(q.profileId)) return notFound('profile', say);
      return apiOk(history.query(q, d.clock.wallNow()));
    },
    'query:timeline': async (q) => {
      if (!profiles.get(q.profileId)) return notFound('profile', say);
      return apiOk(history.timeline(q));
    },
    'query:frames': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return profiles.get(id) ? apiOk([]) : notFound('profile', say);
      return apiOk(rt.frames());
    },
  };
}
