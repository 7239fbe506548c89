/**
 * Profile defaults and per-field validation, shared by the profile store (the
 * authority) and the renderer (inline form messages). Pure: no IO.
 *
 * Every message says what is wrong and what to do, one message per field, so
 * a form can show it under the field as is.
 */
import { ANALYTICS_DEFAULTS, validateAnalyticsFields } from './analytics';
import { dialectSpec } from './dialects';
import type { AlertSettings, ProfileFields, ProfileInput, ValidationResult } from './profile-model';
import { ENVIRONMENTS } from './profile-model';
import type { Dialect } from './protocol';
import { DIALECTS, isDialect, isMonitorMode } from './protocol';
import { sayEnglish, type Say } from './i18n/translator';
import { FRAME_LIMIT_MIB } from './frame-limit';

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
  'maxFrameMiB',
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
  maxFrameMiB: { min: FRAME_LIMIT_MIB.min, max: FRAME_LIMIT_MIB.max },
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
    maxFrameMiB: FRAME_LIMIT_MIB.default,
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
  /** Words the messages in the user's language; English by default (docs/architecture.md §4). */
  say?: Say;
}

/**
 * Check a bot application id: 1 to 20 digits (a Discord snowflake). The
 * editor and `shardwatch probe --id` both use this. Null when fine.
 */
