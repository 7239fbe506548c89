/**
 * The engine's own sentences in the user's language: with Brazilian
 * Portuguese chosen, the editor's field errors, a profile's status detail
 * (a connection failure) and the incident it raises are Portuguese too, not
 * only the screens around them.
 */
import { createServer } from 'node:net';
import { defaultProfileInput } from '../../shared/profile-validation';
import { at, expect, test } from './fixtures';
import { openBridge, profileRow } from './helpers';

/** A loopback port nothing listens on: a server's, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('Portuguese field errors, status details and incidents from the engine', async ({
  page,
  app,
}) => {
  const bridge = await openBridge(app);
  try {
    await bridge.call('command:update-settings', { language: 'pt-BR' });
    const base = defaultProfileInput();
    await bridge.call('command:create-profile', {
      ...base,
      name: 'Fora do ar',
      url: `ws://127.0.0.1:${await closedPort()}/gateway`,
      botId: '123456789012345678',
      publicKey: 'a'.repeat(64),
      secret: 'segredo',
      alerts: { ...base.alerts, raiseAfter: 1 },
    });
  } finally {
    await bridge.close();
  }

  // The status detail: the connection failure, worded by the engine.
  await page.goto(at(app, '#/'));
  const row = profileRow(page, 'Fora do ar');
  await expect(row).toContainText('Não foi possível alcançar', { timeout: 30_000 });
  await expect(row).toContainText('conexão recusada');

  // The incident it raised, on the Incidents page.
  await page.getByRole('link', { name: 'Incidentes' }).click();
  await expect(page.locator('main')).toContainText('conexão com o gateway perdida', {
    timeout: 30_000,
  });

  // The editor's field errors.
  await page.goto(at(app, '#/new'));
  await page.getByTestId('save').click();
  await expect(page.locator('main')).toContainText('Digite um nome para este perfil');
  await expect(page.locator('main')).toContainText('Digite a chave pública da aplicação');
});
