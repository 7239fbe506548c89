/**
 * Profile defaults and per-field validation, shared by the profile store (the
 * authority) and the renderer (inline form messages). Pure: no IO.
 *
 * Every message says what is wrong and what to do, one message per field, so
 * a form can show it under the field as is.
 */
import { ANALYTICS_DEFAULTS, validateAnalyticsFields } from './analytics';
import { dialectSpec } from './dialects';
import type { AlertSettings, ProfileFields, ProfileInput, ValidationResult } from './model';
import { ENVIRONMENTS } from './model';
import type { Dialect } from './protocol';
import { DIALECTS, isDialect, isMonitorMode } from './protocol';

/** Longest profile name, so names fit in the tray menu and notifications. */
export const MAX_NAME_LENGTH = 80;
/** Largest `shardTotal` accepted (well above any real bot). */
export const MAX_SHARD_TOTAL = 100_000;
/** Flags are sent as a signed 32-bit integer by every known server. */
export const MAX_FLAGS_EXCLUSIVE = 2 ** 31;
/** Longest public key or secret accepted (matches the API's structural check). */
export const MAX_SECRET_LENGTH = 4096;

/** Ranges of the numeric connection settings, shared with form hints. */
/** Every non-secret field of a profile, in form order. */
export const PROFILE_FIELD_KEYS: ReadonlyArray<keyof ProfileFields> = [
  'name',
  'color',
  'environment',
  'url',
  'dialect',
  'monitorMode',
  'botId',
  'shardIn',
  'shardTotal',
  'flags',
  'pingIntervalMs',
  'pingTimeoutMs',
  'lostPingsToDead',
  'alerts',
  'enabled',
  'allowInsecure',
  'maxConcurrency',
  'clusters',
  'dailySessionLimit',
];

export const PROFILE_LIMITS = {
  pingIntervalMs: { min: 1000, max: 300_000 },
  pingTimeoutMs: { min: 500, max: 60_000 },
  lostPingsToDead: { min: 1, max: 20 },
  shardTotal: { min: 1, max: MAX_SHARD_TOTAL },
} as const;

/** Bounds of `alerts.waitingForBotAfterMs`: from one minute to a week. */
export const WAITING_ALERT_LIMITS = { min: 60_000, max: 7 * 86_400_000 } as const;

/** Sensible alert settings for a new profile. */
export function defaultAlertSettings(): AlertSettings {
  return {
    connectionLost: true,
    credentialsRefused: true,
    shardsDown: true,
    latencyP95Ms: 500,
    lossPct: 5,
    silentStall: true,
    missingShards: true,
    // Off by default: a gateway whose bot is not running is not broken.
    waitingForBot: false,
    waitingForBotAfterMs: 10 * 60_000,
    raiseAfter: 3,
    clearAfter: 3,
    includeDevShards: false,
    quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
    escalateDownFraction: 0.5,
    escalateAfterMs: 600_000,
    restartBudget: true,
    restartLoops: true,
    oneWayShards: true,
    silentShards: true,
  };
}

/**
 * A blank profile form: documented dialect against the default local gateway.
 * Name, bot id and secrets are left empty for the user to fill in. New
 * profiles ping only: registering may take the bot's interactions, so it is
 * a choice the user makes knowingly (docs/protocol.md §1).
 */
export function defaultProfileInput(): ProfileInput {
  return {
    name: '',
    color: '#5865f2',
    environment: 'prod',
    url: 'ws://127.0.0.1:3030/gateway',
    dialect: 'documented',
    monitorMode: 'ping-only',
    botId: '',
    shardIn: 0,
    shardTotal: 1,
    flags: 0,
    pingIntervalMs: 5000,
    pingTimeoutMs: 5000,
    lostPingsToDead: 3,
    alerts: defaultAlertSettings(),
    enabled: true,
    allowInsecure: false,
    maxConcurrency: ANALYTICS_DEFAULTS.maxConcurrency,
    clusters: null,
    dailySessionLimit: ANALYTICS_DEFAULTS.dailySessionLimit,
  };
}

