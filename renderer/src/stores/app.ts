/**
 * The app-wide store: the live picture of profiles, status, incidents, tray,
 * snooze, settings and notices, kept up to date by `event:delta` pushes
 * through the live loop (live-loop.ts, docs/architecture.md §3.2), plus an
 * action for each command whose success changes that picture at once.
 * Requests that change nothing here go through the contract's client
 * (client.ts) directly.
 *
 * Every action resolves to the {@link ApiResult} so the view that called it
 * can show an error right where the user acted.
 */
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { ApiResult, OpenTarget } from '../../../shared/api';
import type { AppSettings, SecretStorageInfo } from '../../../shared/app-settings';
import type { AppDelta, AppSnapshot, Notice } from '../../../shared/app-state';
import type { Incident, SnoozeChoice, SnoozeState } from '../../../shared/incident-model';
import type { ProfileStatus } from '../../../shared/live-status';
import type { ProfileInput, ProfileView } from '../../../shared/profile-model';
import type { TrayModel } from '../../../shared/tray';
import { getApi, onConnectionChange } from '../ipc/client';
import { client } from './client';
import { createLiveLoop } from './live-loop';

/** Shard changes carried by a delta, for the detail view's store. */
export type ShardDelta = NonNullable<AppDelta['shards']>[number];

/** How long a deleted profile can be brought back with "Undo". */
export const UNDO_DELETE_MS = 10_000;

/** Loading state of the first snapshot. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

function byOrder(a: ProfileView, b: ProfileView): number {
  return a.order - b.order;
}

/** Replace or append items by `id`. */
function upsertById<T extends { id: string }>(list: readonly T[], items: readonly T[]): T[] {
  const next = list.slice();
  for (const item of items) {
    const i = next.findIndex((x) => x.id === item.id);
    if (i === -1) next.push(item);
    else next[i] = item;
  }
  return next;
}

