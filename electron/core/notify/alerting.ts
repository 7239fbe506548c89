/**
 * Alert delivery, composed: notification channels, the delivery queue,
 * maintenance windows and the uptime history, with their part of the AppApi
 * contract. The core creates one and hands its destinations and maintenance
 * answer to the alert engine; everything it changes is pushed as
 * `AppDelta.alerting`.
 */
import type { AppApi } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import { notFound } from '../../../shared/i18n/not-found';
import { sayEnglish, type NoticeText, type Say } from '../../../shared/i18n/translator';
import type {
  AlertingDelta,
  ChannelList,
  ChannelView,
  DesktopAlertSettings,
  OutageEntry,
} from '../../../shared/alerting';
import type { Notice } from '../../../shared/app-state';
import type { Incident, Severity } from '../../../shared/incident-model';
import type { Clock } from '../../../shared/clock';
import type { AlertDestination } from '../alerts/alert-router';
import { snoozeEnd } from '../alerts/alert-engine';
import { systemTimeZone } from '../alerts/local-time';
import type { MaintenanceStore } from '../alerts/maintenance-store';
import { createMaintenanceStore } from '../alerts/maintenance-store';
import type { UptimeStore } from '../history/uptime-store';
import type { SecretCipher } from '../profiles/secret-cipher';
import { MIN_PASSPHRASE_LENGTH } from '../profiles/export-format';
import { buildChannelExport, parseChannelExport } from './channel-export';
import type { ChannelStore, StoredChannel } from './channel-store';
import { createChannelStore } from './channel-store';
import type { DeliveryQueue, DeliveryQueueOptions } from './delivery-queue';
import { createDeliveryQueue } from './delivery-queue';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** The channels of the contract this module answers. */
export type AlertingApi = Pick<
  AppApi,
  | 'query:channels'
  | 'command:save-channel'
  | 'command:delete-channel'
  | 'command:test-channel'
  | 'command:mute-channel'
  | 'command:update-desktop-alerts'
  | 'query:delivery-log'
  | 'command:export-channels'
  | 'command:import-channels'
  | 'query:maintenance'
  | 'command:save-maintenance'
  | 'command:delete-maintenance'
  | 'command:pause-profile-alerts'
  | 'query:uptime'
  | 'query:outages'
>;

