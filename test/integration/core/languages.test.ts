/**
 * The engine speaks the user's language: with Settings → Language on
 * Brazilian Portuguese, the core words a validation error, a connection
 * failure (the status detail), "Detect" and the incident it raises in Portuguese, and
 * back in English once the user switches. Real sockets to the simulator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import { startDemoGateway } from '../../../electron/sim/demo';
import { createTranslator, processLanguages, wordNotice } from '../../../shared/i18n/translator';
import type { Incident } from '../../../shared/incident-model';
import { defaultProfileInput } from '../../../shared/profile-validation';
import engineEn from '../../../shared/i18n/engine-en';
import enginePtBR from '../../../shared/i18n/engine-pt-BR';
import {
  createProfile,
  errorOf,
  profileFor,
  startCore,
  startSim,
  tempDir,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

describe('the engine in the chosen language', () => {
  it('words validation, connection failures and incidents in Portuguese, then English again', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2' });
    const f = await startCore();
    unwrap(await f.core.api['command:update-settings']({ language: 'pt-BR' }));

    const bad = errorOf(
      await f.core.api['command:create-profile']({ ...profileFor(sim), name: '' }),
    );
    expect(bad.fieldErrors?.['name']).toBe(enginePtBR.validation.nameMissing);
    // A request error: the profile asked for is gone.
    expect(errorOf(await f.core.api['command:connect']('sumiu')).message).toBe(
      enginePtBR.request.gone.profile,
    );

    // "Detect" in the editor words its verdict in Portuguese too.
    const detected = unwrap(
      await f.core.api['command:detect-dialect']({ input: profileFor(sim, { secret: 'errado' }) }),
    );
    expect(detected.summary).toBe(
      `Isto parece um gateway http-interaction 0.2.2. ${enginePtBR.connection.credentialsRefused}`,
    );
    expect(detected.evidence).toEqual([enginePtBR.detect.evidence.bareClose]);

    // "Test connection": every step's detail is Portuguese.
    const test = unwrap(await f.core.api['command:test-connection']({ input: profileFor(sim) }));
    const detail = new Map(test.steps.map((s) => [s.step, s.detail]));
    expect(detail.get('reach')).toBe('conexão TCP aberta');
    expect(detail.get('upgrade')).toBe('upgrade de WebSocket aceito');
    expect(detail.get('ready')).toBe('não enviado: o Shardwatch nunca registra com este dialeto');

    const p = await createProfile(f.core, profileFor(sim, { name: 'Recusado', secret: 'errado' }));
    const refused = await waitForStatus(f.core, p.id, 'refused', (s) => s.state === 'auth-refused');
    expect(refused.detail).toContain('O gateway recusou as credenciais');
    const incident = await waitFor('the refusal incident', async () => {
      const list: Incident[] = unwrap(await f.core.api['query:incidents'](p.id, 10));
      return list.find((i) => i.rule === 'credentials-refused');
    });
    expect(incident.title).toBe('credenciais recusadas');
    expect(incident.body).toContain('Aconteceu às');
    const note = await waitFor('the desktop notification', () =>
      f.notifier.notifications.find((n) => n.incidentId === incident.id),
    );
    expect(note.title).toContain('credenciais recusadas');
    expect(note.body).toContain('Confira-as no perfil');
    await waitFor('the tray in Portuguese', () =>
      f.core.tray().tooltip.includes('Recusado: credenciais recusadas'),
    );

    unwrap(await f.core.api['command:update-settings']({ language: 'en' }));
    const again = errorOf(
      await f.core.api['command:create-profile']({ ...profileFor(sim), name: '' }),
    );
    expect(again.fieldErrors?.['name']).toBe(engineEn.validation.nameMissing);
    // What is made from now on is English; the tray is made again at once.
    await waitFor('the tray in English', () =>
      f.core.tray().tooltip.includes('Recusado: credentials refused'),
    );
  });
});

describe('one language rule for "system" (docs/architecture.md §4)', () => {
  it('the engine says what "system" stands for, and its notices follow the setting under one id', async () => {
    // A process whose locale is Brazilian Portuguese (LANG=pt_BR.UTF-8), whatever the browser says.
    const f = await startCore({
      translator: createTranslator('system', processLanguages({ LANG: 'pt_BR.UTF-8' }, 'en-US')),
      beforeStart: (dir) => writeFileSync(join(dir, 'channels.json'), 'not json'),
    });
    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.systemLocale).toBe('pt-BR');
    const notice = snap.notices.find((n) => n.message.includes('canais de notificação'));
    expect(notice?.message).toMatch(/^Não foi possível ler os canais de notificação/);

    // Switching the language re-words the notice in the next push, under the same id.
    f.deltas.length = 0;
    unwrap(await f.core.api['command:update-settings']({ language: 'en' }));
    const pushed = await waitFor('the notices re-worded', () =>
      f.deltas.flatMap((d) => d.notices ?? []).find((n) => n.id === notice?.id),
    );
    expect(pushed.message).toMatch(/^The notification channels could not be read/);
    unwrap(await f.core.api['command:update-settings']({ language: 'system' }));
    const back = unwrap(await f.core.api['query:snapshot']());
    expect(back.notices.find((n) => n.id === notice?.id)?.message).toMatch(/^Não foi possível/);
  });
});

describe("the engine's own files in Portuguese", () => {
  it('words the key file problem and how secrets are kept in Portuguese', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    // A key file that is not a key: moved aside, a new one made, and the user told.
    writeFileSync(join(dataDir, 'secret.key'), 'not a key\n');
    const tr = createTranslator('pt-BR');
    const f = await startCore({ dataDir, translator: tr, cipher: createFileKeyCipher(dataDir) });
    unwrap(await f.core.api['command:update-settings']({ language: 'pt-BR' }));
    const snap = unwrap(await f.core.api['query:snapshot']());
    const keyNotice = snap.notices.find((n) => n.message.includes('secret.key'));
    expect(keyNotice?.message).toMatch(
      /^O arquivo de chave .*secret\.key estava danificado: foi movido para .*secret\.key\.damaged-\d+ e uma chave nova foi criada\./,
    );
    // Settings says how secrets are kept: the engine sends a key, worded in the page's language.
    expect(wordNotice(snap.secretStorage.description, tr.say)).toMatch(
      /^Os segredos são cifrados com AES-256-GCM usando uma chave guardada em .*secret\.key/,
    );
    // The same notice, re-worded in English after a switch (one id).
    unwrap(await f.core.api['command:update-settings']({ language: 'en' }));
    const english = unwrap(await f.core.api['query:snapshot']());
    expect(english.notices.find((n) => n.id === keyNotice?.id)?.message).toMatch(
      /^The key file .*secret\.key was damaged/,
    );
  });
});

describe('checks and file problems in Portuguese', () => {
  it("words a request's invalid detail, a settings field and the profiles file's problems", async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    // A profiles file with a bad profile and a bad setting: both left out, and said.
    writeFileSync(
      join(dataDir, 'profiles.json'),
      JSON.stringify({
        schemaVersion: 1,
        profiles: [{ name: 42 }],
        settings: { language: 'pt-BR', theme: 'purple' },
      }),
    );
    const f = await startCore({ dataDir, translator: createTranslator('pt-BR') });

    const snap = unwrap(await f.core.api['query:snapshot']());
    const parts = snap.notices.find((n) => n.message.includes('perfil 1'));
    expect(parts?.message).toMatch(
      /^Partes do seu arquivo de perfis não puderam ser lidas e ficaram de fora \(perfil 1\.name precisa ser texto; configuração theme precisa ser um destes: system, light, dark\)\./,
    );

    // The validator's detail inside "The request was not valid: …".
    const bad = await f.core.handle('command:connect', [42]);
    expect(bad.ok ? '' : bad.error.message).toBe(
      'A requisição não era válida: command:connect[0] precisa ser texto.',
    );
    // A settings field's own message, and the request's.
    const field = errorOf(
      await f.core.api['command:update-settings']({ theme: 'purple' } as never),
    );
    expect(field.message).toBe(enginePtBR.store.fieldsNeedAttention);
    expect(field.fieldErrors?.['theme']).toMatch(/^theme precisa ser um destes: /);
    const notObject = errorOf(await f.core.api['command:update-settings']('tudo' as never));
    expect(notObject.message).toBe(enginePtBR.check.settingsObject);
  });
});

describe('"Add a simulator profile" in Portuguese', () => {
  it('names the new profile and words its refusal in Portuguese', async () => {
    const started: Array<{ stop(): Promise<void> }> = [];
    const f = await startCore({
      translator: createTranslator('pt-BR'),
      startSimulator: async () => {
        const g = await startDemoGateway({ shardCount: 2, outages: false });
        started.push(g);
        return g;
      },
    });
    unwrap(await f.core.api['command:update-settings']({ language: 'pt-BR' }));
    const a = unwrap(await f.core.api['command:add-simulator-profile']());
    const b = unwrap(await f.core.api['command:add-simulator-profile']());
    expect([a.name, b.name]).toEqual(['Simulador local', 'Simulador local 2']);
    await f.dispose();
    expect(started).toHaveLength(2);

    // Without the built-in simulator (serve --no-demo), the refusal says what to do instead.
    const without = await startCore({ translator: createTranslator('pt-BR') });
    unwrap(await without.core.api['command:update-settings']({ language: 'pt-BR' }));
    expect(errorOf(await without.core.api['command:add-simulator-profile']()).message).toBe(
      enginePtBR.request.simulator.disabled,
    );
  });
});

describe('stored secrets in Portuguese', () => {
  it('asks for the secrets again in Portuguese when the gateway address changes', async () => {
    const f = await startCore({ translator: createTranslator('pt-BR') });
    unwrap(await f.core.api['command:update-settings']({ language: 'pt-BR' }));
    const base = defaultProfileInput();
    const input = {
      ...base,
      name: 'Endereço',
      url: 'ws://127.0.0.1:1/gateway',
      botId: '123456789012345678',
      publicKey: 'a'.repeat(64),
      secret: 'segredo',
      enabled: false,
    };
    const p = unwrap(await f.core.api['command:create-profile'](input));
    const { publicKey: _k, secret: _s, ...kept } = input;
    const moved = errorOf(
      await f.core.api['command:update-profile'](p.id, {
        ...kept,
        url: 'ws://127.0.0.1:2/gateway',
      }),
    );
    expect(moved.fieldErrors?.['publicKey']).toMatch(
      /^O endereço do gateway mudou para ws:\/\/127\.0\.0\.1:2\S*: digite a chave pública de novo\./,
    );
    expect(moved.fieldErrors?.['secret']).toMatch(/digite o segredo compartilhado de novo\./);
  });
});
