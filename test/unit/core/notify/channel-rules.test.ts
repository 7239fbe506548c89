/**
 * The channel form's rules (channel-rules.ts): which addresses a message may
 * be sent to (https, or plain http to this computer only; no user name,
 * password or fragment; an ntfy topic), what the user is told for each
 * field, and that only the host of a saved address is ever shown.
 */
import { describe, expect, it } from 'vitest';
import {
  checkChannelInput,
  checkChannelUrl,
  hostOf,
  isLoopbackHost,
  MIN_SIGNING_SECRET,
} from '../../../../electron/core/notify/channel-rules';
import type { ChannelInput } from '../../../../shared/alerting';

function channel(overrides: Partial<ChannelInput> = {}): ChannelInput {
  return {
    name: 'Ops',
    kind: 'webhook',
    enabled: true,
    routing: { profileIds: null, minSeverity: 'warning' },
    quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
    remindEveryMin: 0,
    sendRecoveries: true,
    url: 'https://hooks.example.com/in/abc',
    ...overrides,
  } as ChannelInput;
}

const HTTPS_ONLY = 'Use an https:// address (plain http:// is accepted only for this computer).';

describe('the address a channel sends to', () => {
  it('accepts https anywhere and plain http only on this computer', () => {
    expect(checkChannelUrl('webhook', 'https://hooks.example.com/x')).toBeNull();
    expect(checkChannelUrl('webhook', '  https://hooks.example.com/x  ')).toBeNull();
    for (const local of [
      'http://127.0.0.1:9000/x',
      'http://127.8.9.10/x',
      'http://localhost:8080/x',
      'http://[::1]:9000/x',
    ])
      expect(checkChannelUrl('webhook', local), local).toBeNull();
    for (const remote of [
      'http://hooks.example.com/x',
      'http://128.0.0.1/x',
      'http://127.0.0.1.example.com/x',
      'http://192.168.1.127/x',
      'ftp://127.0.0.1/x',
      'ws://127.0.0.1/x',
    ])
      expect(checkChannelUrl('webhook', remote), remote).toBe(HTTPS_ONLY);
  });

  it('asks for the full address when it is not one', () => {
    for (const bad of ['', 'hooks.example.com/x', '//hooks.example.com'])
      expect(checkChannelUrl('discord', bad), bad).toBe(
        'Enter the full address, starting with https://.',
      );
  });

  it('refuses a user name or a password in the address', () => {
    for (const url of [
      'https://user@hooks.example.com/x',
      'https://:pw@hooks.example.com/x',
      'https://user:pw@hooks.example.com/x',
    ])
      expect(checkChannelUrl('webhook', url), url).toBe(
        'Remove the user name and password from the address.',
      );
  });

  it('needs an ntfy topic, and only for ntfy', () => {
    for (const url of ['https://ntfy.sh', 'https://ntfy.sh/', 'https://ntfy.sh//'])
      expect(checkChannelUrl('ntfy', url), url).toBe(
        'Add the topic to the address, e.g. https://ntfy.sh/my-bot-alerts.',
      );
    expect(checkChannelUrl('ntfy', 'https://ntfy.sh/my-alerts')).toBeNull();
    expect(checkChannelUrl('webhook', 'https://hooks.example.com/')).toBeNull();
  });

  it('refuses a #fragment', () => {
    expect(checkChannelUrl('slack', 'https://hooks.slack.com/services/x#y')).toBe(
      'Remove the #… part of the address.',
    );
  });

  it('tells loopback hosts from the rest', () => {
    for (const h of ['127.0.0.1', 'localhost', '[::1]', '::1', '127.255.255.254'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['127.0.0', 'x127.0.0.1', '127.0.0.1x', 'localhost.example', '0.0.0.0'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('shows only the host of a saved address, never its path or query', () => {
    expect(hostOf('https://discord.com/api/webhooks/123/token?wait=true')).toBe('discord.com');
    expect(hostOf('http://127.0.0.1:9000/secret-path')).toBe('127.0.0.1:9000');
    expect(hostOf('not an address')).toBeNull();
  });
});

describe('the channel form, field by field', () => {
  it('a complete form has nothing to say', () => {
    expect(checkChannelInput(channel(), { hasUrl: false })).toEqual({});
  });

  it('asks for a name, and a short one', () => {
    expect(checkChannelInput(channel({ name: '  ' }), { hasUrl: true })).toEqual({
      name: 'Give the channel a name, e.g. "Ops Discord".',
    });
    expect(checkChannelInput(channel({ name: 'x'.repeat(100) }), { hasUrl: true })).toEqual({});
    expect(checkChannelInput(channel({ name: 'x'.repeat(101) }), { hasUrl: true })).toEqual({
      name: 'Use at most 100 characters.',
    });
  });

  it('asks for an address unless one is stored and kept; a cleared one is asked for again', () => {
    const ask = { url: 'Enter the webhook address this channel sends to.' };
    expect(checkChannelInput(channel({ url: undefined }), { hasUrl: false })).toEqual(ask);
    expect(checkChannelInput(channel({ url: undefined }), { hasUrl: true })).toEqual({});
    expect(checkChannelInput(channel({ url: null }), { hasUrl: true })).toEqual(ask);
    expect(checkChannelInput(channel({ url: 'http://example.com/x' }), { hasUrl: true })).toEqual({
      url: HTTPS_ONLY,
    });
  });

  it(`needs a webhook signing secret of at least ${MIN_SIGNING_SECRET} characters`, () => {
    const short = 'x'.repeat(MIN_SIGNING_SECRET - 1);
    expect(checkChannelInput(channel({ signingSecret: short }), { hasUrl: true })).toEqual({
      signingSecret: `Use a signing secret of at least ${MIN_SIGNING_SECRET} characters.`,
    });
    for (const ok of ['x'.repeat(MIN_SIGNING_SECRET), '', null, undefined])
      expect(checkChannelInput(channel({ signingSecret: ok }), { hasUrl: true })).toEqual({});
    // ntfy takes a short access token.
    expect(
      checkChannelInput(channel({ kind: 'ntfy', url: 'https://ntfy.sh/t', signingSecret: 'tk' }), {
        hasUrl: true,
      }),
    ).toEqual({});
  });

  it('refuses a secret for Discord and Slack, which take none', () => {
    for (const kind of ['discord', 'slack'] as const)
      expect(
        checkChannelInput(channel({ kind, signingSecret: 'x'.repeat(20) }), { hasUrl: true }),
      ).toEqual({ signingSecret: 'Discord and Slack webhooks take no secret; leave this empty.' });
    expect(
      checkChannelInput(channel({ kind: 'discord', signingSecret: '' }), { hasUrl: true }),
    ).toEqual({});
  });

  it('checks quiet hours only when they are on, each field on its own', () => {
    const off = { enabled: false, start: 'x', end: 'y', timeZone: 'Nowhere/Land' };
    expect(checkChannelInput(channel({ quietHours: off }), { hasUrl: true })).toEqual({});
    expect(
      checkChannelInput(channel({ quietHours: { ...off, enabled: true } }), { hasUrl: true }),
    ).toEqual({
      'quietHours.start': 'Enter a time as HH:MM.',
      'quietHours.end': 'Enter a time as HH:MM.',
      'quietHours.timeZone': 'Enter an IANA time zone such as Europe/Berlin.',
    });
    const good = { enabled: true, start: '22:30', end: '7:05', timeZone: 'Europe/Berlin' };
    expect(checkChannelInput(channel({ quietHours: good }), { hasUrl: true })).toEqual({});
    expect(
      checkChannelInput(channel({ quietHours: { ...good, end: '24:00' } }), { hasUrl: true }),
    ).toEqual({ 'quietHours.end': 'Enter a time as HH:MM.' });
  });
});
