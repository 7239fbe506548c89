import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../../../shared/api';
import { apiOk } from '../../../../shared/api';
import {
  assertOneHandlerEach,
  createRequestHandler,
} from '../../../../electron/core/app-core/request';
import { notFound } from '../../../../shared/i18n/not-found';
import { createTranslator } from '../../../../shared/i18n/translator';

describe('one handler per channel', () => {
  const connect = async () => apiOk(null);

  it('accepts groups that answer different channels', () => {
    expect(() =>
      assertOneHandlerEach([{ 'command:connect': connect }, { 'command:disconnect': connect }]),
    ).not.toThrow();
  });

  it('refuses a channel answered by two groups, naming it', () => {
    expect(() =>
      assertOneHandlerEach([{ 'command:connect': connect }, { 'command:connect': connect }]),
    ).toThrow(/command:connect twice/);
  });
});

describe("request errors in the user's language", () => {
  const pt = createTranslator('pt-BR').say;
  const api = { 'command:connect': async () => notFound('profile', pt) } as unknown as AppApi;

  it("words the entry point's own answers and a handler's not-found in Portuguese", async () => {
    const handle = createRequestHandler(api, () => {}, pt);
    const unknown = await handle('command:launch-rockets', []);
    expect(unknown).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message:
          'Requisição desconhecida "command:launch-rockets". Atualize o Shardwatch ou recarregue a janela.',
      },
    });
    const nameless = await handle({ evil: true }, []);
    expect(nameless.ok ? '' : nameless.error.message).toContain('veio um objeto');
    const gone = await handle('command:connect', ['p1']);
    expect(gone.ok ? '' : gone.error.message).toBe(
      'Esse perfil não existe mais. Talvez tenha sido excluído em outra janela.',
    );
  });

  it('answers in English without a translator', async () => {
    const handle = createRequestHandler(api, () => {});
    const unknown = await handle('nope', []);
    expect(unknown.ok ? '' : unknown.error.message).toBe(
      'Unknown request "nope". Update Shardwatch or reload the window.',
    );
    expect(notFound('incident')).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: 'That incident no longer exists. It may have been deleted in another window.',
      },
    });
  });
});
