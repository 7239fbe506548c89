/**
 * Maintenance windows and "pause alerts" on a profile, kept in
 * `maintenance.json` in the data folder (atomic writes, mode 0600). A pause
 * is a one-off window starting now, one per profile, with a known id so
 * pausing again replaces it and "resume" removes it.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type {
  ActiveMaintenance,
  MaintenanceFields,
  MaintenanceList,
  MaintenanceWindow,
  PauseChoice,
} from '../../../shared/alerting';
import { maintenanceFieldsValidator } from '../../../shared/alerting';
import { arrayOf, num, object, str } from '../../../shared/validate';
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type NoticeText, type Say } from '../../../shared/i18n/translator';
import { readJsonFile, writeJsonFile } from '../notify/json-file';
import { nextLocalTime } from './local-time';
import { activeWindows, checkMaintenance, silences } from './maintenance';
import { SNOOZE_TOMORROW_HOUR } from './alert-engine';

/** File name in the data folder. */
export const MAINTENANCE_FILE = 'maintenance.json';
/** Most windows kept. */
export const MAX_WINDOWS = 200;
const PAUSE_PREFIX = 'pause-';

interface MaintenanceFile {
  version: number;
  windows: MaintenanceWindow[];
}

const windowValidator = (v: unknown, p: string) => {
  if (typeof v !== 'object' || v === null)
    return { ok: false as const, error: `${p} must be an object` };
  const { id, createdAt, ...fields } = v as Record<string, unknown>;
  const f = maintenanceFieldsValidator(fields, p);
  if (!f.ok) return f;
  const extra = object({ id: str({ min: 1, max: 300 }), createdAt: num({ min: 0 }) })(
    { id, createdAt },
    p,
  );
  if (!extra.ok) return extra;
  return { ok: true as const, value: { ...f.value, ...extra.value } };
};

const fileValidator = object<MaintenanceFile>({
  version: num({ int: true, min: 1 }),
  windows: arrayOf(windowValidator, 10_000),
});

/** Options of {@link createMaintenanceStore}. */
export interface MaintenanceStoreOptions {
  dir: string;
  clock: Clock;
  onProblem?: (text: NoticeText) => void;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** Maintenance window storage and the "in force now" answer. */
export interface MaintenanceStore {
  list(): MaintenanceList;
  /** Whether a window silences this profile now. */
  silences(profileId: string): boolean;
  /** Create (`id` null) or replace a window. */
  save(id: string | null, fields: MaintenanceFields): ApiResult<MaintenanceWindow>;
  delete(id: string): ApiResult<null>;
  /** Pause a profile's alerts for an hour or until tomorrow 08:00 in `timeZone`; `null` resumes. */
  pauseProfile(
    profileId: string,
    choice: PauseChoice | null,
    timeZone: string,
  ): ApiResult<MaintenanceList>;
  /** Forget the windows of a deleted profile. */
  forgetProfile(profileId: string): void;
  /** The windows in force changed since the last call (for pushes). */
  activeChanged(): boolean;
}

/** Open (or create on first write) the maintenance store. */
export function createMaintenanceStore(opts: MaintenanceStoreOptions): MaintenanceStore {
  const file = path.join(opts.dir, MAINTENANCE_FILE);
  const say = opts.say ?? sayEnglish;
  let windows: MaintenanceWindow[] = [];
  const read = readJsonFile(file, fileValidator, opts.clock.wallNow());
  if (read.kind === 'ok') windows = read.value.windows;
  else if (read.kind === 'damaged')
    opts.onProblem?.(
      read.movedTo
        ? { key: 'notice.maintenanceMoved', params: { reason: read.reason, movedTo: read.movedTo } }
        : { key: 'notice.maintenanceStuck', params: { reason: read.reason } },
    );
  let lastActiveKey = '';
  // Active windows are asked for on every alert decision; the answer holds within a second.
  let cache: { at: number; active: ActiveMaintenance[] } | null = null;

  function active(): ActiveMaintenance[] {
    const now = opts.clock.wallNow();
    if (!cache || Math.floor(cache.at / 1000) !== Math.floor(now / 1000))
      cache = { at: now, active: activeWindows(windows, now) };
    return cache.active;
  }

  function persist(next: MaintenanceWindow[]): ApiResult<null> {
    const err = writeJsonFile(file, { version: 1, windows: next });
    if (err !== null) return apiError('internal', say('store.notSaved', { reason: err }));
    windows = next;
    cache = null;
    return apiOk(null);
  }

  function list(): MaintenanceList {
    const now = opts.clock.wallNow();
    // One-off windows that are over are of no more use.
    const current = windows.filter((w) => w.kind !== 'once' || w.endsAt > now);
    return { windows: structuredClone(current), active: structuredClone(active()) };
  }

  return {
    list,
    silences: (profileId) => silences(active(), profileId),
    save(id, fields) {
      const errors = checkMaintenance(fields, opts.clock.wallNow());
      if (Object.keys(errors).length > 0)
        return apiError('validation', say('store.fieldsNeedAttention'), errors);
      const old = id === null ? null : windows.find((w) => w.id === id);
      if (id !== null && !old) return apiError('not-found', say('store.windowGone'));
      if (!old && windows.length >= MAX_WINDOWS)
        return apiError('conflict', say('store.tooManyWindows', { max: MAX_WINDOWS }));
      const w: MaintenanceWindow = {
        ...structuredClone(fields),
        name: fields.name.trim(),
        days: [...new Set(fields.days)].sort(),
        id: old?.id ?? randomUUID(),
        createdAt: old?.createdAt ?? opts.clock.wallNow(),
      };
      const r = persist(old ? windows.map((x) => (x.id === w.id ? w : x)) : [...windows, w]);
      return r.ok ? apiOk(structuredClone(w)) : r;
    },
    delete(id) {
      if (!windows.some((w) => w.id === id))
        return apiError('not-found', say('store.windowAlreadyDeleted'));
      return persist(windows.filter((w) => w.id !== id));
    },
    pauseProfile(profileId, choice, timeZone) {
      const id = `${PAUSE_PREFIX}${profileId}`;
      const rest = windows.filter((w) => w.id !== id);
      if (choice === null) {
        const r = persist(rest);
        return r.ok ? apiOk(list()) : r;
      }
      const now = opts.clock.wallNow();
      const endsAt =
        choice === '1h' ? now + 3_600_000 : nextLocalTime(now, SNOOZE_TOMORROW_HOUR, 0, timeZone);
      const w: MaintenanceWindow = {
        id,
        createdAt: now,
        name: choice === '1h' ? 'Alerts paused for 1 h' : 'Alerts paused until tomorrow',
        profileId,
        kind: 'once',
        startsAt: now,
        endsAt,
        days: [],
        start: '00:00',
        durationMin: 0,
        timeZone,
      };
      const r = persist([...rest, w]);
      return r.ok ? apiOk(list()) : r;
    },
    forgetProfile(profileId) {
      const next = windows.filter((w) => w.profileId !== profileId);
      if (next.length !== windows.length) persist(next);
    },
    activeChanged() {
      const key = active()
        .map((a) => `${a.windowId}:${a.endsAt}`)
        .join(',');
      if (key === lastActiveKey) return false;
      lastActiveKey = key;
      return true;
    },
  };
}
