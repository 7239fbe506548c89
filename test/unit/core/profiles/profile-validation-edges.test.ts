/**
 * The edges of every profile rule: the last value accepted and the first
 * refused, and which message each refusal gives. Messages are checked by
 * their catalogue key and figures (a `say` that echoes them), so the test
 * holds in every language.
 */
import { describe, expect, it } from 'vitest';
import type { AlertSettings, ProfileInput } from '../../../../shared/profile-model';
import type { Say } from '../../../../shared/i18n/translator';
import {
  MAX_SECRET_LENGTH,
  defaultAlertSettings,
  defaultProfileInput,
  isLoopbackHost,
  isValidTimeZone,
  validateProfileInput,
} from '../../../../shared/profile-validation';
import type { ValidationContext } from '../../../../shared/profile-validation';

/** Words each message as its key and figures: `key {"what":…}`. */
const say: Say = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);
const stored = { hasPublicKey: true, hasSecret: true, say };

function valid(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return { ...defaultProfileInput(), name: 'Prod bot', botId: '123456789012345678', ...overrides };
}

function check(overrides: Partial<ProfileInput>, ctx: Partial<ValidationContext> = {}) {
  return validateProfileInput(valid(overrides), { ...stored, ...ctx });
}

/** The key of the message for `field`, or null when the field is fine. */
function keyOf(overrides: Partial<ProfileInput>, field: string): string | null {
  const message = check(overrides).errors[field];
  return message === undefined ? null : (message.split(' ')[0] ?? null);
}

function alerts(over: Partial<AlertSettings>): { alerts: AlertSettings } {
  return { alerts: { ...defaultAlertSettings(), ...over } };
}

describe('a new profile', () => {
  it('alerts on every rule except waiting for the bot, and leaves development shards out', () => {
    const a = defaultAlertSettings();
    const switches = Object.entries(a).filter(([, v]) => typeof v === 'boolean');
    expect(Object.fromEntries(switches)).toEqual({
      connectionLost: true,
      credentialsRefused: true,
      shardsDown: true,
      silentStall: true,
      missingShards: true,
      waitingForBot: false,
      includeDevShards: false,
      restartBudget: true,
      restartLoops: true,
      oneWayShards: true,
      silentShards: true,
    });
    const input = defaultProfileInput();
    expect([input.enabled, input.botId, input.name]).toEqual([true, '', '']);
  });
});