/** The app store (Pinia setup store). */
export const useAppStore = defineStore('app', () => {
  /** `seq` of the newest state applied; -1 before the snapshot. */
  const seq = ref(-1);
  const loadState = ref<LoadState>('idle');
  /**
   * Wall ms since when the engine is unreachable (browser mode, the server
   * stopped); null while it answers. What is on screen is from before then.
   */
  const unreachableSince = ref<number | null>(null);
  const loadError = ref<string | null>(null);

  // Large, replaced-wholesale data lives in shallowRefs: deltas swap the
  // whole value, so deep reactivity would only cost time.
  const profiles = shallowRef<ProfileView[]>([]);
  const status = shallowRef<Record<string, ProfileStatus>>({});
  const incidents = shallowRef<Incident[]>([]);
  const tray = shallowRef<TrayModel | null>(null);
  const notices = shallowRef<Notice[]>([]);
  const snooze = shallowRef<SnoozeState>({ until: null, paused: false });
  const settings = shallowRef<AppSettings | null>(null);
  const secretStorage = shallowRef<SecretStorageInfo | null>(null);
  const readOnly = ref(false);
  const mode = ref<AppSnapshot['mode']>('electron');
  /** The language `system` stands for, as the engine resolved it (null before the first snapshot). */
  const systemLocale = ref<AppSnapshot['systemLocale'] | null>(null);
  /** The last `event:open` target (a notification click), for views that care. */
  const openTarget = shallowRef<OpenTarget | null>(null);
  /**
   * Copies made in this window: copy id → name of the original, so the editor
   * the copy opens in can say what it is a copy of.
   */
  const copiedFrom = shallowRef<Readonly<Record<string, string>>>({});

  const profileById = computed(() => {
    const map = new Map<string, ProfileView>();
    for (const p of profiles.value) map.set(p.id, p);
    return map;
  });
  const openIncidents = computed(() => incidents.value.filter((i) => i.clearedAt === null));
  /**
   * Open incidents per profile: the one source of every incident count on
   * screen (the nav badge, the overview, the detail and the Incidents page
   * all count this list), so no two places can disagree.
   */
  const openIncidentsByProfile = computed(() => {
    const counts = new Map<string, number>();
    for (const i of openIncidents.value)
      counts.set(i.profileId, (counts.get(i.profileId) ?? 0) + 1);
    return counts;
  });

  /** Profiles deleted on screen whose deletion can still be undone. */
  const pendingDeletes = shallowRef<Array<{ profile: ProfileView; until: number }>>([]);
  const deleteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A deletion the engine refused after the undo time (the profile is back). */
  const deleteError = ref<{ name: string; message: string } | null>(null);

  const shardListeners = new Set<(delta: ShardDelta) => void>();
  const openListeners = new Set<(target: OpenTarget) => void>();

  let unsubscribe: (() => void)[] = [];
  let starting: Promise<void> | null = null;

  /** The engine's list less the profiles waiting out their undo time. */
  function shown(list: readonly ProfileView[]): ProfileView[] {
    const hidden = pendingDeletes.value;
    const out = list.slice().sort(byOrder);
    return hidden.length === 0
      ? out
      : out.filter((p) => !hidden.some((d) => d.profile.id === p.id));
  }

  function applySnapshot(snap: AppSnapshot): void {
    seq.value = snap.seq;
    profiles.value = shown(snap.profiles);
    status.value = { ...snap.status };
    incidents.value = snap.incidents.slice();
    tray.value = snap.tray;
    snooze.value = snap.snooze;
    settings.value = snap.settings;
    secretStorage.value = snap.secretStorage;
    notices.value = snap.notices.slice();
    readOnly.value = snap.readOnly;
    mode.value = snap.mode;
    systemLocale.value = snap.systemLocale;
  }

  /** Apply one delta (the live loop passes only those newer than what is shown). */
  function applyDelta(delta: AppDelta): void {
    seq.value = delta.seq;
    if (delta.profiles) profiles.value = shown(delta.profiles);
    if (delta.status && delta.status.length > 0) {
      const next = { ...status.value };
      for (const s of delta.status) next[s.profileId] = s;
      status.value = next;
    }
    if (delta.incidents && delta.incidents.length > 0) {
      incidents.value = upsertById(incidents.value, delta.incidents);
    }
    if (delta.tray) tray.value = delta.tray;
    if (delta.snooze) snooze.value = delta.snooze;
    if (delta.settings) settings.value = delta.settings;
    if (delta.notices) notices.value = delta.notices.slice();
    if (delta.shards) for (const s of delta.shards) for (const l of shardListeners) l(s);
  }

  const live = createLiveLoop<AppSnapshot>({
    load: () => client.snapshot(),
    snapshot: applySnapshot,
    delta: applyDelta,
    reconnected(result) {
      if (!result.ok) return;
      loadState.value = 'ready';
      loadError.value = null;
    },
  });

  /**
   * Subscribe, then load the snapshot. Safe to call more than once: later
   * calls return the same promise while loading, and reload after an error.
   */
  function start(): Promise<void> {
    if (starting && loadState.value !== 'error') return starting;
    starting = (async () => {
      if (unsubscribe.length === 0) {
        const api = getApi();
        unsubscribe = [
          api.on('event:open', (target) => {
            openTarget.value = target;
            for (const l of openListeners) l(target);
          }),
          onConnectionChange((connected) => {
            if (!connected) unreachableSince.value ??= Date.now();
            else unreachableSince.value = null;
          }),
        ];
      }
      loadState.value = 'loading';
      loadError.value = null;
      const result = await live.start();
      if (!result.ok) {
        loadState.value = 'error';
        loadError.value = result.error.message;
        return;
      }
      loadState.value = 'ready';
    })();
    return starting;
  }

  /** Load the snapshot again ("Retry"): replaces what is shown once it arrives. */
  async function reload(): Promise<void> {
    if (loadState.value === 'ready') {
      await live.reload();
      return;
    }
    loadState.value = 'error';
    await start();
  }

  /** Stop listening (tests, hot reload). */
  function stop(): void {
    live.stop();
    for (const u of unsubscribe) u();
    unsubscribe = [];
    starting = null;
  }

  /** Listen to shard changes carried by deltas; returns the unsubscribe. */
  function onShards(listener: (delta: ShardDelta) => void): () => void {
    shardListeners.add(listener);
    return () => shardListeners.delete(listener);
  }

  /** Listen to `event:open` (a notification was clicked); returns the unsubscribe. */
  function onOpen(listener: (target: OpenTarget) => void): () => void {
    openListeners.add(listener);
    return () => openListeners.delete(listener);
  }

  // Successful commands are reflected at once; the delta that follows carries
  // the same (or newer) data and replaces it.
  function upsertProfile(p: ProfileView): void {
    profiles.value = upsertById(profiles.value, [p]).sort(byOrder);
  }

  async function createProfile(input: ProfileInput): Promise<ApiResult<ProfileView>> {
    const r = await client.createProfile(input);
    if (r.ok) upsertProfile(r.value);
    return r;
  }
  async function updateProfile(id: string, input: ProfileInput): Promise<ApiResult<ProfileView>> {
    const r = await client.updateProfile(id, input);
    if (r.ok) upsertProfile(r.value);
    return r;
  }
  /** The copy is made in the core, secrets included; they never pass through here. */
  async function duplicateProfile(id: string): Promise<ApiResult<ProfileView>> {
    const source = profileById.value.get(id);
    const r = await client.duplicateProfile(id);
    if (r.ok) {
      upsertProfile(r.value);
      if (source) copiedFrom.value = { ...copiedFrom.value, [r.value.id]: source.name };
    }
    return r;
  }
  async function deleteProfile(id: string): Promise<ApiResult<null>> {
    const r = await client.deleteProfile(id);
    if (r.ok) profiles.value = profiles.value.filter((p) => p.id !== id);
    return r;
  }

  /**
   * Delete with undo: the profile leaves the screen at once and the engine
   * deletes it (with its history) only after {@link UNDO_DELETE_MS}, so
   * "Undo" loses nothing, not even the stored secrets. Leaving the page
   * carries the deletion out at once.
   */
  function deleteWithUndo(id: string): void {
    const profile = profileById.value.get(id);
    if (!profile || pendingDeletes.value.some((d) => d.profile.id === id)) return;
    deleteError.value = null;
    pendingDeletes.value = [
      ...pendingDeletes.value,
      { profile, until: Date.now() + UNDO_DELETE_MS },
    ];
    profiles.value = profiles.value.filter((p) => p.id !== id);
    deleteTimers.set(
      id,
      setTimeout(() => void commitDelete(id), UNDO_DELETE_MS),
    );
  }

  function forgetPending(id: string): ProfileView | null {
    const timer = deleteTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    deleteTimers.delete(id);
    const entry = pendingDeletes.value.find((d) => d.profile.id === id);
    pendingDeletes.value = pendingDeletes.value.filter((d) => d.profile.id !== id);
    return entry?.profile ?? null;
  }

  /** Bring a profile deleted with {@link deleteWithUndo} back (nothing was deleted yet). */
  function undoDelete(id: string): void {
    const profile = forgetPending(id);
    if (profile && !profiles.value.some((p) => p.id === id))
      profiles.value = [...profiles.value, profile].sort(byOrder);
  }

  /** Carry out a waiting deletion now (the toast was dismissed, or the page is going away). */
  async function commitDelete(id: string): Promise<void> {
    const profile = forgetPending(id);
    if (!profile) return;
    const r = await client.deleteProfile(id);
    if (r.ok || r.error.code === 'not-found') return;
    // Not deleted: show it again, with the reason.
    profiles.value = [...profiles.value.filter((p) => p.id !== id), profile].sort(byOrder);
    deleteError.value = { name: profile.name, message: r.error.message };
  }

  /** Carry out every waiting deletion now (the page is going away, or a command needs them done). */
  async function flushDeletes(): Promise<void> {
    await Promise.all(pendingDeletes.value.map((d) => commitDelete(d.profile.id)));
  }
  async function setProfileEnabled(id: string, enabled: boolean): Promise<ApiResult<ProfileView>> {
    const r = await client.setProfileEnabled(id, enabled);
    if (r.ok) upsertProfile(r.value);
    return r;
  }
  async function reorderProfiles(ids: string[]): Promise<ApiResult<ProfileView[]>> {
    const r = await client.reorderProfiles(ids);
    if (r.ok) profiles.value = r.value.slice().sort(byOrder);
    return r;
  }
  async function ackIncident(id: string): Promise<ApiResult<Incident>> {
    const r = await client.ackIncident(id);
    if (r.ok) incidents.value = upsertById(incidents.value, [r.value]);
    return r;
  }
  async function setSnooze(choice: SnoozeChoice | null): Promise<ApiResult<SnoozeState>> {
    const r = await client.snooze(choice);
    if (r.ok) snooze.value = r.value;
    return r;
  }
  async function pauseAll(paused: boolean): Promise<ApiResult<SnoozeState>> {
    const r = await client.pauseAll(paused);
    if (r.ok) snooze.value = r.value;
    return r;
  }
  async function updateSettings(patch: Partial<AppSettings>): Promise<ApiResult<AppSettings>> {
    const r = await client.updateSettings(patch);
    if (r.ok) settings.value = r.value;
    return r;
  }
  async function dismissNotice(id: string): Promise<ApiResult<null>> {
    const r = await client.dismissNotice(id);
    if (r.ok) notices.value = notices.value.filter((n) => n.id !== id);
    return r;
  }
  async function restoreDemo(): Promise<ApiResult<ProfileView>> {
    // A Demo still waiting out its undo time would make the engine say "already there".
    await flushDeletes();
    const r = await client.restoreDemo();
    if (r.ok) upsertProfile(r.value);
    return r;
  }
  /** Start a local simulator and add a working profile for it ("Add a simulator profile"). */
  async function addSimulatorProfile(): Promise<ApiResult<ProfileView>> {
    const r = await client.addSimulatorProfile();
    if (r.ok) upsertProfile(r.value);
    return r;
  }
  async function chooseSecretStorage(
    choice: 'session-only' | 'store-weak',
  ): Promise<ApiResult<SecretStorageInfo>> {
    const r = await client.chooseSecretStorage(choice);
    if (r.ok) secretStorage.value = r.value;
    return r;
  }

  return {
    // state
    seq,
    loadState,
    unreachableSince,
    loadError,
    profiles,
    status,
    incidents,
    tray,
    notices,
    snooze,
    settings,
    secretStorage,
    readOnly,
    mode,
    systemLocale,
    openTarget,
    copiedFrom,
    // getters
    profileById,
    openIncidents,
    openIncidentsByProfile,
    // lifecycle
    start,
    reload,
    stop,
    onShards,
    onOpen,
    // commands
    createProfile,
    updateProfile,
    duplicateProfile,
    deleteProfile,
    deleteWithUndo,
    undoDelete,
    commitDelete,
    flushDeletes,
    pendingDeletes,
    deleteError,
    setProfileEnabled,
    reorderProfiles,
    ackIncident,
    setSnooze,
    pauseAll,
    updateSettings,
    dismissNotice,
    restoreDemo,
    addSimulatorProfile,
    chooseSecretStorage,
  };
});
