/**
 * Alert delivery as the renderer sees it: notification channels (never their
 * addresses or secrets), desktop alert settings, maintenance windows and the
 * delivery log, kept current by the `alerting` part of `event:delta` pushes
 * through the live loop (live-loop.ts). No polling. Requests whose success
 * changes nothing here go through the contract's client (client.ts).
 */
import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { ApiResult } from '../../../shared/api';
import type { ChannelList, DeliveryLogEntry, MaintenanceList } from '../../../shared/alerting';
import type { AppDelta } from '../../../shared/app-state';
import { formatNumber } from '../../../shared/format';
import { currentLocale } from '../i18n';
import { client } from './client';
import { createLiveLoop } from './live-loop';

/** The lists loaded at start; they carry no `seq` of their own. */
interface AlertingLists {
  seq: null;
  channels: ApiResult<ChannelList>;
  maintenance: ApiResult<MaintenanceList>;
}

/** An uptime percentage with the precision uptime needs (99.95 %, not 100 %). */
export function formatUptime(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  if (pct >= 100) return '100%';
  return `${formatNumber(pct, currentLocale(), pct >= 99 ? 3 : 2)}%`;
}

export const useAlertingStore = defineStore('alerting', () => {
  const channels = ref<ChannelList | null>(null);
  const maintenance = ref<MaintenanceList | null>(null);
  const log = ref<DeliveryLogEntry[]>([]);
  /** Bumped when the delivery log has news; the log view reloads on change. */
  const logVersion = ref(0);
  const loadError = ref<string | null>(null);
  let started: Promise<void> | null = null;

  function onDelta(d: AppDelta): void {
    const a = d.alerting;
    if (!a) return;
    if (a.channels) channels.value = a.channels;
    if (a.maintenance) maintenance.value = a.maintenance;
    if (a.deliveryLogChanged) logVersion.value++;
  }

  function show(lists: AlertingLists): void {
    const { channels: c, maintenance: m } = lists;
    if (c.ok) channels.value = c.value;
    if (m.ok) maintenance.value = m.value;
    loadError.value = !c.ok ? c.error.message : !m.ok ? m.error.message : null;
    logVersion.value++;
  }

  const live = createLiveLoop<AlertingLists>({
    load: async () => {
      const [c, m] = await Promise.all([client.channels(), client.maintenance()]);
      return { ok: true, value: { seq: null, channels: c, maintenance: m } };
    },
    snapshot: show,
    delta: onDelta,
  });

  /** Load the lists again. */
  async function load(): Promise<void> {
    await live.reload();
  }

  /** Subscribe, then load. Safe to call more than once. */
  function start(): Promise<void> {
    started ??= live.start().then(() => undefined);
    return started;
  }

  async function loadLog(
    channelId: string | null,
    limit = 100,
  ): Promise<ApiResult<DeliveryLogEntry[]>> {
    const r = await client.deliveryLog(channelId, limit);
    if (r.ok) log.value = r.value;
    return r;
  }

  function stop(): void {
    live.stop();
    started = null;
  }

  return { channels, maintenance, log, logVersion, loadError, start, stop, load, loadLog };
});