describe('profile rules at their edges', () => {
  it('a URL with only a user name or only a password is refused: credentials go in the secret fields', () => {
    for (const url of [
      'ws://user@127.0.0.1:3030/gateway',
      'ws://:pw@127.0.0.1:3030/gateway',
      'wss://user:pw@gw.example.com/gateway',
    ])
      expect(keyOf({ url }, 'url'), url).toBe('validation.urlCredentials');
    expect(keyOf({ url: 'ws://127.0.0.1:3030/gateway' }, 'url')).toBeNull();
  });

  it('each URL problem has its own message', () => {
    expect(keyOf({ url: '   ' }, 'url')).toBe('validation.urlMissing');
    expect(keyOf({ url: 'ws://' }, 'url')).toBe('validation.urlInvalid');
    expect(check({ url: 'https://gw.example.com/gateway' }).errors['url']).toBe(
      'validation.urlScheme {"scheme":"https:"}',
    );
    expect(keyOf({ url: 'wss://gw.example.com/gateway#top' }, 'url')).toBe('validation.urlHash');
    // Blanks around a pasted URL are not part of it.
    expect(check({ url: '  wss://gw.example.com/gateway  ' }).ok).toBe(true);
  });

  it('plain ws:// to another host is refused, naming it, unless acknowledged; then a warning with the 0.2.2 path hint after it', () => {
    expect(check({ url: 'ws://gw.example.com/gateway' }).errors['url']).toBe(
      'validation.urlInsecure {"host":"gw.example.com"}',
    );
    const both = check({
      url: 'ws://gw.example.com/ws',
      allowInsecure: true,
      dialect: 'http-interaction-0.2.2',
      publicKey: 'ab'.repeat(32),
    });
    expect(both.ok).toBe(true);
    expect(both.warnings['url']).toBe(
      'validation.urlInsecureWarning {"host":"gw.example.com"} validation.urlPath022 {"path":"/ws"}',
    );
    // wss:// needs no acknowledgement and gets no warning.
    expect(check({ url: 'wss://gw.example.com/gateway' }).warnings).toEqual({});
  });

  it('names: 80 characters fit, 81 do not; the same name as another profile is taken whatever its blanks or case', () => {
    expect(keyOf({ name: 'x'.repeat(80) }, 'name')).toBeNull();
    expect(check({ name: ` ${'x'.repeat(81)} ` }).errors['name']).toBe(
      'validation.nameTooLong {"length":81,"max":80}',
    );
    expect(check({ name: ' Prod Bot ' }, { otherNames: ['  prod bot '] }).errors['name']).toBe(
      'validation.nameTaken {"name":"Prod Bot"}',
    );
    expect(check({ name: 'Prod bot 2' }, { otherNames: ['Prod bot'] }).ok).toBe(true);
  });

  it('colour, environment, dialect and monitor mode accept only their choices', () => {
    expect(keyOf({ color: '#12345g' }, 'color')).toBe('validation.color');
    expect(keyOf({ color: '#ABCdef' }, 'color')).toBeNull();
    expect(keyOf({ color: 'x#123456' }, 'color')).toBe('validation.color');
    expect(keyOf({ color: '#1234567' }, 'color')).toBe('validation.color');
    expect(keyOf({ environment: 'live' as ProfileInput['environment'] }, 'environment')).toBe(
      'validation.environment',
    );
    for (const environment of ['prod', 'staging', 'dev'] as const)
      expect(keyOf({ environment }, 'environment'), environment).toBeNull();
    const badDialect = check({
      dialect: 'other' as ProfileInput['dialect'],
      publicKey: 'a key with blanks',
    });
    expect(badDialect.errors['dialect']?.split(' ')[0]).toBe('validation.dialect');
    // The public key's shape is judged per dialect: with no dialect, it is not judged.
    expect(badDialect.errors['publicKey']).toBeUndefined();
    expect(keyOf({ monitorMode: 'watch' as ProfileInput['monitorMode'] }, 'monitorMode')).toBe(
      'validation.monitorMode',
    );
  });

  it('shard in: 0 only; a shard in equal to the total asks for the master, a larger one says it is too large', () => {
    expect(keyOf({ shardIn: 2, shardTotal: 2 }, 'shardIn')).toBe('validation.shardInMaster');
    expect(check({ shardIn: 3, shardTotal: 2 }).errors['shardIn']).toBe(
      'validation.shardInTooLarge {"shardIn":3,"shardTotal":2}',
    );
    // With no usable total only the master rule is left.
    expect(keyOf({ shardIn: 3, shardTotal: 1.5 }, 'shardIn')).toBe('validation.shardInMaster');
    expect(keyOf({ shardIn: 0, shardTotal: 1 }, 'shardIn')).toBeNull();
    expect(keyOf({ shardTotal: 1 }, 'shardTotal')).toBeNull();
    expect(keyOf({ shardTotal: 100_000 }, 'shardTotal')).toBeNull();
    expect(check({ shardTotal: 100_001 }).errors['shardTotal']).toBe(
      `validation.between ${JSON.stringify({ what: 'validation.field.shardTotal', min: 1, max: 100_000, value: 100_001 })}`,
    );
  });

  it('flags: a whole number from 0 to 2³¹−1', () => {
    for (const flags of [0, 1, 2 ** 31 - 1])
      expect(keyOf({ flags }, 'flags'), `${flags}`).toBeNull();
    for (const flags of [-1, 2 ** 31, 1.5, Number.NaN])
      expect(check({ flags }).errors['flags'], `${flags}`).toBe(
        'validation.flags {"max":2147483647}',
      );
  });

  it('ping settings: the limits themselves are accepted, one past them is not, with the unit', () => {
    const ok: Array<Partial<ProfileInput>> = [
      { pingIntervalMs: 1000 },
      { pingIntervalMs: 300_000 },
      { pingTimeoutMs: 500 },
      { pingTimeoutMs: 60_000 },
      { lostPingsToDead: 1 },
      { lostPingsToDead: 20 },
    ];
    for (const o of ok) expect(check(o).ok, JSON.stringify(o)).toBe(true);
    expect(check({ pingIntervalMs: 999 }).errors['pingIntervalMs']).toBe(
      `validation.betweenUnit ${JSON.stringify({ what: 'validation.field.pingInterval', min: 1000, max: 300_000, unit: 'ms', value: 999 })}`,
    );
    expect(check({ pingTimeoutMs: 1.5 }).errors['pingTimeoutMs']).toBe(
      `validation.wholeNumberOf ${JSON.stringify({ what: 'validation.field.pingTimeout', unit: 'ms' })}`,
    );
    expect(check({ lostPingsToDead: 2.5 }).errors['lostPingsToDead']).toBe(
      `validation.wholeNumber ${JSON.stringify({ what: 'validation.field.lostPings' })}`,
    );
  });

  it('largest frame: 1 to 128 MiB, whole numbers, the field and the unit named', () => {
    for (const maxFrameMiB of [1, 16, 128])
      expect(check({ maxFrameMiB }).ok, String(maxFrameMiB)).toBe(true);
    expect(check({ maxFrameMiB: 129 }).errors['maxFrameMiB']).toBe(
      `validation.betweenUnit ${JSON.stringify({ what: 'validation.field.maxFrame', min: 1, max: 128, unit: 'MiB', value: 129 })}`,
    );
    expect(check({ maxFrameMiB: 0 }).errors['maxFrameMiB']).toBe(
      `validation.betweenUnit ${JSON.stringify({ what: 'validation.field.maxFrame', min: 1, max: 128, unit: 'MiB', value: 0 })}`,
    );
    expect(check({ maxFrameMiB: 1.5 }).errors['maxFrameMiB']).toBe(
      `validation.wholeNumberOf ${JSON.stringify({ what: 'validation.field.maxFrame', unit: 'MiB' })}`,
    );
  });

  it('secrets: up to 4096 characters, no control characters, blanks around them ignored', () => {
    const longest = 'k'.repeat(MAX_SECRET_LENGTH);
    expect(check({ secret: `  ${longest}  ` }).ok).toBe(true);
    expect(check({ secret: `${longest}k` }).errors['secret']).toBe(
      `validation.secretTooLong ${JSON.stringify({ label: 'validation.field.secret', max: MAX_SECRET_LENGTH })}`,
    );
    expect(keyOf({ publicKey: `${longest}k` }, 'publicKey')).toBe('validation.secretTooLong');
    for (const c of ['\u0000', '\u001f', '\u007f', '\n'])
      expect(keyOf({ secret: `ab${c}cd` }, 'secret'), JSON.stringify(c)).toBe(
        'validation.secretControl',
      );
    expect(keyOf({ secret: 'ab cd~é' }, 'secret')).toBeNull();
    expect(keyOf({ secret: ' secret\n' }, 'secret')).toBeNull();
  });

  it('secrets: a stored one counts until cleared; a blank entry counts as none; 0.2.2 names its secret header', () => {
    const none = { hasPublicKey: false, hasSecret: false };
    expect(check({ publicKey: 'pk', secret: 's' }, none).ok).toBe(true);
    expect(check({}, none).errors).toEqual({
      publicKey: 'validation.publicKeyMissing',
      secret: 'validation.secretMissing',
    });
    expect(check({ secret: '   ' }).errors['secret']).toBe('validation.secretMissing');
    expect(check({ secret: null }).errors['secret']).toBe('validation.secretMissing');
    expect(
      check({ dialect: 'http-interaction-0.2.2', publicKey: 'ab'.repeat(32) }, { hasSecret: false })
        .errors['secret'],
    ).toBe('validation.secretMissing022');
    // The stored public key counts, the stored secret alone does not stand for it.
    expect(Object.keys(check({}, { hasPublicKey: false }).errors)).toEqual(['publicKey']);
    expect(Object.keys(check({}, { hasSecret: false }).errors)).toEqual(['secret']);
  });

  it('alert thresholds: each range includes its ends', () => {
    const okCases: Array<Partial<AlertSettings>> = [
      { latencyP95Ms: 0 },
      { latencyP95Ms: 600_000 },
      { lossPct: 0 },
      { lossPct: 100 },
      { waitingForBotAfterMs: 60_000 },
      { waitingForBotAfterMs: 7 * 86_400_000 },
      { raiseAfter: 1 },
      { raiseAfter: 1000 },
      { clearAfter: 1 },
      { clearAfter: 1000 },
      { escalateDownFraction: 0 },
      { escalateDownFraction: 1 },
      { escalateAfterMs: 0 },
      { escalateAfterMs: 7 * 86_400_000 },
    ];
    for (const o of okCases) expect(check(alerts(o)).errors, JSON.stringify(o)).toEqual({});
  });

  it('alert thresholds: one past either end, or not a number, is refused on that field', () => {
    const bad: Array<[Partial<AlertSettings>, string, string]> = [
      [{ latencyP95Ms: -1 }, 'alerts.latencyP95Ms', 'validation.between'],
      [{ latencyP95Ms: 600_001 }, 'alerts.latencyP95Ms', 'validation.between'],
      [{ latencyP95Ms: Number.NaN }, 'alerts.latencyP95Ms', 'validation.number'],
      [{ lossPct: -0.5 }, 'alerts.lossPct', 'validation.between'],
      [{ lossPct: Number.POSITIVE_INFINITY }, 'alerts.lossPct', 'validation.number'],
      [{ waitingForBotAfterMs: 59_999 }, 'alerts.waitingForBotAfterMs', 'validation.betweenUnit'],
      [
        { waitingForBotAfterMs: 7 * 86_400_000 + 1 },
        'alerts.waitingForBotAfterMs',
        'validation.betweenUnit',
      ],
      [{ raiseAfter: 0 }, 'alerts.raiseAfter', 'validation.between'],
      [{ raiseAfter: 1001 }, 'alerts.raiseAfter', 'validation.between'],
      [{ clearAfter: 0 }, 'alerts.clearAfter', 'validation.between'],
      [{ clearAfter: 1001 }, 'alerts.clearAfter', 'validation.between'],
      [{ escalateDownFraction: -0.01 }, 'alerts.escalateDownFraction', 'validation.between'],
      [{ escalateDownFraction: 1.01 }, 'alerts.escalateDownFraction', 'validation.between'],
      [{ escalateAfterMs: -1 }, 'alerts.escalateAfterMs', 'validation.between'],
      [{ escalateAfterMs: 7 * 86_400_000 + 1 }, 'alerts.escalateAfterMs', 'validation.between'],
    ];
    for (const [o, field, key] of bad) {
      const r = check(alerts(o));
      expect(Object.keys(r.errors), JSON.stringify(o)).toEqual([field]);
      expect(r.errors[field]?.split(' ')[0], JSON.stringify(o)).toBe(key);
    }
    // Each message names its field.
    const named: Array<[Partial<AlertSettings>, string, string]> = [
      [{ latencyP95Ms: -1 }, 'alerts.latencyP95Ms', 'latency'],
      [{ lossPct: 101 }, 'alerts.lossPct', 'loss'],
      [{ waitingForBotAfterMs: 1 }, 'alerts.waitingForBotAfterMs', 'waiting'],
      [{ raiseAfter: 0 }, 'alerts.raiseAfter', 'raiseAfter'],
      [{ clearAfter: 0 }, 'alerts.clearAfter', 'clearAfter'],
      [{ escalateDownFraction: 2 }, 'alerts.escalateDownFraction', 'escalateFraction'],
      [{ escalateAfterMs: -1 }, 'alerts.escalateAfterMs', 'escalateAfter'],
      [{ latencyP95Ms: Number.NaN }, 'alerts.latencyP95Ms', 'latency'],
    ];
    for (const [o, field, what] of named)
      expect(check(alerts(o)).errors[field], field).toContain(`"what":"validation.field.${what}"`);
  });

  it('alerts or quiet hours missing from the form are named, not a crash', () => {
    const noAlerts = { ...valid(), alerts: undefined } as unknown as ProfileInput;
    expect(validateProfileInput(noAlerts, stored).errors['alerts']).toBe(
      'validation.alertsMissing',
    );
    const noQuiet = {
      ...valid(),
      alerts: { ...defaultAlertSettings(), quietHours: null },
    } as unknown as ProfileInput;
    expect(validateProfileInput(noQuiet, stored).errors).toEqual({
      'alerts.quietHours': 'validation.quietMissing',
    });
  });

  it('quiet hours: 00:00 to 23:59 are times, 24:00 and 7:5 are not', () => {
    const quiet = (start: string, end: string) =>
      check(alerts({ quietHours: { enabled: true, start, end, timeZone: 'UTC' } })).errors;
    expect(quiet('00:00', '23:59')).toEqual({});
    expect(quiet('19:30', '09:05')).toEqual({});
    expect(quiet('24:00', '7:5')).toEqual({
      'alerts.quietHours.start': 'validation.quietStart',
      'alerts.quietHours.end': 'validation.quietEnd',
    });
    expect(quiet('x00:00', '00:00y')).toEqual({
      'alerts.quietHours.start': 'validation.quietStart',
      'alerts.quietHours.end': 'validation.quietEnd',
    });
  });

  it('each refusal keeps its first message and names its field and choices', () => {
    const KEY = 'ab'.repeat(32);
    const dialect = 'http-interaction-0.2.2' as const;
    // Too long and not hex: the length is what is said.
    expect(
      check({ dialect, publicKey: 'k'.repeat(MAX_SECRET_LENGTH + 1) }).errors['publicKey'],
    ).toBe(
      `validation.secretTooLong ${JSON.stringify({ label: 'validation.field.publicKey', max: MAX_SECRET_LENGTH })}`,
    );
    expect(check({ secret: 'a\u0000b' }).errors['secret']).toBe(
      'validation.secretControl {"label":"validation.field.secret"}',
    );
    expect(check({ dialect, publicKey: KEY.slice(2) }).errors['publicKey']).toBe(
      'validation.publicKeyHex {"length":62}',
    );
    expect(check({ dialect, publicKey: 'g'.repeat(64) }).errors['publicKey']).toBe(
      'validation.publicKeyHexSigns {"length":64}',
    );
    expect(keyOf({ dialect, publicKey: `zz${KEY}` }, 'publicKey')).toBe(
      'validation.publicKeyHexSigns',
    );
    // An empty key on 0.2.2 is missing, not badly shaped.
    expect(
      validateProfileInput(valid({ dialect, publicKey: '' }), { ...stored, hasPublicKey: false })
        .errors['publicKey'],
    ).toBe('validation.publicKeyMissing');
    expect(keyOf({ botId: '   ' }, 'botId')).toBe('validation.botIdMissing');
    expect(
      check({ alerts: alerts({ latencyP95Ms: Number.NaN }).alerts }).errors['alerts.latencyP95Ms'],
    ).toBe('validation.number {"what":"validation.field.latency"}');
    expect(
      check({ environment: 'live' as ProfileInput['environment'] }).errors['environment'],
    ).toBe('validation.environment {"choices":"prod, staging, dev"}');
    expect(check({ dialect: 'x' as ProfileInput['dialect'] }).errors['dialect']).toBe(
      'validation.dialect {"choices":"documented, http-interaction-0.2.2"}',
    );
    const nullAlerts = { ...valid(), alerts: null } as unknown as ProfileInput;
    expect(validateProfileInput(nullAlerts, stored).errors['alerts']).toBe(
      'validation.alertsMissing',
    );
    const noQuiet = { ...valid(), alerts: { ...defaultAlertSettings(), quietHours: undefined } };
    expect(validateProfileInput(noQuiet as unknown as ProfileInput, stored).errors).toEqual({
      'alerts.quietHours': 'validation.quietMissing',
    });
  });

  it('time zones: IANA names only', () => {
    expect(isValidTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('   ')).toBe(false);
    expect(isValidTimeZone('Nowhere/Town')).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });

  it('loopback hosts: a trailing dot and blanks are ignored; four parts of 0–255 starting at 127 only', () => {
    for (const h of [
      'localhost.',
      ' 127.0.0.1 ',
      '127.0.0.1.',
      '[0:0::1]',
      '::ffff:7f00:1',
      '::ffff:7f00:100',
    ])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '127.0.0.256',
      '127.0.0.1.1',
      '127.0.0.a',
      '127.0.0.a1',
      '127.0.0.12a',
      '1::ffff:7f00:1',
      '127.0.0.1234',
      '[::1',
      '::1]',
      ':::1',
      '::ffff:7f00:1:2',
      '::ffff:8f00:1',
      'x::ffff:7f00:1',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});