/**
 * Whether a URL host name is this machine: `localhost`, 127.0.0.0/8 or `::1`
 * (with or without brackets, including the IPv4-mapped `::ffff:127.x.y.z`).
 * Only for these may credentials travel over plain `ws://` without asking.
 */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost') return true;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.includes(':')) {
    // Let the URL parser canonicalise IPv6 so every spelling of ::1 compares equal.
    let canonical: string;
    try {
      canonical = new URL(`ws://[${h}]/`).hostname.slice(1, -1);
    } catch {
      return false;
    }
    return canonical === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical);
  }
  const parts = h.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return false;
  }
  return parts[0] === '127';
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the validator needs to know beyond the form itself. */
export interface ValidationContext {
  /** A public key is already stored for this profile. */
  hasPublicKey: boolean;
  /** A shared secret is already stored for this profile. */
  hasSecret: boolean;
  /** Names of the other profiles, for the duplicate-name check. */
  otherNames?: string[];
}

/**
 * Check a bot application id: 1 to 20 digits (a Discord snowflake). The
 * editor and `shardwatch probe --id` both use this. Null when fine.
 */
export function checkBotId(value: string): string | null {
  if (value.trim() === '')
    return "Enter the bot's application id (a Discord snowflake such as 123456789012345678).";
  if (!SNOWFLAKE_RE.test(value.trim()))
    return 'The bot id must be 1 to 20 digits only (the application id from the Discord Developer Portal).';
  return null;
}

/**
 * Check a public key's shape for a dialect. A blank inside is refused in
 * every dialect: the 0.2.2 server scores each space-separated token of the
 * header, so a key with a space can pass with a wrong secret and a refusal
 * would then go unnoticed (docs/protocol.md §2 "Authentication"). On 0.2.2
 * the key is exactly 64 hexadecimal characters (an Ed25519 key in hex).
 * Null when fine; an empty value is for the caller to report.
 */
