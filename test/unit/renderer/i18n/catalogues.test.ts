// @vitest-environment happy-dom
/**
 * Two languages: the catalogues hold the same keys, every message compiles,
 * a Portuguese message is not an English one left behind, and the language
 * follows the system until the user chooses one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_LOOKS } from '../../../../shared/connection-look';
import { applyLanguage, i18n, pickLocale } from '../../../../renderer/src/i18n';
import en from '../../../../renderer/src/i18n/en';
import ptBR from '../../../../renderer/src/i18n/pt-BR';
import {
  ENGINE_SAME_IN_BOTH,
  catalogueLeaves,
  catalogueProblems,
} from '../../../support/catalogue';

/**
 * Messages that are the same words in both languages: names (Demo, RTT,
 * Jitter), loanwords Brazilian users use (shard, frame, desktop), units and
 * the language names themselves. Anything else equal in both is untranslated.
 */
const SAME_IN_BOTH: ReadonlySet<string> = new Set([
  'alerting.channels.muteChoices.15m',
  'analytics.editor.clusters',
  'analytics.stateShort.deploy-held',
  'chart.axisRtt',
  'common.severity.info',
  'common.time.min',
  'common.time.hMin',
  'common.demo',
  'common.env.prod',
  'common.env.dev',
  'detail.col.pings',
  'detail.col.jitter',
  'detail.tabs.shards',
  'incidents.shards',
  'overview.col.rtt',
  'overview.col.shards',
  'settings.languages.en',
  'settings.languages.pt-BR',
  'settings.desktop',
  'shards.filter.dev',
  'shards.describe',
  'shards.col.shard_id.label',
  'shards.details.title',
  'shards.details.withRate',
  'shards.find.shard',
  'timeline.group.shards',
  'timeline.shard',
  'timeline.frames.count',
  'timeline.frames.col.frame',
  'heatmap.replay',
  'editor.gateway.legend',
  'editor.gateway.dialects.http022.label',
  'editor.gateway.shardIn',
  'editor.gateway.flags',
  // The engine's part (shared/i18n/): the engine catalogue test's one list.
  ...[...ENGINE_SAME_IN_BOTH].map((key) => `engine.${key}`),
]);

describe('message catalogues', () => {
  const enLeaves = new Map(catalogueLeaves(en));

  const problems = catalogueProblems(en, ptBR, SAME_IN_BOTH);

  it('have the same keys in English and Brazilian Portuguese', () => {
    expect(problems.unmatchedKeys).toEqual([]);
  });

  it('have no dot inside a key (it would split the message path)', () => {
    const dotted = (o: unknown): string[] =>
      o && typeof o === 'object'
        ? Object.entries(o).flatMap(([k, v]) => (k.includes('.') ? [k] : dotted(v)))
        : [];
    expect(dotted(en)).toEqual([]);
  });

  it('compile, with the same placeholders in both languages', () => {
    expect(problems.compileErrors).toEqual([]);
    expect(problems.placeholderMismatches).toEqual([]);
  });

  it('translate every message that has words (nothing left in English)', () => {
    expect(problems.untranslated).toEqual([]);
  });

  it('take the connection words in English from the one vocabulary the tray and notifications use', () => {
    for (const [key, look] of Object.entries(CONNECTION_LOOKS))
      expect(enLeaves.get(`common.state.${key}`)).toBe(look.label);
  });
});

describe('choosing the language', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en';
  });

  it('follows the system (any Portuguese gets pt-BR) until the user chooses', () => {
    expect(pickLocale('system', ['pt-BR', 'en'])).toBe('pt-BR');
    expect(pickLocale('system', ['pt-PT'])).toBe('pt-BR');
    expect(pickLocale('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale('system', ['ja'])).toBe('en');
    expect(pickLocale('en', ['pt-BR'])).toBe('en');
    expect(pickLocale('pt-BR', ['en-US'])).toBe('pt-BR');
  });

  it('switches every lookup and the page language at once', () => {
    applyLanguage('pt-BR');
    expect(i18n.global.t('app.nav.settings')).toBe('Configurações');
    expect(document.documentElement.lang).toBe('pt-BR');
    applyLanguage('en');
    expect(i18n.global.t('app.nav.settings')).toBe('Settings');
  });

  it('"system" means the engine\'s system language once it is known, whatever the browser says', () => {
    Object.defineProperty(navigator, 'languages', { value: ['en-US'], configurable: true });
    // Before the engine answers: the browser's language stands in.
    expect(applyLanguage('system', null)).toBe('en');
    // The engine runs under LANG=pt_BR: the page speaks as its notices and sentences do.
    expect(applyLanguage('system', 'pt-BR')).toBe('pt-BR');
    expect(document.documentElement.lang).toBe('pt-BR');
    // A language the user chose wins over both.
    expect(applyLanguage('en', 'pt-BR')).toBe('en');
  });
});
