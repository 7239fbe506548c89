/**
 * Incidents as every screen and count sees them: live ones from the alert
 * engine, older ones (from before a restart) from history, recorded to
 * history and uptime as they change.
 */
import type { Clock } from '../../../shared/clock';
import type { Incident } from '../../../shared/incident-model';
import type { AlertEngine } from '../alerts/alert-engine';
import type { HistoryStore } from '../history/history-store';
import type { UptimeStore } from '../history/uptime-store';
import type { DeltaPacer } from './delta-pacer';

/** Most incidents read back from history when looking one up. */
const STORED_LOOKUP_LIMIT = 10_000;

/** Options of {@link createIncidentLog}. */
export interface IncidentLogOptions {
  clock: Clock;
  alerts: Pick<AlertEngine, 'incidents' | 'acknowledge' | 'adopt' | 'on'>;
  history: Pick<HistoryStore, 'incidents' | 'recordIncident' | 'recordEvent'>;
  uptime: Pick<UptimeStore, 'recordAck'>;
  pacer: Pick<DeltaPacer, 'markIncident' | 'markStatus'>;
}

/** The incidents of one core. */
export interface IncidentLog {
  /** Open ones first, then the most recently updated; at most `limit`. */
  merged(profileId: string | null, limit: number): Incident[];
  /** Acknowledge a live or stored incident; null when none has that id. */
  acknowledge(incidentId: string): Incident | null;
  /**
   * Incidents an earlier run left open continue as the same incidents (one
   * per profile and cause, no second alert); any that cannot, or whose
   * profile is gone, are closed now.
   */
  adoptOpen(knownProfileIds: ReadonlySet<string>): void;
  dispose(): void;
}

/** Create the incident log and start recording the engine's incidents. */
export function createIncidentLog(opts: IncidentLogOptions): IncidentLog {
  const { clock, alerts, history, uptime, pacer } = opts;

  const off = alerts.on('incident', (incident, change) => {
    pacer.markIncident(incident);
    pacer.markStatus(incident.profileId);
    history.recordIncident(incident);
    if (incident.acknowledged)
      uptime.recordAck(incident.id, incident.profileId, incident.updatedAt);
    // Open and clear entries of the timeline come from the incidents table;
    // only growth steps are recorded as events.
    if (change === 'update') {
      history.recordEvent(incident.profileId, {
        at: clock.wallNow(),
        kind: 'incident-update',
        text: incident.title,
        shardId: null,
      });
    }
  });

  /** Acknowledge an incident only history knows (it closed before a restart). */
  function acknowledgeStored(incidentId: string): Incident | null {
    const found = history.incidents(null, STORED_LOOKUP_LIMIT).find((i) => i.id === incidentId);
    if (!found) return null;
    const acked = { ...found, acknowledged: true, updatedAt: clock.wallNow() };
    if (!found.acknowledged) {
      history.recordIncident(acked);
      uptime.recordAck(acked.id, acked.profileId, acked.updatedAt);
      pacer.markIncident(acked);
    }
    return found.acknowledged ? found : acked;
  }

  return {
    merged(profileId, limit) {
      const live = alerts.incidents({
        profileId: profileId ?? undefined,
        includeClosed: true,
        limit,
      });
      const seen = new Set(live.map((i) => i.id));
      const past = history.incidents(profileId, limit).filter((i) => !seen.has(i.id));
      const all = [...live, ...past].sort(
        (a, b) =>
          Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.updatedAt - a.updatedAt,
      );
      return all.slice(0, limit);
    },
    acknowledge: (incidentId) => alerts.acknowledge(incidentId) ?? acknowledgeStored(incidentId),
    adoptOpen(known) {
      const left = history.incidents(null, STORED_LOOKUP_LIMIT).filter((i) => i.clearedAt === null);
      const now = clock.wallNow();
      for (const i of alerts.adopt(left.filter((x) => known.has(x.profileId))))
        history.recordIncident({ ...i, clearedAt: now, updatedAt: now });
      for (const i of left.filter((x) => !known.has(x.profileId)))
        history.recordIncident({ ...i, clearedAt: now, updatedAt: now });
    },
    dispose: off,
  };
}