export function checkPublicKey(value: string, dialect: Dialect): string | null {
  const key = value.trim();
  if (key === '') return null;
  if (/\s/.test(key))
    return 'The public key has a space or another blank inside; paste the key alone, as one word.';
  if (dialect === 'http-interaction-0.2.2' && !/^[0-9a-fA-F]{64}$/.test(key))
    return `An http-interaction 0.2.2 gateway expects the public key as exactly 64 hexadecimal characters (0-9, a-f); this one has ${key.length} characters${/^[0-9a-fA-F]*$/.test(key) ? '' : ' and other signs than 0-9 and a-f'}.`;
  return null;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
const SNOWFLAKE_RE = /^\d{1,20}$/;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function intInRange(v: unknown, min: number, max: number, what: string, unit = ''): string | null {
  if (!isInt(v)) return `${what} must be a whole number${unit ? ` of ${unit}` : ''}.`;
  if (v < min || v > max)
    return `${what} must be between ${min} and ${max}${unit ? ` ${unit}` : ''}; it is ${v}.`;
  return null;
}

function numberInRange(v: unknown, min: number, max: number, what: string): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${what} must be a number.`;
  if (v < min || v > max) return `${what} must be between ${min} and ${max}; it is ${v}.`;
  return null;
}

/** Normalise a secret edit: a blank string counts as no value. */
function secretPresent(edit: unknown, stored: boolean): boolean {
  if (edit === undefined) return stored;
  if (typeof edit === 'string') return edit.trim() !== '';
  return false;
}

function checkSecretValue(edit: unknown, label: string): string | null {
  if (typeof edit !== 'string') return null;
  if (edit.trim().length > MAX_SECRET_LENGTH)
    return `The ${label} is longer than ${MAX_SECRET_LENGTH} characters; paste only the ${label} itself.`;
  // It travels in an HTTP upgrade header (docs/protocol.md §2), where line breaks are not allowed.
  if (CONTROL_RE.test(edit.trim()))
    return `The ${label} contains a line break or another control character; paste it again as one line.`;
  return null;
}

/**
 * Check a profile form field by field. Errors block saving; warnings are
 * shown but do not block. Keys are field names (`alerts.quietHours.start` for
 * nested fields). Secrets count as present when the input sets them, or when
 * they are stored already and the input neither sets nor clears them.
 */
export function validateProfileInput(
  input: ProfileInput,
  ctx: ValidationContext,
): ValidationResult {
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  const err = (field: string, message: string | null): void => {
    if (message !== null && errors[field] === undefined) errors[field] = message;
  };
  const warn = (field: string, message: string): void => {
    warnings[field] = warnings[field] === undefined ? message : `${warnings[field]} ${message}`;
  };

  // Name
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') err('name', 'Enter a name for this profile, e.g. "Production bot".');
  else if (name.length > MAX_NAME_LENGTH)
    err(
      'name',
      `The name is ${name.length} characters long; shorten it to ${MAX_NAME_LENGTH} or fewer.`,
    );
  else if (ctx.otherNames?.some((n) => n.trim().toLowerCase() === name.toLowerCase()))
    err(
      'name',
      `Another profile is already called "${name}"; pick a different name so alerts can tell them apart.`,
    );

  if (typeof input.color !== 'string' || !COLOR_RE.test(input.color))
    err('color', 'Pick a colour, written as #rrggbb (for example #5865f2).');

  if (!(ENVIRONMENTS as readonly string[]).includes(input.environment))
    err('environment', `Choose an environment: ${ENVIRONMENTS.join(', ')}.`);

  const dialectOk = isDialect(input.dialect);
  if (!dialectOk) err('dialect', `Choose a protocol dialect: ${DIALECTS.join(', ')}.`);
  const is022 = input.dialect === 'http-interaction-0.2.2';
  if (!isMonitorMode(input.monitorMode))
    err('monitorMode', 'Choose how Shardwatch watches the gateway: register or ping only.');
  else if (
    dialectOk &&
    input.monitorMode === 'register' &&
    !dialectSpec(input.dialect).monitorMayRegister
  )
    err(
      'monitorMode',
      "Shardwatch never registers with an http-interaction 0.2.2 gateway: that server would send the bot's interactions to Shardwatch. Choose ping only.",
    );

  // URL
  let url: URL | null = null;
  if (typeof input.url !== 'string' || input.url.trim() === '')
    err('url', 'Enter the gateway URL, e.g. wss://gateway.example.com/gateway.');
  else {
    try {
      url = new URL(input.url.trim());
    } catch {
      err(
        'url',
        'This is not a valid URL; write it as ws://host:port/path or wss://host:port/path.',
      );
    }
  }
  if (url) {
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
      err(
        'url',
        `The URL must start with ws:// or wss:// (a WebSocket address), not ${url.protocol}//.`,
      );
    else if (url.username !== '' || url.password !== '')
      // Credentials in a URL end up in logs and exports; they belong in the secret fields.
      err(
        'url',
        'Remove the user name and password from the URL; put the public key and secret in their own fields, where they are stored encrypted.',
      );
    else if (url.hostname === '') err('url', 'The URL has no host; add the gateway host name.');
    else if (url.hash !== '')
      err('url', 'Remove the #… part from the URL; WebSocket addresses cannot carry one.');
    else {
      const insecure = url.protocol === 'ws:' && !isLoopbackHost(url.hostname);
      if (insecure && input.allowInsecure !== true)
        err(
          'url',
          `ws:// sends the public key and secret unencrypted to ${url.hostname}, which is not this computer. Use wss://, or confirm that you accept unencrypted credentials.`,
        );
      else if (insecure)
        warn(
          'url',
          `Credentials are sent unencrypted to ${url.hostname} over ws://; anyone on the network path can read them. Use wss:// if the server supports it.`,
        );
      if (is022 && url.pathname !== '/gateway')
        warn(
          'url',
          `An http-interaction 0.2.2 server listens on the path /gateway; this URL asks for ${url.pathname}, which will likely fail.`,
        );
    }
  }

  // Bot id
  err('botId', checkBotId(typeof input.botId === 'string' ? input.botId : ''));

  // Shards
  err(
    'shardTotal',
    intInRange(
      input.shardTotal,
      PROFILE_LIMITS.shardTotal.min,
      PROFILE_LIMITS.shardTotal.max,
      'Shard total',
    ),
  );
  if (!isInt(input.shardIn)) err('shardIn', 'Shard in must be a whole number (0 = the master).');
  else if (input.shardIn < 0) err('shardIn', 'Shard in cannot be negative; use 0 for the master.');
  else if (isInt(input.shardTotal) && input.shardIn > input.shardTotal)
    // docs/protocol.md §2: the server closes a connection whose Shard-In exceeds Shard-Total.
    err(
      'shardIn',
      `Shard in (${input.shardIn}) cannot be larger than shard total (${input.shardTotal}); the server would close the connection.`,
    );
  else if (input.shardIn !== 0)
    // docs/protocol.md §1/§2: register is honoured only on the shard master, and
    // 0.2.2 drops a Shard-In > 0 connection unless the bot registered.
    err(
      'shardIn',
      'Shardwatch connects as the shard master: register is honoured only on shard 0, and an http-interaction 0.2.2 gateway drops other shards until the bot registers. Set shard in to 0.',
    );

  if (!isInt(input.flags) || input.flags < 0 || input.flags >= MAX_FLAGS_EXCLUSIVE)
    err('flags', `Flags must be a whole number from 0 to ${MAX_FLAGS_EXCLUSIVE - 1}.`);

  err(
    'pingIntervalMs',
    intInRange(
      input.pingIntervalMs,
      PROFILE_LIMITS.pingIntervalMs.min,
      PROFILE_LIMITS.pingIntervalMs.max,
      'Ping interval',
      'ms',
    ),
  );
  err(
    'pingTimeoutMs',
    intInRange(
      input.pingTimeoutMs,
      PROFILE_LIMITS.pingTimeoutMs.min,
      PROFILE_LIMITS.pingTimeoutMs.max,
      'Ping timeout',
      'ms',
    ),
  );
  err(
    'lostPingsToDead',
    intInRange(
      input.lostPingsToDead,
      PROFILE_LIMITS.lostPingsToDead.min,
      PROFILE_LIMITS.lostPingsToDead.max,
      'Lost pings before the connection counts as dead',
    ),
  );

  // Secrets: the documented dialect and 0.2.2 both send Public-Key and Secret headers (docs/protocol.md §1, §2).
  err('publicKey', checkSecretValue(input.publicKey, 'public key'));
  if (typeof input.publicKey === 'string' && dialectOk)
    err('publicKey', checkPublicKey(input.publicKey, input.dialect));
  err('secret', checkSecretValue(input.secret, 'secret'));
  if (!secretPresent(input.publicKey, ctx.hasPublicKey))
    err(
      'publicKey',
      "Enter the application's public key (Discord Developer Portal → General Information); the gateway checks it on connect.",
    );
  if (!secretPresent(input.secret, ctx.hasSecret))
    err(
      'secret',
      is022
        ? 'Enter the shared secret the http-interaction server was configured with; it is sent in the Secret header.'
        : "Enter the gateway's shared secret; it is sent in the Secret header on connect.",
    );

  validateAnalyticsFields(input, err);
  validateAlerts(input.alerts, err);

  return { ok: Object.keys(errors).length === 0, errors, warnings };
}

