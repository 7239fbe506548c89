/**
 * The incidents the engine knows: open ones keyed by profile and rule, so
 * there is exactly one open incident per profile and cause, and a bounded
 * list of recently closed ones. Every count and list the core reports comes
 * from here.
 */
import type { AlertRule, Incident } from '../../../shared/incident-model';
import type { IncidentContent, IncidentQuery } from './types';

/** At most this many shard ids are kept on an incident (the title keeps the full count). */
export const MAX_INCIDENT_SHARD_IDS = 100;

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;

/** An open incident and what the engine keeps about it. */
export interface IncidentRecord {
  incident: Incident;
  /** Open order: breaks ties between incidents opened in the same millisecond. */
  seq: number;
  /** Monotonic open time: escalation by duration must not follow wall-clock jumps. */
  openedMono: number;
  downFraction: number;
}

/** Open and recently closed incidents. */
export interface IncidentBook {
  get(profileId: string, rule: AlertRule): IncidentRecord | null;
  byId(id: string): IncidentRecord | null;
  /** A closed incident still in memory. */
  closedById(id: string): Incident | null;
  /** Open a new incident; an open one for the same profile and rule is returned instead. */
  open(
    profileId: string,
    rule: AlertRule,
    c: IncidentContent,
    wall: number,
    mono: number,
  ): IncidentRecord;
  /** Take over an incident left open by an earlier run; false when that cause already has one. */
  adopt(incident: Incident, mono: number): boolean;
  /** Apply new content; says whether anything changed and whether the severity rose. */
  update(
    rec: IncidentRecord,
    c: IncidentContent,
    wall: number,
  ): { changed: boolean; escalated: boolean };
  close(profileId: string, rule: AlertRule, wall: number): IncidentRecord | null;
  openOf(profileId: string): IncidentRecord[];
  allOpen(): IncidentRecord[];
  list(q: IncidentQuery): Incident[];
  openCount(profileId?: string): number;
}

/** A deep-enough copy of an incident for listeners and callers. */
export function copyIncident(i: Incident): Incident {
  return { ...i, shardIds: [...i.shardIds] };
}

/** Create an {@link IncidentBook}. `idFactory` names new incidents. */
export function createIncidentBook(idFactory: () => string, maxClosed: number): IncidentBook {
  const open = new Map<string, IncidentRecord>();
  const openById = new Map<string, IncidentRecord>();
  /** Most recently closed last. */
  const closed: Incident[] = [];
  let seq = 0;
  const key = (profileId: string, rule: AlertRule): string => `${profileId}\u0000${rule}`;

  function add(rec: IncidentRecord): void {
    open.set(key(rec.incident.profileId, rec.incident.rule), rec);
    openById.set(rec.incident.id, rec);
  }

  return {
    get: (profileId, rule) => open.get(key(profileId, rule)) ?? null,
    byId: (id) => openById.get(id) ?? null,
    closedById: (id) => closed.find((i) => i.id === id) ?? null,

    open(profileId, rule, c, wall, mono) {
      const existing = open.get(key(profileId, rule));
      if (existing) return existing;
      const rec: IncidentRecord = {
        incident: {
          id: idFactory(),
          profileId,
          rule,
          severity: c.severity,
          title: c.title,
          body: c.body,
          shardIds: c.shardIds.slice(0, MAX_INCIDENT_SHARD_IDS),
          openedAt: wall,
          updatedAt: wall,
          clearedAt: null,
          acknowledged: false,
          suppressed: false,
        },
        seq: ++seq,
        openedMono: mono,
        downFraction: c.downFraction ?? 0,
      };
      add(rec);
      return rec;
    },

    adopt(incident, mono) {
      if (incident.clearedAt !== null || openById.has(incident.id)) return false;
      if (open.has(key(incident.profileId, incident.rule))) return false;
      add({ incident: copyIncident(incident), seq: ++seq, openedMono: mono, downFraction: 0 });
      return true;
    },

    update(rec, c, wall) {
      const i = rec.incident;
      const shardIds = c.shardIds.slice(0, MAX_INCIDENT_SHARD_IDS);
      rec.downFraction = c.downFraction ?? 0;
      const escalated = SEVERITY_RANK[c.severity] > SEVERITY_RANK[i.severity];
      const changed =
        c.severity !== i.severity ||
        c.title !== i.title ||
        c.body !== i.body ||
        shardIds.length !== i.shardIds.length ||
        shardIds.some((id, k) => id !== i.shardIds[k]);
      if (changed) {
        i.severity = c.severity;
        i.title = c.title;
        i.body = c.body;
        i.shardIds = shardIds;
        i.updatedAt = wall;
      }
      return { changed, escalated };
    },

    close(profileId, rule, wall) {
      const k = key(profileId, rule);
      const rec = open.get(k);
      if (!rec) return null;
      open.delete(k);
      openById.delete(rec.incident.id);
      rec.incident.clearedAt = wall;
      rec.incident.updatedAt = wall;
      closed.push(rec.incident);
      if (closed.length > maxClosed) closed.splice(0, closed.length - maxClosed);
      return rec;
    },

    openOf: (profileId) => [...open.values()].filter((r) => r.incident.profileId === profileId),
    allOpen: () => [...open.values()],

    list(q) {
      const inProfile = (i: Incident) => q.profileId === undefined || i.profileId === q.profileId;
      let out = [...openById.values()]
        .filter((r) => inProfile(r.incident))
        .sort((x, y) => y.incident.openedAt - x.incident.openedAt || y.seq - x.seq)
        .map((r) => r.incident);
      if (q.includeClosed) out = [...out, ...closed.filter(inProfile).reverse()];
      if (q.limit !== undefined) out = out.slice(0, Math.max(0, q.limit));
      return out.map(copyIncident);
    },

    openCount(profileId) {
      if (profileId === undefined) return openById.size;
      let n = 0;
      for (const r of openById.values()) if (r.incident.profileId === profileId) n++;
      return n;
    },
  };
}