/** Options of {@link createAlerting}. */
export interface AlertingOptions {
  dataDir: string;
  cipher: SecretCipher;
  clock: Clock;
  uptime: UptimeStore;
  notice: (level: Notice['level'], text: NoticeText) => void;
  /** Something changed that the renderer shows. */
  onChange: (delta: AlertingDelta) => void;
  /** Ids of the profiles that exist. */
  profileIds: () => string[];
  /** Zone for "pause until tomorrow" on a profile. */
  profileTimeZone: (profileId: string) => string;
  /** Incidents, newest first: live ones and those in history. */
  incidents: (profileId: string | null, limit: number) => Incident[];
  /** Test hooks: queue timing. */
  queue?: Partial<Pick<DeliveryQueueOptions, 'backoffMs' | 'timeoutMs' | 'maxItems'>>;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** Handle of alert delivery. */
export interface Alerting {
  readonly api: AlertingApi;
  readonly channels: ChannelStore;
  readonly queue: DeliveryQueue;
  readonly maintenance: MaintenanceStore;
  /** The channels as alert destinations (enabled ones with an address). */
  destinations(): AlertDestination[];
  desktop(): DesktopAlertSettings;
  inMaintenance(profileId: string): boolean;
  /** Once a second: pushes when a maintenance window starts or ends. */
  tick(): void;
  forgetProfile(profileId: string): void;
  dispose(): Promise<void>;
}

/** Create alert delivery for a data folder. */
export function createAlerting(opts: AlertingOptions): Alerting {
  const { clock } = opts;
  const say = opts.say ?? sayEnglish;
  const problem = (text: NoticeText): void => opts.notice('warning', text);
  const channels = createChannelStore({
    dir: opts.dataDir,
    cipher: opts.cipher,
    clock,
    onProblem: problem,
    say,
  });
  let logChanged = false;
  const queue = createDeliveryQueue({
    dir: opts.dataDir,
    clock,
    channels,
    onProblem: problem,
    say,
    onChange: () => {
      logChanged = true;
      pushChannels();
    },
    ...opts.queue,
  });
  const maintenance = createMaintenanceStore({
    dir: opts.dataDir,
    clock,
    onProblem: problem,
    say,
  });
  let destinationCache: AlertDestination[] | null = null;

  function view(ch: StoredChannel): ChannelView {
    return { ...channels.view(ch), queued: queue.queued(ch.id), lastDelivery: queue.last(ch.id) };
  }

  function channelList(): ChannelList {
    return { channels: channels.list().map(view), desktop: channels.desktop() };
  }

  function pushChannels(): void {
    destinationCache = null;
    const delta: AlertingDelta = { channels: channelList() };
    if (logChanged) delta.deliveryLogChanged = true;
    logChanged = false;
    opts.onChange(delta);
  }

  function pushMaintenance(): void {
    maintenance.activeChanged();
    opts.onChange({ maintenance: maintenance.list() });
  }

  function destination(ch: StoredChannel): AlertDestination {
    return {
      id: ch.id,
      accepts: (p, severity) =>
        (ch.routing.profileIds === null || ch.routing.profileIds.includes(p.id)) &&
        RANK[severity] >= RANK[ch.routing.minSeverity],
      quietHours: () => ch.quietHours,
      mutedUntil: () => ch.mutedUntil,
      remindEveryMs: () => ch.remindEveryMin * 60_000,
      sendRecoveries: () => ch.sendRecoveries,
      deliver: (m) => queue.enqueue(ch.id, m),
    };
  }

  function outages(profileId: string | null, limit: number): OutageEntry[] {
    const list = opts.incidents(profileId, limit);
    const acks = opts.uptime.acks(list.map((i) => i.id));
    const now = clock.wallNow();
    return list.map((i) => {
      const ackedAt = acks.get(i.id) ?? null;
      return {
        incidentId: i.id,
        profileId: i.profileId,
        title: i.title,
        severity: i.severity,
        openedAt: i.openedAt,
        clearedAt: i.clearedAt,
        durationMs: Math.max(0, (i.clearedAt ?? now) - i.openedAt),
        acknowledgedAt: ackedAt,
        timeToAckMs: ackedAt === null ? null : Math.max(0, ackedAt - i.openedAt),
      };
    });
  }

  const api: AlertingApi = {
    'query:channels': async () => apiOk(channelList()),
    'command:save-channel': async (id, input) => {
      const r = id === null ? channels.create(input) : channels.update(id, input);
      if (!r.ok) return r;
      pushChannels();
      return apiOk(view(r.value));
    },
    'command:delete-channel': async (id) => {
      const r = channels.delete(id);
      if (r.ok) {
        queue.forgetChannel(id);
        pushChannels();
      }
      return r;
    },
    'command:test-channel': async (id) => {
      if (!channels.get(id)) return notFound('channel', say);
      const r = await queue.testSend(id);
      return apiOk(r);
    },
    'command:mute-channel': async (id, choice) => {
      const until = choice === null ? null : snoozeEnd(choice, clock.wallNow(), systemTimeZone());
      const r = channels.setMuted(id, until);
      if (!r.ok) return r;
      pushChannels();
      return apiOk(view(r.value));
    },
    'command:update-desktop-alerts': async (settings) => {
      const r = channels.setDesktop(settings);
      if (r.ok) pushChannels();
      return r;
    },
    'query:delivery-log': async (channelId, limit) => apiOk(queue.log(channelId, limit)),
    'command:export-channels': async ({ passphrase }) => {
      if (passphrase.length < MIN_PASSPHRASE_LENGTH)
        return apiError(
          'validation',
          say('request.passphraseShort', { min: MIN_PASSPHRASE_LENGTH }),
          { passphrase: say('request.passphraseField', { min: MIN_PASSPHRASE_LENGTH }) },
        );
      const list = channels.list();
      const secrets = list.map((c) => channels.secretsOf(c.id));
      const unreadable = list.find((_c, k) => secrets[k]?.url === null);
      if (unreadable)
        return apiError('unavailable', say('request.channelUnreadable', { name: unreadable.name }));
      const fields = list.map((c) => ({
        name: c.name,
        kind: c.kind,
        enabled: c.enabled,
        routing: c.routing,
        quietHours: c.quietHours,
        remindEveryMin: c.remindEveryMin,
        sendRecoveries: c.sendRecoveries,
      }));
      const content = buildChannelExport(
        fields,
        secrets.map((s) => ({ url: s.url ?? '', signingSecret: s.signingSecret })),
        passphrase,
        clock.wallNow(),
      );
      const day = new Date(clock.wallNow()).toISOString().slice(0, 10);
      return apiOk({ fileName: `shardwatch-channels-${day}.json`, content });
    },
    'command:import-channels': async ({ content, passphrase }) => {
      const parsed = parseChannelExport(content, passphrase);
      if (!parsed.ok) return apiError('bad-request', parsed.error);
      const known = new Set(opts.profileIds());
      const r = channels.addImported(
        parsed.channels.map((fields, k) => ({
          // Routing to profiles this installation does not have would route nothing.
          fields: {
            ...fields,
            routing: {
              ...fields.routing,
              profileIds: fields.routing.profileIds?.filter((p) => known.has(p)) ?? null,
            },
          },
          url: parsed.secrets[k]?.url ?? '',
          signingSecret: parsed.secrets[k]?.signingSecret ?? null,
        })),
      );
      if (!r.ok) return r;
      pushChannels();
      return apiOk({ imported: r.value });
    },
    'query:maintenance': async () => apiOk(maintenance.list()),
    'command:save-maintenance': async (id, fields) => {
      if (fields.profileId !== null && !opts.profileIds().includes(fields.profileId))
        return notFound('profile', say);
      const r = maintenance.save(id, fields);
      if (r.ok) pushMaintenance();
      return r;
    },
    'command:delete-maintenance': async (id) => {
      const r = maintenance.delete(id);
      if (r.ok) pushMaintenance();
      return r;
    },
    'command:pause-profile-alerts': async (profileId, choice) => {
      if (!opts.profileIds().includes(profileId)) return notFound('profile', say);
      const r = maintenance.pauseProfile(profileId, choice, opts.profileTimeZone(profileId));
      if (r.ok) pushMaintenance();
      return r;
    },
    'query:uptime': async (profileId) => {
      const ids = profileId === null ? opts.profileIds() : [profileId];
      if (profileId !== null && !opts.profileIds().includes(profileId))
        return notFound('profile', say);
      const now = clock.wallNow();
      return apiOk(ids.map((id) => opts.uptime.summary(id, now)));
    },
    'query:outages': async (profileId, limit) => {
      if (profileId !== null && !opts.profileIds().includes(profileId))
        return notFound('profile', say);
      return apiOk(outages(profileId, limit));
    },
  };

  return {
    api,
    channels,
    queue,
    maintenance,
    destinations() {
      destinationCache ??= channels
        .list()
        .filter((c) => c.enabled && c.urlCipher !== null)
        .map(destination);
      return destinationCache;
    },
    desktop: () => channels.desktop(),
    inMaintenance: (profileId) => maintenance.silences(profileId),
    tick() {
      if (maintenance.activeChanged()) opts.onChange({ maintenance: maintenance.list() });
    },
    forgetProfile(profileId) {
      maintenance.forgetProfile(profileId);
    },
    dispose: () => queue.dispose(),
  };
}
