/**
 * The engine's two catalogues: the same keys, every message compiles with
 * the same placeholders, nothing left in English; the translator words in
 * the language chosen, follows a change, and resolves `system` from the
 * process's locale with English as the fallback.
 */
import { describe, expect, it } from 'vitest';
import engineEn from '../../../../shared/i18n/engine-en';
import enginePtBR from '../../../../shared/i18n/engine-pt-BR';
import {
  createTranslator,
  pickLocale,
  processLanguages,
  sayEnglish,
} from '../../../../shared/i18n/translator';
import { ENGINE_SAME_IN_BOTH, catalogueProblems } from '../../../support/catalogue';

describe('engine catalogues', () => {
  const problems = catalogueProblems(engineEn, enginePtBR, ENGINE_SAME_IN_BOTH);

  it('have the same keys in English and Brazilian Portuguese', () => {
    expect(problems.unmatchedKeys).toEqual([]);
  });

  it('compile, with the same placeholders in both languages', () => {
    expect(problems.compileErrors).toEqual([]);
    expect(problems.placeholderMismatches).toEqual([]);
  });

  it('translate every message that has words (nothing left in English)', () => {
    expect(problems.untranslated).toEqual([]);
  });
});

describe('the engine translator', () => {
  it('words a message in the chosen language and follows a change', () => {
    const tr = createTranslator('pt-BR');
    expect(tr.say('incident.down.title', { count: 12, total: 16 })).toBe(
      '12 de 16 shards fora do ar',
    );
    expect(tr.use('en')).toBe('en');
    expect(tr.say('incident.down.title', { count: 12, total: 16 })).toBe('12 of 16 shards down');
    expect(sayEnglish('connection.registered', { event: 'READY' })).toBe(
      'Registered with the gateway (READY).',
    );
  });

  it('resolves system from the process locale, English when it speaks neither', () => {
    expect(processLanguages({ LANG: 'pt_BR.UTF-8' }, 'en-US')).toEqual(['pt-BR']);
    expect(processLanguages({ LC_ALL: 'C', LANG: 'de_DE.UTF-8' }, 'pt-BR')).toEqual(['de-DE']);
    // Intl stands in only where no variable names a language.
    expect(processLanguages({ LC_ALL: 'C' }, 'pt-BR')).toEqual(['pt-BR']);
    expect(pickLocale('system', processLanguages({ LANG: 'de_DE.UTF-8' }, 'pt-BR'))).toBe('en');
    expect(pickLocale('system', processLanguages({ LANG: 'pt_PT.UTF-8' }, 'en-US'))).toBe('pt-BR');
    expect(pickLocale('system', processLanguages({}, 'ja-JP'))).toBe('en');
    const tr = createTranslator('system', processLanguages({ LC_MESSAGES: 'pt_BR' }, 'en-US'));
    expect(tr.locale()).toBe('pt-BR');
    expect(tr.use('en')).toBe('en');
    expect(tr.use('system')).toBe('pt-BR');
  });
});
