/**
 * One language rule for "system" in browser mode (docs/architecture.md §4):
 * `shardwatch serve` runs under a Brazilian Portuguese locale while the
 * browser asks for English, and the language setting is "system". The page,
 * the notices and the engine's store errors all speak Portuguese, the
 * engine's language; a notice follows a language switch under the same id.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import enginePtBR from '../../shared/i18n/engine-pt-BR';
import { PORTUGUESE_SYSTEM, at, expect, test } from './fixtures';
import { openBridge } from './helpers';

test.use({
  locale: 'en-US',
  serveEnv: PORTUGUESE_SYSTEM,
  // A damaged channels file: the engine raises a notice about it at start.
  seed: { fill: async (dir: string) => writeFileSync(join(dir, 'channels.json'), 'not json') },
});

test('page, notices and store errors follow the engine, not the browser', async ({ page, app }) => {
  await page.goto(at(app, '#/'));
  // The page speaks Portuguese although the browser asked for English.
  await expect(page.getByRole('link', { name: 'Incidentes' })).toBeVisible({ timeout: 30_000 });
  const notice = page.getByTestId('notice').filter({ hasText: 'canais de notificação' });
  await expect(notice).toContainText('Não foi possível ler os canais de notificação');
  await expect(notice).toContainText('adicione seus canais de novo');

  const bridge = await openBridge(app);
  try {
    // A store error, worded by the engine in the same language.
    await expect(bridge.call('command:delete-maintenance', 'sumiu')).rejects.toThrow(
      enginePtBR.store.windowAlreadyDeleted,
    );
    // Choosing English re-words the notice on the page (one notice, not two).
    await bridge.call('command:update-settings', { language: 'en' });
    await expect(page.getByRole('link', { name: 'Incidents' })).toBeVisible();
    const english = page.getByTestId('notice').filter({ hasText: 'notification channels' });
    await expect(english).toContainText('The notification channels could not be read');
    await expect(
      page.getByTestId('notice').filter({ hasText: 'canais de notificação' }),
    ).toHaveCount(0);
  } finally {
    await bridge.close();
  }
});