export function checkBotId(value: string, say: Say = sayEnglish): string | null {
  if (value.trim() === '') return say('validation.botIdMissing');
  if (!SNOWFLAKE_RE.test(value.trim())) return say('validation.botIdDigits');
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
export function checkPublicKey(
  value: string,
  dialect: Dialect,
  say: Say = sayEnglish,
): string | null {
  const key = value.trim();
  if (key === '') return null;
  if (/\s/.test(key)) return say('validation.publicKeyBlank');
  if (dialect === 'http-interaction-0.2.2' && !/^[0-9a-fA-F]{64}$/.test(key))
    return say(
      /^[0-9a-fA-F]*$/.test(key) ? 'validation.publicKeyHex' : 'validation.publicKeyHexSigns',
      { length: key.length },
    );
  return null;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
const SNOWFLAKE_RE = /^\d{1,20}$/;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function intInRange(
  say: Say,
  v: unknown,
  min: number,
  max: number,
  what: string,
  unit = '',
): string | null {
  if (!isInt(v))
    return unit
      ? say('validation.wholeNumberOf', { what, unit })
      : say('validation.wholeNumber', { what });
  if (v < min || v > max)
    return unit
      ? say('validation.betweenUnit', { what, min, max, unit, value: v })
      : say('validation.between', { what, min, max, value: v });
  return null;
}

function numberInRange(
  say: Say,
  v: unknown,
  min: number,
  max: number,
  what: string,
): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return say('validation.number', { what });
  if (v < min || v > max) return say('validation.between', { what, min, max, value: v });
  return null;
}

/** Normalise a secret edit: a blank string counts as no value. */
function secretPresent(edit: unknown, stored: boolean): boolean {
  if (edit === undefined) return stored;
  if (typeof edit === 'string') return edit.trim() !== '';
  return false;
}

function checkSecretValue(edit: unknown, label: string, say: Say): string | null {
  if (typeof edit !== 'string') return null;
  if (edit.trim().length > MAX_SECRET_LENGTH)
    return say('validation.secretTooLong', { label, max: MAX_SECRET_LENGTH });
  // It travels in an HTTP upgrade header (docs/protocol.md §2), where line breaks are not allowed.
  if (CONTROL_RE.test(edit.trim())) return say('validation.secretControl', { label });
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
  const say = ctx.say ?? sayEnglish;
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
  if (name === '') err('name', say('validation.nameMissing'));
  else if (name.length > MAX_NAME_LENGTH)
    err('name', say('validation.nameTooLong', { length: name.length, max: MAX_NAME_LENGTH }));
  else if (ctx.otherNames?.some((n) => n.trim().toLowerCase() === name.toLowerCase()))
    err('name', say('validation.nameTaken', { name }));

  if (typeof input.color !== 'string' || !COLOR_RE.test(input.color))
    err('color', say('validation.color'));

  if (!(ENVIRONMENTS as readonly string[]).includes(input.environment))
    err('environment', say('validation.environment', { choices: ENVIRONMENTS.join(', ') }));

  const dialectOk = isDialect(input.dialect);
  if (!dialectOk) err('dialect', say('validation.dialect', { choices: DIALECTS.join(', ') }));
  const is022 = input.dialect === 'http-interaction-0.2.2';
  if (!isMonitorMode(input.monitorMode)) err('monitorMode', say('validation.monitorMode'));
  else if (
    dialectOk &&
    input.monitorMode === 'register' &&
    !dialectSpec(input.dialect).monitorMayRegister
  )
    err('monitorMode', say('validation.neverRegister022'));

  // URL
  let url: URL | null = null;
  if (typeof input.url !== 'string' || input.url.trim() === '')
    err('url', say('validation.urlMissing'));
  else {
    try {
      url = new URL(input.url.trim());
    } catch {
      err('url', say('validation.urlInvalid'));
    }
  }
  if (url) {
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
      err('url', say('validation.urlScheme', { scheme: url.protocol }));
    else if (url.username !== '' || url.password !== '')
      // Credentials in a URL end up in logs and exports; they belong in the secret fields.
      err('url', say('validation.urlCredentials'));
    else if (url.hostname === '') err('url', say('validation.urlNoHost'));
    else if (url.hash !== '') err('url', say('validation.urlHash'));
    else {
      const insecure = url.protocol === 'ws:' && !isLoopbackHost(url.hostname);
      if (insecure && input.allowInsecure !== true)
        err('url', say('validation.urlInsecure', { host: url.hostname }));
      else if (insecure) warn('url', say('validation.urlInsecureWarning', { host: url.hostname }));
      if (is022 && url.pathname !== '/gateway')
        warn('url', say('validation.urlPath022', { path: url.pathname }));
    }
  }

  // Bot id
  err('botId', checkBotId(typeof input.botId === 'string' ? input.botId : '', say));

  // Shards
  err(
    'shardTotal',
    intInRange(
      say,
      input.shardTotal,
      PROFILE_LIMITS.shardTotal.min,
      PROFILE_LIMITS.shardTotal.max,
      say('validation.field.shardTotal'),
    ),
  );
  if (!isInt(input.shardIn)) err('shardIn', say('validation.shardInWhole'));
  else if (input.shardIn < 0) err('shardIn', say('validation.shardInNegative'));
  else if (isInt(input.shardTotal) && input.shardIn > input.shardTotal)
    // docs/protocol.md §2: the server closes a connection whose Shard-In exceeds Shard-Total.
    err(
      'shardIn',
      say('validation.shardInTooLarge', { shardIn: input.shardIn, shardTotal: input.shardTotal }),
    );
  else if (input.shardIn !== 0)
    // docs/protocol.md §1/§2: register is honoured only on the shard master, and
    // 0.2.2 drops a Shard-In > 0 connection unless the bot registered.
    err('shardIn', say('validation.shardInMaster'));

  if (!isInt(input.flags) || input.flags < 0 || input.flags >= MAX_FLAGS_EXCLUSIVE)
    err('flags', say('validation.flags', { max: MAX_FLAGS_EXCLUSIVE - 1 }));

  err(
    'pingIntervalMs',
    intInRange(
      say,
      input.pingIntervalMs,
      PROFILE_LIMITS.pingIntervalMs.min,
      PROFILE_LIMITS.pingIntervalMs.max,
      say('validation.field.pingInterval'),
      'ms',
    ),
  );
  err(
    'pingTimeoutMs',
    intInRange(
      say,
      input.pingTimeoutMs,
      PROFILE_LIMITS.pingTimeoutMs.min,
      PROFILE_LIMITS.pingTimeoutMs.max,
      say('validation.field.pingTimeout'),
      'ms',
    ),
  );
  err(
    'lostPingsToDead',
    intInRange(
      say,
      input.lostPingsToDead,
      PROFILE_LIMITS.lostPingsToDead.min,
      PROFILE_LIMITS.lostPingsToDead.max,
      say('validation.field.lostPings'),
    ),
  );
  err(
    'maxFrameMiB',
    intInRange(
      say,
      input.maxFrameMiB,
      PROFILE_LIMITS.maxFrameMiB.min,
      PROFILE_LIMITS.maxFrameMiB.max,
      say('validation.field.maxFrame'),
      'MiB',
    ),
  );

  // Secrets: the documented dialect and 0.2.2 both send Public-Key and Secret headers (docs/protocol.md §1, §2).
  err('publicKey', checkSecretValue(input.publicKey, say('validation.field.publicKey'), say));
  if (typeof input.publicKey === 'string' && dialectOk)
    err('publicKey', checkPublicKey(input.publicKey, input.dialect, say));
  err('secret', checkSecretValue(input.secret, say('validation.field.secret'), say));
  if (!secretPresent(input.publicKey, ctx.hasPublicKey))
    err('publicKey', say('validation.publicKeyMissing'));
  if (!secretPresent(input.secret, ctx.hasSecret))
    err('secret', say(is022 ? 'validation.secretMissing022' : 'validation.secretMissing'));

  validateAnalyticsFields(input, err, say);
  validateAlerts(input.alerts, err, say);

  return { ok: Object.keys(errors).length === 0, errors, warnings };
}

function validateAlerts(
  alerts: AlertSettings | undefined,
  err: (field: string, message: string | null) => void,
  say: Say,
): void {
  if (typeof alerts !== 'object' || alerts === null) {
    err('alerts', say('validation.alertsMissing'));
    return;
  }
  const f = (key: Parameters<typeof fieldName>[1]) => fieldName(say, key);
  err('alerts.latencyP95Ms', numberInRange(say, alerts.latencyP95Ms, 0, 600_000, f('latency')));
  err('alerts.lossPct', numberInRange(say, alerts.lossPct, 0, 100, f('loss')));
  err(
    'alerts.waitingForBotAfterMs',
    intInRange(
      say,
      alerts.waitingForBotAfterMs,
      WAITING_ALERT_LIMITS.min,
      WAITING_ALERT_LIMITS.max,
      f('waiting'),
      'ms',
    ),
  );
  err('alerts.raiseAfter', intInRange(say, alerts.raiseAfter, 1, 1000, f('raiseAfter')));
  err('alerts.clearAfter', intInRange(say, alerts.clearAfter, 1, 1000, f('clearAfter')));
  err(
    'alerts.escalateDownFraction',
    numberInRange(say, alerts.escalateDownFraction, 0, 1, f('escalateFraction')),
  );
  err(
    'alerts.escalateAfterMs',
    numberInRange(say, alerts.escalateAfterMs, 0, 7 * 86_400_000, f('escalateAfter')),
  );
  const q = alerts.quietHours;
  if (typeof q !== 'object' || q === null) {
    err('alerts.quietHours', say('validation.quietMissing'));
    return;
  }
  if (typeof q.start !== 'string' || !TIME_RE.test(q.start))
    err('alerts.quietHours.start', say('validation.quietStart'));
  if (typeof q.end !== 'string' || !TIME_RE.test(q.end))
    err('alerts.quietHours.end', say('validation.quietEnd'));
  if (!isValidTimeZone(q.timeZone)) err('alerts.quietHours.timeZone', say('validation.timeZone'));
}

/** A field's name in the messages of {@link intInRange} and {@link numberInRange}. */
function fieldName(
  say: Say,
  key:
    | 'latency'
    | 'loss'
    | 'waiting'
    | 'raiseAfter'
    | 'clearAfter'
    | 'escalateFraction'
    | 'escalateAfter',
): string {
  return say(`validation.field.${key}`);
}
