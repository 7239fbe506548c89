/**
 * Channel storage keeps addresses and secrets sealed: never in clear on disk
 * or in the view, a new address does not inherit the old signing secret,
 * the address rules hold, and a sealed export opens only with its
 * passphrase and only unchanged.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkChannelUrl } from '../../../../electron/core/notify/channel-rules';
import { createChannelStore } from '../../../../electron/core/notify/channel-store';
import {
  buildChannelExport,
  parseChannelExport,
} from '../../../../electron/core/notify/channel-export';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import { channelInputFor } from '../../../support/channel-input';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { createTranslator, sayEnglish, wordNotice } from '../../../../shared/i18n/translator';

const tempDir = useTempDirs('shardwatch-alerts-');

const URL_1 = 'https://discord.com/api/webhooks/123/Sup3rS3cr3tT0ken';
const SECRET = 'a-signing-secret-0123456789';

function store(dir = tempDir('sw-ch-')) {
  const problems: string[] = [];
  const s = createChannelStore({
    dir,
    cipher: createFileKeyCipher(dir),
    clock: createFakeClock(),
    onProblem: (m) => problems.push(wordNotice(m, sayEnglish)),
  });
  return { dir, s, problems };
}

describe('channel store', () => {
  it('seals the address and secret: the file and the view hold neither', () => {
    const { dir, s } = store();
    const r = s.create(channelInputFor('webhook', URL_1, { signingSecret: SECRET }));
    if (!r.ok) throw new Error(r.error.message);
    const file = readFileSync(join(dir, 'channels.json'), 'utf8');
    expect(file).not.toContain('Sup3rS3cr3tT0ken');
    expect(file).not.toContain(SECRET);
    expect(statSync(join(dir, 'channels.json')).mode & 0o777).toBe(0o600);
    const view = s.view(r.value);
    expect(view).toMatchObject({ host: 'discord.com', hasUrl: true, hasSigningSecret: true });
    expect(JSON.stringify(view)).not.toContain('Sup3rS3cr3tT0ken');
    expect(s.secretsOf(r.value.id)).toEqual({ url: URL_1, signingSecret: SECRET, error: null });
    // A second store on the same folder reads them back.
    expect(store(dir).s.secretsOf(r.value.id).url).toBe(URL_1);
  });

  it('a new address drops the signing secret meant for the old one; undefined keeps both', () => {
    const { s } = store();
    const r = s.create(channelInputFor('webhook', URL_1, { signingSecret: SECRET }));
    if (!r.ok) throw new Error(r.error.message);
    const keep = s.update(
      r.value.id,
      channelInputFor('webhook', URL_1, {
        url: undefined,
        signingSecret: undefined,
        name: 'Renamed',
      }),
    );
    expect(keep.ok).toBe(true);
    expect(s.secretsOf(r.value.id)).toMatchObject({ url: URL_1, signingSecret: SECRET });
    s.update(
      r.value.id,
      channelInputFor('webhook', 'https://other.example/hook', { signingSecret: undefined }),
    );
    expect(s.secretsOf(r.value.id)).toMatchObject({
      url: 'https://other.example/hook',
      signingSecret: null,
    });
  });

  it('says what is wrong with a form, per field', () => {
    const { s } = store();
    const r = s.create(
      channelInputFor('webhook', 'http://hooks.example/x', { name: ' ', signingSecret: 'short' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fieldErrors).toEqual({
      name: 'Give the channel a name, e.g. "Ops Discord".',
      url: 'Use an https:// address (plain http:// is accepted only for this computer).',
      signingSecret: 'Use a signing secret of at least 16 characters.',
    });
    expect(checkChannelUrl('ntfy', 'https://ntfy.sh/')).toMatch(/Add the topic/);
    expect(checkChannelUrl('discord', 'https://user:pw@discord.com/api/webhooks/1/x')).toMatch(
      /user name/,
    );
    expect(checkChannelUrl('slack', 'http://127.0.0.1:9000/hook')).toBeNull();
  });

  it('a damaged file is moved aside with a notice, and the store starts empty', () => {
    const dir = tempDir('sw-ch-');
    writeFileSync(join(dir, 'channels.json'), '{"version":1,"channels":[{"junk":true}]');
    const { s, problems } = store(dir);
    expect(s.list()).toEqual([]);
    expect(problems[0]).toMatch(
      /could not be read \(it is not valid JSON\)\. The file was moved to/,
    );
  });
});

describe('channel store in Brazilian Portuguese', () => {
  it('answers a request about a gone channel, and a damaged file, in the user language', () => {
    const dir = tempDir('sw-ch-');
    writeFileSync(join(dir, 'channels.json'), 'not json');
    const say = createTranslator('pt-BR').say;
    const problems: string[] = [];
    const s = createChannelStore({
      dir,
      cipher: createFileKeyCipher(dir),
      clock: createFakeClock(),
      onProblem: (m) => problems.push(wordNotice(m, say)),
      say,
    });
    expect(problems[0]).toMatch(/^Não foi possível ler os canais de notificação .*movido para/);
    const gone = s.setMuted('nope', null);
    expect(gone.ok ? '' : gone.error.message).toMatch(/^Esse canal não existe mais/);
    const deleted = s.delete('nope');
    expect(deleted.ok ? '' : deleted.error.message).toBe(
      'Esse canal já foi excluído, talvez em outra janela.',
    );
  });
});

describe('channel export', () => {
  const fields = [
    { ...channelInputFor('discord', URL_1), url: undefined, signingSecret: undefined },
  ];
  const plainFields = fields.map(({ url: _u, signingSecret: _s, ...f }) => f);

  it('seals addresses: opens with the passphrase, not without, not after an edit', () => {
    const content = buildChannelExport(
      plainFields,
      [{ url: URL_1, signingSecret: null }],
      'correct horse battery',
      0,
    );
    expect(content).not.toContain('Sup3rS3cr3tT0ken');
    expect(parseChannelExport(content, 'correct horse battery')).toMatchObject({
      ok: true,
      secrets: [{ url: URL_1, signingSecret: null }],
    });
    expect(parseChannelExport(content, 'wrong passphrase!')).toEqual({
      ok: false,
      error: 'The passphrase is wrong, or the file was changed after it was exported.',
    });
    const edited = content.replace('"discord"', '"webhook"');
    expect(parseChannelExport(edited, 'correct horse battery').ok).toBe(false);
    expect(parseChannelExport('{}', 'correct horse battery')).toMatchObject({ ok: false });
  });
});
