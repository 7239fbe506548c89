/**
 * Reading the profiles file's text (stored-file.ts): what makes the whole
 * file unusable and the reason the notice gives, what makes one profile or
 * one setting be left out (and the others kept), a file from a newer
 * build, which address stored secrets are bound to, and that a secret in
 * clear riding along in a file or a request never comes out.
 */
import { describe, expect, it } from 'vitest';
import {
  checkSettingsPatch,
  defaultAppSettings,
  parseStoreFile,
  parseStoredProfile,
  pickProfileFields,
} from '../../../../electron/core/profiles/stored-file';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { defaultStoredProfile } from './stored-profiles';

const profile = defaultStoredProfile;

function fileText(doc: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, profiles: [], ...doc });
}

/** The file read as the notice words it in English: the reason and each problem. */
function parseEnglish(text: string) {
  const parsed = parseStoreFile(text);
  if (parsed.kind === 'invalid') return parsed;
  return { ...parsed, problems: parsed.problems.map((p) => wordNotice(p, sayEnglish)) };
}

function reasonOf(text: string): string {
  const parsed = parseStoreFile(text);
  if (parsed.kind !== 'invalid') throw new Error(`expected an invalid file, got ${parsed.kind}`);
  return wordNotice(parsed.reason, sayEnglish);
}

function okFile(text: string) {
  const parsed = parseEnglish(text);
  if (parsed.kind !== 'ok') throw new Error(`expected a usable file, got ${parsed.kind}`);
  return parsed;
}

describe('a profiles file that cannot be used at all', () => {
  it('says the file is empty, also when it holds only blanks', () => {
    expect(reasonOf('')).toBe('the file is empty');
    expect(reasonOf(' \n\t ')).toBe('the file is empty');
  });

  it('says a cut-off or non-JSON file is not valid JSON', () => {
    expect(reasonOf('{"schemaVersion":1,"profiles":[{"id"')).toBe(
      'it is not valid JSON, perhaps truncated',
    );
    expect(reasonOf('x')).toBe('it is not valid JSON, perhaps truncated');
  });

  it('says JSON that is not an object does not hold one', () => {
    for (const text of ['[]', 'null', '"profiles"', '7'])
      expect(reasonOf(text), text).toBe('it does not hold a JSON object');
  });

  it('refuses a missing, non-number, fractional, zero or negative schema version', () => {
    for (const v of [undefined, '1', 1.5, 0, -1, null])
      expect(reasonOf(JSON.stringify({ schemaVersion: v, profiles: [] })), String(v)).toBe(
        'it has no valid schemaVersion',
      );
  });

  it('refuses a file without a list of profiles', () => {
    for (const profiles of [undefined, {}, 'p1'])
      expect(reasonOf(JSON.stringify({ schemaVersion: 1, profiles })), String(profiles)).toBe(
        'it has no list of profiles',
      );
  });
});

