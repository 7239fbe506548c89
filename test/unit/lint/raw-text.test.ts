/**
 * No user-visible string outside the message catalogues: the repository's
 * ESLint config fails a component with words in its template or in the
 * attributes a user reads or hears, and lets catalogue lookups, symbols and
 * the product's name through.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const RULE = '@intlify/vue-i18n/no-raw-text';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function rawTextErrors(template: string): Promise<string[]> {
  const code = `<script setup lang="ts">\nimport { useI18n } from 'vue-i18n';\nconst { t } = useI18n();\n</script>\n<template>\n  ${template}\n</template>\n`;
  const [result] = await eslint.lintText(code, {
    filePath: join(ROOT, 'renderer/src/components/Probe.vue'),
  });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`could not parse: ${fatal[0]?.message}`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('hard-coded text in templates', () => {
  it.each([
    ['text', '<p>Nothing has happened yet.</p>'],
    ['a button label', '<button type="button">Delete</button>'],
    ['a title', `<span title="Exact time">{{ t('common.yes') }}</span>`],
    ['an aria-label', `<button type="button" aria-label="Close panel">×</button>`],
    ['a placeholder', `<input placeholder="shard id" />`],
    ['a string in an expression', `<p>{{ 'Loading…' }}</p>`],
  ])('fails on %s', async (_what, template) => {
    expect(await rawTextErrors(template)).not.toHaveLength(0);
  });

  it.each([
    ['a catalogue lookup', `<p>{{ t('common.loading') }}</p>`],
    ['symbols and numbers', '<span aria-hidden="true">↑ · 42 — ▲</span>'],
    ['the product name', '<strong>Shardwatch</strong>'],
    ['a translated attribute', `<button type="button" :aria-label="t('common.close')">×</button>`],
  ])('lets %s through', async (_what, template) => {
    expect(await rawTextErrors(template)).toEqual([]);
  });
});
