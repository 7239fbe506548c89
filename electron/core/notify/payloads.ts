/**
 * What each kind of channel receives: a Discord embed coloured by severity,
 * a Slack-compatible attachment, Shardwatch's own JSON body (signed with
 * HMAC-SHA256 when the channel has a signing secret; see
 * docs/notifications.md) or an ntfy JSON publish. Pure: the same message and
 * secrets give the same request, except the signature's timestamp.
 */
import { createHmac } from 'node:crypto';
import type { ChannelKind } from '../../../shared/alerting';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { Severity } from '../../../shared/incident-model';
import type { AlertMessage } from '../alerts/messages';
import { messageTitle } from '../alerts/messages';
import { formatDuration, shardList, truncate } from '../alerts/text';

/** An HTTP POST ready to send. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Version of the generic webhook body. */
export const WEBHOOK_BODY_VERSION = 1;
/** Header names of the generic webhook. */
export const WEBHOOK_HEADERS = {
  delivery: 'X-Shardwatch-Delivery',
  timestamp: 'X-Shardwatch-Timestamp',
  signature: 'X-Shardwatch-Signature',
} as const;

const COLOURS: Record<Severity | 'recovered', number> = {
  critical: 0xd64545,
  warning: 0xe0a100,
  info: 0x3b82c4,
  recovered: 0x2e9e5b,
};

function colourOf(m: AlertMessage): number {
  return m.recovered ? COLOURS.recovered : COLOURS[m.severity];
}

/** Name / value pairs shown beside the text in chat messages. */
function facts(m: AlertMessage, say: Say): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (m.profileName) out.push([say('payload.profile'), m.profileName]);
  out.push([
    say('payload.severity'),
    say(`payload.level.${m.recovered ? 'recovered' : m.severity}`),
  ]);
  if (m.shardIds.length > 0) out.push([say('payload.shards'), shardList(m.shardIds, say)]);
  if (m.durationMs !== null)
    out.push([
      say(m.recovered ? 'payload.outage' : 'payload.openFor'),
      formatDuration(m.durationMs, say),
    ]);
  return out;
}

function discord(m: AlertMessage, say: Say): unknown {
  return {
    username: 'Shardwatch',
    // Alert text comes from gateway data: never let it ping @everyone.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: truncate(messageTitle(m, say), 256),
        description: truncate(m.body, 4000),
        color: colourOf(m),
        fields: facts(m, say).map(([name, value]) => ({
          name,
          value: truncate(value, 1000),
          inline: true,
        })),
        timestamp: new Date(m.at).toISOString(),
        footer: { text: 'Shardwatch' },
      },
    ],
  };
}

function slack(m: AlertMessage, say: Say): unknown {
  const title = messageTitle(m, say);
  return {
    text: `Shardwatch: ${title}`,
    attachments: [
      {
        color: `#${colourOf(m).toString(16).padStart(6, '0')}`,
        title,
        text: m.body,
        fields: facts(m, say).map(([title, value]) => ({ title, value, short: true })),
        footer: 'Shardwatch',
        ts: Math.floor(m.at / 1000),
      },
    ],
  };
}

/** The documented body of the generic webhook (docs/notifications.md). */
export function webhookBody(m: AlertMessage, say: Say = sayEnglish): unknown {
  return {
    version: WEBHOOK_BODY_VERSION,
    id: m.id,
    kind: m.kind,
    severity: m.severity,
    recovered: m.recovered,
    title: messageTitle(m, say),
    headline: m.headline,
    body: m.body,
    profile: m.profileId ? { id: m.profileId, name: m.profileName } : null,
    incident: m.incidentId
      ? {
          id: m.incidentId,
          rule: m.rule,
          openedAt: m.openedAt === null ? null : new Date(m.openedAt).toISOString(),
          durationMs: m.durationMs,
        }
      : null,
    shards: m.shardIds,
    summary: m.items.map((x) => ({
      profile: x.profileName,
      title: x.title,
      severity: x.severity,
      openedAt: new Date(x.openedAt).toISOString(),
      clearedAt: x.clearedAt === null ? null : new Date(x.clearedAt).toISOString(),
    })),
    at: new Date(m.at).toISOString(),
  };
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const NTFY_PRIORITY: Record<Severity, number> = { critical: 5, warning: 4, info: 3 };

function ntfy(m: AlertMessage, topicUrl: string, say: Say): { url: string; body: unknown } {
  const u = new URL(topicUrl);
  const parts = u.pathname.split('/').filter((x) => x !== '');
  const topic = parts.pop() ?? '';
  // ntfy's JSON publishing goes to the server root (or the path it is served under).
  const base = `${u.origin}/${parts.map((p) => `${p}/`).join('')}`;
  return {
    url: base,
    body: {
      topic: decodeURIComponent(topic),
      title: `Shardwatch: ${messageTitle(m, say)}`,
      message: m.body,
      priority: m.recovered ? 3 : NTFY_PRIORITY[m.severity],
      tags: [
        m.recovered ? 'white_check_mark' : m.severity === 'critical' ? 'rotating_light' : 'warning',
      ],
    },
  };
}

/**
 * The request for one message to one channel. `deliveryId` stays the same
 * across retries, so a receiver can drop duplicates; the timestamp and
 * signature are made fresh for each attempt. `say` words the title's prefix
 * and the names beside the text: the app's language when the request is
 * made (each attempt), not the language of whoever set the channel up.
 */
export function buildRequest(
  kind: ChannelKind,
  m: AlertMessage,
  secrets: { url: string; signingSecret: string | null },
  deliveryId: string,
  nowWall: number,
  say: Say = sayEnglish,
): OutgoingRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Shardwatch',
  };
  let url = secrets.url;
  let doc: unknown;
  switch (kind) {
    case 'discord':
      doc = discord(m, say);
      break;
    case 'slack':
      doc = slack(m, say);
      break;
    case 'ntfy': {
      const n = ntfy(m, secrets.url, say);
      url = n.url;
      doc = n.body;
      if (secrets.signingSecret) headers['Authorization'] = `Bearer ${secrets.signingSecret}`;
      break;
    }
    case 'webhook':
      doc = webhookBody(m, say);
      break;
  }
  const body = JSON.stringify(doc);
  if (kind === 'webhook') {
    const ts = Math.floor(nowWall / 1000);
    headers[WEBHOOK_HEADERS.delivery] = deliveryId;
    headers[WEBHOOK_HEADERS.timestamp] = String(ts);
    if (secrets.signingSecret)
      headers[WEBHOOK_HEADERS.signature] = signBody(secrets.signingSecret, ts, body);
  }
  return { url, headers, body };
}
