/**
 * Messages to people: what an alert says when it opens, escalates, repeats,
 * recovers, or is summed up after quiet hours. One neutral shape, turned into
 * a desktop notification here and into Discord, Slack, webhook or ntfy
 * payloads by the channel formatters. Carries no secret: names, counts, ids.
 */
import { randomUUID } from 'node:crypto';
import type { AlertRule, Incident, Severity } from '../../../shared/incident-model';
import type { MessageKind } from '../../../shared/alerting';
import type { Notification } from './notifier';
import { formatLocalHm } from './local-time';
import { formatDuration } from './text';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';

/** One incident in a quiet-hours summary. */
export interface SummaryItem {
  profileName: string;
  title: string;
  severity: Severity;
  openedAt: number;
  clearedAt: number | null;
}

/** A message about an incident (or a summary, or a test). */
export interface AlertMessage {
  /** Unique; receivers may use it to drop a retried duplicate. */
  id: string;
  kind: MessageKind;
  severity: Severity;
  /** The incident has cleared (recovery messages). */
  recovered: boolean;
  profileId: string | null;
  profileName: string | null;
  incidentId: string | null;
  rule: AlertRule | null;
  /** The incident's title, e.g. `37 of 128 shards down`. */
  headline: string;
  body: string;
  shardIds: number[];
  openedAt: number | null;
  /** How long the incident has been (or was) open. */
  durationMs: number | null;
  /** Wall ms the message was made. */
  at: number;
  items: SummaryItem[];
}

/** Display name of a profile in messages. */
export function profileLabel(name: string, say: Say = sayEnglish): string {
  return name.trim() === '' ? say('message.unnamedProfile') : name;
}

/** The message for one incident event. `bypass` is why quiet hours were broken, if they were. */
export function incidentMessage(
  kind: 'open' | 'escalate' | 'reminder' | 'recovery',
  i: Incident,
  profileName: string,
  now: number,
  timeZone: string,
  bypass: string | null = null,
  say: Say = sayEnglish,
): AlertMessage {
  const end = i.clearedAt ?? now;
  const duration = Math.max(0, end - i.openedAt);
  let body = i.body;
  if (kind === 'recovery') {
    body = say('message.recovered', {
      duration: formatDuration(duration, say),
      time: formatLocalHm(i.openedAt, timeZone),
    });
  } else if (kind === 'reminder') {
    body = say(i.acknowledged ? 'message.stillOpen' : 'message.stillOpenUnacked', {
      duration: formatDuration(duration, say),
      body: i.body,
    });
  }
  if (bypass) body = `${body}\n${say('message.bypassed', { why: bypass })}`;
  return {
    id: randomUUID(),
    kind,
    severity: bypass ? 'critical' : i.severity,
    recovered: kind === 'recovery',
    profileId: i.profileId,
    profileName: profileLabel(profileName, say),
    incidentId: i.id,
    rule: i.rule,
    headline: i.title,
    body,
    shardIds: [...i.shardIds],
    openedAt: i.openedAt,
    durationMs: duration,
    at: now,
    items: [],
  };
}

/** The summary sent when quiet hours end. */
export function quietSummaryMessage(
  items: SummaryItem[],
  now: number,
  timeZone: string,
  say: Say = sayEnglish,
): AlertMessage {
  const still = items.filter((x) => x.clearedAt === null).length;
  const lines = items.slice(0, 20).map((x) => {
    const when = formatLocalHm(x.openedAt, timeZone);
    const state =
      x.clearedAt === null
        ? say('message.summaryStillOpen')
        : say('message.summaryRecovered', {
            duration: formatDuration(x.clearedAt - x.openedAt, say),
          });
    return `• ${x.profileName}: ${x.title} (${when}, ${state})`;
  });
  if (items.length > lines.length)
    lines.push(say('message.summaryMore', { count: items.length - lines.length }));
  const worst: Severity = items.some((x) => x.severity === 'critical' && x.clearedAt === null)
    ? 'critical'
    : still > 0
      ? 'warning'
      : 'info';
  return {
    id: randomUUID(),
    kind: 'quiet-summary',
    severity: worst,
    recovered: still === 0,
    profileId: null,
    profileName: null,
    incidentId: null,
    rule: null,
    headline: say(
      items.length === 1 ? 'message.summaryHeadlineOne' : 'message.summaryHeadlineMany',
      { count: items.length, open: still },
    ),
    body: lines.join('\n'),
    shardIds: [],
    openedAt: null,
    durationMs: null,
    at: now,
    items,
  };
}

/** The message "Send test" delivers. */
export function testMessage(channelName: string, now: number, say: Say = sayEnglish): AlertMessage {
  return {
    id: randomUUID(),
    kind: 'test',
    severity: 'info',
    recovered: false,
    profileId: null,
    profileName: null,
    incidentId: null,
    rule: null,
    headline: say('message.testHeadline'),
    body: say('message.testBody', { channel: channelName }),
    shardIds: [],
    openedAt: null,
    durationMs: null,
    at: now,
    items: [],
  };
}

/** One line naming the message, for titles and the delivery log. */
export function messageTitle(m: AlertMessage, say: Say = sayEnglish): string {
  const who = m.profileName ? `${m.profileName}: ` : '';
  switch (m.kind) {
    case 'recovery':
      return `${who}${say('message.titleRecovered', { headline: m.headline })}`;
    case 'reminder':
      return `${who}${say('message.titleStillOpen', { headline: m.headline })}`;
    default:
      return `${who}${m.headline}`;
  }
}

/** The desktop notification for a message. */
export function toNotification(m: AlertMessage, say: Say = sayEnglish): Notification {
  return {
    title: `Shardwatch · ${messageTitle(m, say)}`,
    body: m.body,
    severity: m.recovered ? 'info' : m.severity,
    profileId: m.profileId ?? '',
    shardId: m.shardIds.length === 1 ? (m.shardIds[0] ?? null) : null,
    incidentId: m.incidentId ?? '',
  };
}
