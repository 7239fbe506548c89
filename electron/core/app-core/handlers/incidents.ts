/** Requests about incidents and alert noise: list, acknowledge, snooze, pause all. */
import type { AppApi } from '../../../../shared/api';
import { apiOk } from '../../../../shared/api';
import { sayEnglish, type Say } from '../../../../shared/i18n/translator';
import type { AlertEngine } from '../../alerts/alert-engine';
import type { DeltaPacer } from '../delta-pacer';
import type { IncidentLog } from '../incidents';
import { notFound } from '../../../../shared/i18n/not-found';
import type { RuntimeFleet } from '../runtimes';

/** The channels answered here. */
export type IncidentHandlers = Pick<
  AppApi,
  'query:incidents' | 'command:ack-incident' | 'command:snooze' | 'command:pause-all'
>;

/** What the incident requests use. */
export interface IncidentHandlerDeps {
  incidents: Pick<IncidentLog, 'merged' | 'acknowledge'>;
  alerts: Pick<AlertEngine, 'snooze' | 'pause'>;
  runtimes: Pick<RuntimeFleet, 'pauseAll'>;
  pacer: Pick<DeltaPacer, 'markSnooze'>;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** The incident requests. */
export function incidentHandlers(d: IncidentHandlerDeps): IncidentHandlers {
  return {
    'query:incidents': async (profileId, limit) => apiOk(d.incidents.merged(profileId, limit)),
    'command:ack-incident': async (incidentId) => {
      const inc = d.incidents.acknowledge(incidentId);
      return inc ? apiOk(inc) : notFound('incident', d.say ?? sayEnglish);
    },
    'command:snooze': async (choice) => apiOk(d.alerts.snooze(choice)),
    'command:pause-all': async (paused) => {
      const state = d.alerts.pause(paused);
      d.runtimes.pauseAll(paused);
      d.pacer.markSnooze();
      return apiOk(state);
    },
  };
}