function validateAlerts(
  alerts: AlertSettings | undefined,
  err: (field: string, message: string | null) => void,
): void {
  if (typeof alerts !== 'object' || alerts === null) {
    err('alerts', 'Alert settings are missing; reset them to the defaults.');
    return;
  }
  err(
    'alerts.latencyP95Ms',
    numberInRange(alerts.latencyP95Ms, 0, 600_000, 'Latency threshold (ms, 0 = off)'),
  );
  err('alerts.lossPct', numberInRange(alerts.lossPct, 0, 100, 'Loss threshold (%, 0 = off)'));
  err(
    'alerts.waitingForBotAfterMs',
    intInRange(
      alerts.waitingForBotAfterMs,
      WAITING_ALERT_LIMITS.min,
      WAITING_ALERT_LIMITS.max,
      'The time the bot may stay unregistered before an alert',
      'ms',
    ),
  );
  err(
    'alerts.raiseAfter',
    intInRange(alerts.raiseAfter, 1, 1000, 'Bad samples before an alert is raised'),
  );
  err(
    'alerts.clearAfter',
    intInRange(alerts.clearAfter, 1, 1000, 'Good samples before an alert clears'),
  );
  err(
    'alerts.escalateDownFraction',
    numberInRange(
      alerts.escalateDownFraction,
      0,
      1,
      'The share of shards down that overrides quiet hours',
    ),
  );
  err(
    'alerts.escalateAfterMs',
    numberInRange(alerts.escalateAfterMs, 0, 7 * 86_400_000, 'Escalation delay (ms)'),
  );
  const q = alerts.quietHours;
  if (typeof q !== 'object' || q === null) {
    err('alerts.quietHours', 'Quiet hours settings are missing; reset them to the defaults.');
    return;
  }
  if (typeof q.start !== 'string' || !TIME_RE.test(q.start))
    err('alerts.quietHours.start', 'Write the start time as HH:MM in 24-hour time, e.g. 22:00.');
  if (typeof q.end !== 'string' || !TIME_RE.test(q.end))
    err('alerts.quietHours.end', 'Write the end time as HH:MM in 24-hour time, e.g. 07:00.');
  if (!isValidTimeZone(q.timeZone))
    err(
      'alerts.quietHours.timeZone',
      'Pick a time zone from the list (an IANA name such as Europe/Berlin or UTC).',
    );
}
