/**
 * Alert delivery as the renderer sees it: notification channels (never their
 * addresses or secrets), desktop alert settings, maintenance windows and the
 * delivery log, kept current by the `alerting` part of `event:delta` pushes
 * (subscribed before the first load, like the app store). No polling.
 */
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { ApiResult } from '../../../shared/api';
import type { ChannelList, DeliveryLogEntry, MaintenanceList } from '../../../shared/alerting';
import type { AppDelta } from '../../../shared/model';
import { getApi, onReconnect } from '../ipc/client';
import { call as callApi } from './call';

/** An uptime percentage with the precision uptime needs (99.95 %, not 100 %). */
export function formatUptime(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  if (pct >= 100) return '100%';
  return `${pct.toFixed(pct >= 99 ? 3 : 2)}%`;
}

export const useAlertingStore = defineStore('alerting', () => {
  const channels = ref<ChannelList | null>(null);
  const maintenance = ref<MaintenanceList | null>(null);
  const log = ref<DeliveryLogEntry[]>([]);
  /** Bumped when the delivery log has news; the log view reloads on change. */
  const logVersion = ref(0);
  const loadError = ref<string | null>(null);
  let unsubscribe: Array<() => void> = [];
  let started: Promise<void> | null = null;

  function onDelta(d: AppDelta): void {
    const a = d.alerting;
    if (!a) return;
    if (a.channels) channels.value = a.channels;
    if (a.maintenance) maintenance.value = a.maintenance;
    if (a.deliveryLogChanged) logVersion.value++;
  }

  const call = callApi;

  async function load(): Promise<void> {
    const [c, m] = await Promise.all([call('query:channels'), call('query:maintenance')]);
    if (c.ok) channels.value = c.value;
    if (m.ok) maintenance.value = m.value;
    loadError.value = !c.ok ? c.error.message : !m.ok ? m.error.message : null;
    logVersion.value++;
  }

  /** Subscribe, then load. Safe to call more than once. */
  function start(): Promise<void> {
    if (!started) {
      const api = getApi();
      unsubscribe = [api.on('event:delta', onDelta), onReconnect(() => void load())];
      started = load();
    }
    return started;
  }

  async function loadLog(
    channelId: string | null,
    limit = 100,
  ): Promise<ApiResult<DeliveryLogEntry[]>> {
    const r = await call('query:delivery-log', channelId, limit);
    if (r.ok) log.value = r.value;
    return r;
  }

  function stop(): void {
    for (const u of unsubscribe) u();
    unsubscribe = [];
    started = null;
  }

  return { channels, maintenance, log, logVersion, loadError, start, stop, load, loadLog, call };
});
