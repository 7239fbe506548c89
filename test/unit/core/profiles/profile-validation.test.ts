import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../../shared/profile-model';
import {
  defaultAlertSettings,
  defaultProfileInput,
  isLoopbackHost,
  checkBotId,
  checkPublicKey,
  validateProfileInput,
} from '../../../../shared/profile-validation';

const stored = { hasPublicKey: true, hasSecret: true };

function valid(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return { ...defaultProfileInput(), name: 'Prod bot', botId: '123456789012345678', ...overrides };
}

describe('defaults', () => {
  it('a default form only lacks what the user must supply', () => {
    const r = validateProfileInput(defaultProfileInput(), {
      hasPublicKey: false,
      hasSecret: false,
    });
    expect(Object.keys(r.errors).sort()).toEqual(['botId', 'name', 'publicKey', 'secret']);
    expect(r.ok).toBe(false);
  });

  it('a filled-in default form is valid with no warnings', () => {
    const r = validateProfileInput(valid({ publicKey: 'pk', secret: 's' }), {
      hasPublicKey: false,
      hasSecret: false,
    });
    expect(r).toEqual({ ok: true, errors: {}, warnings: {} });
  });

  it('alert defaults are the documented ones', () => {
    const a = defaultAlertSettings();
    expect(a.latencyP95Ms).toBe(500);
    expect(a.quietHours).toEqual({ enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' });
    expect(a.escalateAfterMs).toBe(600_000);
  });
});

describe('one clear message per field', () => {
  const cases: Array<[string, Partial<ProfileInput>, string, RegExp]> = [
    ['empty name', { name: '   ' }, 'name', /Enter a name/],
    ['long name', { name: 'x'.repeat(81) }, 'name', /81 characters long; shorten it to 80/],
    ['bad colour', { color: 'red' }, 'color', /#rrggbb/],
    ['short colour', { color: '#fff' }, 'color', /#rrggbb/],
    ['empty url', { url: '' }, 'url', /Enter the gateway URL/],
    ['unparsable url', { url: 'not a url' }, 'url', /not a valid URL/],
    [
      'http url',
      { url: 'http://127.0.0.1:3030/gateway' },
      'url',
      /must start with ws:\/\/ or wss:\/\/.*http:/,
    ],
    [
      'credentials in url',
      { url: 'wss://user:pw@gw.example.com/gateway' },
      'url',
      /Remove the user name and password/,
    ],
    ['fragment in url', { url: 'ws://127.0.0.1:3030/gateway#x' }, 'url', /#… part/],
    ['empty bot id', { botId: '' }, 'botId', /application id/],
    ['letters in bot id', { botId: '12ab' }, 'botId', /1 to 20 digits/],
    ['too long bot id', { botId: '1'.repeat(21) }, 'botId', /1 to 20 digits/],
    ['fractional shard total', { shardTotal: 1.5 }, 'shardTotal', /whole number/],
    ['zero shard total', { shardTotal: 0 }, 'shardTotal', /between 1 and 100000; it is 0/],
    ['huge shard total', { shardTotal: 100_001 }, 'shardTotal', /between 1 and 100000/],
    ['negative shard in', { shardIn: -1 }, 'shardIn', /cannot be negative/],
    ['fractional shard in', { shardIn: 0.5 }, 'shardIn', /whole number/],
    [
      'shard in above total',
      { shardIn: 3, shardTotal: 2 },
      'shardIn',
      /cannot be larger than shard total \(2\)/,
    ],
    ['negative flags', { flags: -1 }, 'flags', /from 0 to 2147483647/],
    ['huge flags', { flags: 2 ** 31 }, 'flags', /from 0 to 2147483647/],
    [
      'short ping interval',
      { pingIntervalMs: 999 },
      'pingIntervalMs',
      /between 1000 and 300000 ms/,
    ],
    [
      'long ping interval',
      { pingIntervalMs: 300_001 },
      'pingIntervalMs',
      /between 1000 and 300000 ms/,
    ],
    ['short ping timeout', { pingTimeoutMs: 499 }, 'pingTimeoutMs', /between 500 and 60000 ms/],
    ['long ping timeout', { pingTimeoutMs: 60_001 }, 'pingTimeoutMs', /between 500 and 60000 ms/],
    ['zero lost pings', { lostPingsToDead: 0 }, 'lostPingsToDead', /between 1 and 20/],
    ['many lost pings', { lostPingsToDead: 21 }, 'lostPingsToDead', /between 1 and 20/],
    ['cleared public key', { publicKey: null }, 'publicKey', /Enter the application's public key/],
    ['blank public key', { publicKey: '  ' }, 'publicKey', /Enter the application's public key/],
    ['cleared secret', { secret: null }, 'secret', /shared secret/],
    ['multi-line secret', { secret: 'abc\r\nX-Evil: 1' }, 'secret', /line break/],
    [
      'bad quiet start',
      {
        alerts: {
          ...defaultAlertSettings(),
          quietHours: { ...defaultAlertSettings().quietHours, start: '24:00' },
        },
      },
      'alerts.quietHours.start',
      /HH:MM/,
    ],
    [
      'bad quiet end',
      {
        alerts: {
          ...defaultAlertSettings(),
          quietHours: { ...defaultAlertSettings().quietHours, end: '7:00' },
        },
      },
      'alerts.quietHours.end',
      /HH:MM/,
    ],
    [
      'bad time zone',
      {
        alerts: {
          ...defaultAlertSettings(),
          quietHours: { ...defaultAlertSettings().quietHours, timeZone: 'Mars/Olympus' },
        },
      },
      'alerts.quietHours.timeZone',
      /IANA/,
    ],
    [
      'bad loss threshold',
      { alerts: { ...defaultAlertSettings(), lossPct: 101 } },
      'alerts.lossPct',
      /between 0 and 100/,
    ],
  ];

  it.each(cases)('%s', (_label, overrides, field, message) => {
    const r = validateProfileInput(valid(overrides), stored);
    expect(r.ok).toBe(false);
    expect(Object.keys(r.errors)).toEqual([field]);
    expect(r.errors[field]).toMatch(message);
  });

  it('names another profile already uses are refused, ignoring case', () => {
    const r = validateProfileInput(valid({ name: 'prod BOT' }), {
      ...stored,
      otherNames: ['Prod bot'],
    });
    expect(r.errors.name).toMatch(/already called "prod BOT"/);
  });

  it('secrets are required for both dialects unless already stored', () => {
    for (const dialect of ['documented', 'http-interaction-0.2.2'] as const) {
      const missing = validateProfileInput(valid({ dialect }), {
        hasPublicKey: false,
        hasSecret: false,
      });
      expect(Object.keys(missing.errors).sort()).toEqual(['publicKey', 'secret']);
      expect(validateProfileInput(valid({ dialect }), stored).errors).toEqual({});
    }
  });

  it('accepts real IANA zones', () => {
    const alerts = defaultAlertSettings();
    alerts.quietHours.timeZone = 'Europe/Berlin';
    expect(validateProfileInput(valid({ alerts, shardIn: 0, shardTotal: 2 }), stored).ok).toBe(
      true,
    );
  });

  it('asks for shard in 0, because only the master can register and ping', () => {
    const r = validateProfileInput(valid({ shardIn: 1, shardTotal: 2 }), stored);
    expect(r.ok).toBe(false);
    expect(r.errors['shardIn']).toMatch(/shard master.*Set shard in to 0/);
  });
});

describe('credentials in the gateway URL', () => {
  it('refuses a user name alone, a password alone, or both, and never repeats them', () => {
    for (const url of [
      'ws://user@127.0.0.1:3030/gateway',
      'ws://:hunter2pw@127.0.0.1:3030/gateway',
      'wss://user@gw.example.com/gateway',
      'wss://:hunter2pw@gw.example.com/gateway',
      'wss://user:hunter2pw@gw.example.com/gateway',
    ]) {
      const r = validateProfileInput(valid({ url }), stored);
      expect(r.ok, url).toBe(false);
      expect(Object.keys(r.errors), url).toEqual(['url']);
      expect(r.errors.url, url).toMatch(/Remove the user name and password/);
      expect(r.errors.url, url).not.toContain('hunter2pw');
    }
  });

  it('accepts the same addresses without them', () => {
    for (const url of ['ws://127.0.0.1:3030/gateway', 'wss://gw.example.com/gateway'])
      expect(validateProfileInput(valid({ url }), stored).errors, url).toEqual({});
  });
});

describe('plain ws:// to other hosts', () => {
  it('loopback ws:// needs no acknowledgement', () => {
    for (const url of [
      'ws://127.0.0.1:3030/gateway',
      'ws://localhost/gateway',
      'ws://[::1]:3030/gateway',
      'ws://127.8.9.10/gateway',
    ]) {
      const r = validateProfileInput(valid({ url }), stored);
      expect(r.ok, url).toBe(true);
      expect(r.warnings.url, url).toBeUndefined();
    }
  });

  it('non-loopback ws:// is an error until acknowledged, then a warning', () => {
    const refused = validateProfileInput(valid({ url: 'ws://10.0.0.5:3030/gateway' }), stored);
    expect(refused.errors.url).toMatch(/unencrypted to 10\.0\.0\.5/);
    const acknowledged = validateProfileInput(
      valid({ url: 'ws://10.0.0.5:3030/gateway', allowInsecure: true }),
      stored,
    );
    expect(acknowledged.ok).toBe(true);
    expect(acknowledged.warnings.url).toMatch(/Credentials are sent unencrypted/);
  });

  it('wss:// to a remote host is fine', () => {
    const r = validateProfileInput(valid({ url: 'wss://gw.example.com/gateway' }), stored);
    expect(r).toEqual({ ok: true, errors: {}, warnings: {} });
  });

  it('isLoopbackHost knows the loopback spellings and nothing else', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.255.0.1',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '10.0.0.1',
      '128.0.0.1',
      '127.0.0',
      'localhost.example.com',
      'evil127.0.0.1',
      '::2',
      '::ffff:10.0.0.1',
      '',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('0.2.2 dialect rules', () => {
  const KEY = 'ab'.repeat(32);

  it('never registers: register mode is refused, ping only is fine; no takeover warning left', () => {
    const reg = validateProfileInput(
      valid({ dialect: 'http-interaction-0.2.2', monitorMode: 'register', publicKey: KEY }),
      stored,
    );
    expect(reg.ok).toBe(false);
    expect(reg.errors.monitorMode).toMatch(
      /never registers with an http-interaction 0.2.2 gateway/,
    );
    const ping = validateProfileInput(
      valid({ dialect: 'http-interaction-0.2.2', monitorMode: 'ping-only', publicKey: KEY }),
      stored,
    );
    expect(ping.ok).toBe(true);
    expect(ping.warnings).toEqual({});
    // The documented dialect offers both.
    for (const monitorMode of ['register', 'ping-only'] as const)
      expect(validateProfileInput(valid({ monitorMode }), stored).ok).toBe(true);
  });

  it('new profiles ping only', () => {
    expect(defaultProfileInput().monitorMode).toBe('ping-only');
  });

  it('a public key with a blank inside is refused in every dialect; 0.2.2 wants exactly 64 hex characters', () => {
    for (const dialect of ['documented', 'http-interaction-0.2.2'] as const) {
      const r = validateProfileInput(valid({ dialect, publicKey: `${KEY} ${KEY}` }), stored);
      expect(r.errors.publicKey).toMatch(/space or another blank inside/);
      expect(checkPublicKey(`x\ty`, dialect)).toMatch(/blank inside/);
    }
    // Surrounding blanks are not part of the key.
    expect(checkPublicKey(` ${KEY} `, 'http-interaction-0.2.2')).toBeNull();
    expect(checkPublicKey(KEY.toUpperCase(), 'http-interaction-0.2.2')).toBeNull();
    expect(checkPublicKey(KEY.slice(2), 'http-interaction-0.2.2')).toMatch(
      /exactly 64 hexadecimal.*62 characters/,
    );
    expect(checkPublicKey(`${KEY.slice(1)}z`, 'http-interaction-0.2.2')).toMatch(/other signs/);
    expect(checkPublicKey('not-hex-but-fine', 'documented')).toBeNull();
    // The message never repeats the key.
    expect(checkPublicKey(`${KEY}x`, 'http-interaction-0.2.2')).not.toContain(KEY);
  });

  it('bot ids: 1 to 20 digits, one rule for the editor and the CLI', () => {
    expect(checkBotId('123456789012345678')).toBeNull();
    expect(checkBotId(' 42 ')).toBeNull();
    expect(checkBotId('')).toMatch(/Enter the bot's application id/);
    expect(checkBotId('12ab')).toMatch(/1 to 20 digits/);
    expect(checkBotId('1'.repeat(21))).toMatch(/1 to 20 digits/);
  });

  it('warns when the path is not /gateway', () => {
    const r = validateProfileInput(
      valid({ dialect: 'http-interaction-0.2.2', url: 'ws://127.0.0.1:3030/ws' }),
      stored,
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.url).toMatch(/path \/gateway; this URL asks for \/ws/);
    expect(
      validateProfileInput(valid({ url: 'ws://127.0.0.1:3030/ws' }), stored).warnings.url,
    ).toBeUndefined();
  });
});
