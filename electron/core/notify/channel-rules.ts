/**
 * What makes a channel form valid, per field, as pure functions: the URL a
 * message may be sent to, quiet hours, the signing secret. Kept apart from
 * the store so the rules are tested without files.
 */
import type { ChannelInput, ChannelKind } from '../../../shared/alerting';
import { isValidTimeZone, parseHm } from '../alerts/local-time';

/** Shortest signing secret accepted: the HMAC key must not be guessable. */
export const MIN_SIGNING_SECRET = 16;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for a host on this machine (plain http is allowed there only). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why `url` cannot be a channel's address, or null when it can. */
export function checkChannelUrl(kind: ChannelKind, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'Enter the full address, starting with https://.';
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname)))
    return 'Use an https:// address (plain http:// is accepted only for this computer).';
  if (u.username !== '' || u.password !== '')
    return 'Remove the user name and password from the address.';
  if (kind === 'ntfy' && u.pathname.replace(/\//g, '') === '')
    return 'Add the topic to the address, e.g. https://ntfy.sh/my-bot-alerts.';
  if (u.hash !== '') return 'Remove the #… part of the address.';
  return null;
}

/** The host shown for a saved address (never its path or query). */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Per-field problems of a channel form. `hasUrl`/`hasSecret` say whether a
 * value is stored already (an edit that leaves a secret `undefined` keeps it).
 */
export function checkChannelInput(
  input: ChannelInput,
  stored: { hasUrl: boolean },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.name.trim() === '') errors['name'] = 'Give the channel a name, e.g. "Ops Discord".';
  else if (input.name.length > 100) errors['name'] = 'Use at most 100 characters.';
  if (typeof input.url === 'string') {
    const why = checkChannelUrl(input.kind, input.url);
    if (why) errors['url'] = why;
  } else if (input.url === null || !stored.hasUrl) {
    errors['url'] = 'Enter the webhook address this channel sends to.';
  }
  if (typeof input.signingSecret === 'string' && input.signingSecret.length > 0) {
    if (input.kind === 'webhook' && input.signingSecret.length < MIN_SIGNING_SECRET)
      errors['signingSecret'] =
        `Use a signing secret of at least ${MIN_SIGNING_SECRET} characters.`;
    if (input.kind === 'discord' || input.kind === 'slack')
      errors['signingSecret'] = 'Discord and Slack webhooks take no secret; leave this empty.';
  }
  const q = input.quietHours;
  if (q.enabled) {
    if (parseHm(q.start) === null) errors['quietHours.start'] = 'Enter a time as HH:MM.';
    if (parseHm(q.end) === null) errors['quietHours.end'] = 'Enter a time as HH:MM.';
    if (!isValidTimeZone(q.timeZone))
      errors['quietHours.timeZone'] = 'Enter an IANA time zone such as Europe/Berlin.';
  }
  return errors;
}