describe('a usable profiles file', () => {
  it('reads a hand-edited name, address and bot id without their surrounding spaces', () => {
    const edited = {
      ...profile('a'),
      name: '  Prod bot \t',
      url: ' ws://127.0.0.1:8080/gateway ',
      botId: ' 123456789012345678 ',
    };
    const [read] = okFile(fileText({ profiles: [edited] })).file.profiles;
    expect(read).toMatchObject({
      name: 'Prod bot',
      url: 'ws://127.0.0.1:8080/gateway',
      botId: '123456789012345678',
    });
  });

  it('keeps every sound profile, in order, with no problem to report', () => {
    const parsed = okFile(fileText({ profiles: [profile('a'), profile('b')] }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.file.schemaVersion).toBe(1);
    expect(parsed.file.profiles.map((p) => [p.id, p.name])).toEqual([
      ['a', 'Bot a'],
      ['b', 'Bot b'],
    ]);
    expect(parsed.file.settings).toEqual(defaultAppSettings());
  });

  it('leaves out a damaged profile, naming it by its place, and keeps the rest', () => {
    const parsed = okFile(
      fileText({
        profiles: [
          profile('a'),
          'not a profile',
          profile('c', { createdAt: -5 }),
          profile('d', { id: '' }),
          profile('e', { environment: 'moon' }),
          profile('f'),
          profile('g'.repeat(201), { name: 'G' }),
          profile('h', { publicKeyCipher: 'c'.repeat(64 * 1024 + 1) }),
          profile('i', { secretCipher: 'c'.repeat(64 * 1024 + 1) }),
          profile('j', { cipherBackend: 'b'.repeat(101) }),
          profile('k', { secretsFor: `ws://${'a'.repeat(4096)}` }),
          profile('l', { demo: 'yes' }),
          profile('m', {
            id: 'g'.repeat(200),
            name: 'M',
            publicKeyCipher: 'c'.repeat(64 * 1024),
            secretCipher: 'c'.repeat(64 * 1024),
            cipherBackend: 'b'.repeat(100),
            secretsFor: 'a'.repeat(4096),
          }),
        ],
      }),
    );
    expect(parsed.file.profiles.map((p) => p.id)).toEqual(['a', 'f', 'g'.repeat(200)]);
    expect(parsed.problems.slice(4)).toEqual([
      expect.stringMatching(/^profile 7\.id /),
      expect.stringMatching(/^profile 8\.publicKeyCipher /),
      expect.stringMatching(/^profile 9\.secretCipher /),
      expect.stringMatching(/^profile 10\.cipherBackend /),
      expect.stringMatching(/^profile 11\.secretsFor /),
      expect.stringMatching(/^profile 12\.demo /),
    ]);
    expect(parsed.problems).toHaveLength(10);
    expect(parsed.problems[0]).toBe('profile 2 is not an object');
    expect(parsed.problems[1]).toMatch(/^profile 3\.createdAt /);
    expect(parsed.problems[2]).toMatch(/^profile 4\.id /);
    expect(parsed.problems[3]).toMatch(/^profile 5\.environment /);
  });

  it('keeps the first of two profiles with the same id and reports the second', () => {
    const parsed = okFile(
      fileText({ profiles: [profile('a'), profile('a', { name: 'Copy' }), profile('b')] }),
    );
    expect(parsed.file.profiles.map((p) => [p.id, p.name])).toEqual([
      ['a', 'Bot a'],
      ['b', 'Bot b'],
    ]);
    expect(parsed.problems).toEqual(['profile 2 repeats the id of another profile']);
  });

  it('reads the settings it knows, keeps the default for a bad one and says which', () => {
    const parsed = okFile(
      fileText({ settings: { theme: 'dark', frameLogSize: 5, language: 'pt-BR', future: 1 } }),
    );
    expect(parsed.file.settings).toEqual({
      ...defaultAppSettings(),
      theme: 'dark',
      language: 'pt-BR',
    });
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatch(/^setting frameLogSize /);
  });

  it('reports settings that are not an object and starts from the defaults', () => {
    const parsed = okFile(fileText({ settings: ['dark'] }));
    expect(parsed.problems).toEqual(['the settings are not an object']);
    expect(parsed.file.settings).toEqual(defaultAppSettings());
  });

  it('opens a file from a newer build as newer, with its version, profiles and problems', () => {
    const parsed = parseEnglish(
      JSON.stringify({ schemaVersion: 2, profiles: [profile('a'), 5], settings: { theme: 'x' } }),
    );
    expect(parsed.kind).toBe('newer');
    if (parsed.kind !== 'newer') return;
    expect(parsed.version).toBe(2);
    expect(parsed.file.profiles.map((p) => p.id)).toEqual(['a']);
    expect(parsed.problems).toHaveLength(2);
  });
});

describe('the address stored secrets are bound to', () => {
  const url = 'ws://gw.example:3030/gateway';

  it('is the one saved with them', () => {
    const r = parseStoredProfile(
      profile('a', { url, secretCipher: 'c', secretsFor: 'ws://other:1/x' }),
      'profile 1',
    );
    expect(r.ok && r.value.secretsFor).toBe('ws://other:1/x');
  });

  it('is the profile URL for a file written before the binding existed, for either secret', () => {
    for (const sealed of [{ secretCipher: 'c' }, { publicKeyCipher: 'c' }]) {
      const r = parseStoredProfile(profile('a', { url, ...sealed }), 'profile 1');
      expect(r.ok && r.value.secretsFor).toBe('ws://gw.example:3030/gateway');
    }
  });

  it('is none when no secret is stored, or when the file says none', () => {
    const bare = parseStoredProfile(profile('a', { url }), 'profile 1');
    expect(bare.ok && bare.value.secretsFor).toBeNull();
    const none = parseStoredProfile(
      profile('a', { url, secretCipher: 'c', secretsFor: null }),
      'profile 1',
    );
    expect(none.ok && none.value.secretsFor).toBeNull();
  });
});

describe('secrets in clear never pass through', () => {
  it('a stored profile carrying a public key or secret in clear is read without them', () => {
    const r = parseStoredProfile(
      profile('a', { publicKey: 'pk-in-clear', secret: 'secret-in-clear', extra: 1 }),
      'profile 1',
    );
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r.ok ? r.value : null);
    expect(text).not.toContain('in-clear');
    expect(text).not.toContain('"extra"');
  });

  it('copying profile fields leaves secrets behind and copies the alert settings', () => {
    const alerts = defaultProfileInput().alerts;
    const rec: Record<string, unknown> = {
      ...defaultProfileInput(),
      alerts,
      publicKey: 'pk',
      secret: 's',
    };
    const fields = pickProfileFields(rec) as unknown as Record<string, unknown>;
    expect('publicKey' in fields || 'secret' in fields).toBe(false);
    expect(fields['alerts']).toEqual(alerts);
    expect(fields['alerts']).not.toBe(alerts);
    expect(pickProfileFields({ ...rec, alerts: null }).alerts).toBeNull();
  });

  it('says a profile that is not an object is not one', () => {
    expect(parseStoredProfile(null, 'profile 3')).toEqual({
      ok: false,
      error: 'profile 3 is not an object',
    });
  });
});

describe('a settings change from a request', () => {
  it('refuses something that is not an object', () => {
    const r = checkSettingsPatch('dark');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-request');
      expect(r.error.message).toBe('Settings must be an object.');
    }
  });

  it('names each field that needs attention, with what is wrong', () => {
    const r = checkSettingsPatch({ theme: 'neon', frameLogSize: 3, startHidden: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toBe('Some fields need attention.');
    expect(r.error.fieldErrors).toEqual({
      theme: 'theme must be one of: system, light, dark',
      frameLogSize: 'frameLogSize must be at least 10',
    });
  });

  it('accepts a good change and skips fields left undefined', () => {
    expect(checkSettingsPatch({ theme: 'dark', language: undefined })).toEqual({
      ok: true,
      value: { theme: 'dark' },
    });
  });

  it('refuses a field it does not know, naming it', () => {
    const r = checkSettingsPatch({ wallpaper: 'cats' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(Object.keys(r.error.fieldErrors ?? {})).toEqual(['wallpaper']);
  });
});
