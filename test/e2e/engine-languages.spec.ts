/**
 * The engine's own sentences in the user's language: with Brazilian
 * Portuguese chosen, the editor's field errors, a profile's status detail
 * (a connection failure) and the incident it raises are Portuguese too, not
 * only the screens around them; so are a grouped failure's diagnosis, the
 * HTML incident report, "Test connection"'s step details and the core's
 * request errors.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import enginePtBR from '../../shared/i18n/engine-pt-BR';
import { defaultProfileInput } from '../../shared/profile-validation';
import { at, expect, test } from './fixtures';
import { openBridge, profileRow, removeDemoProfile } from './helpers';

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
  // Seconds are written in Portuguese too (a comma), though the sentence is made in a worker thread.
  await expect(row).toContainText(/Nova tentativa em \d+(,\d)? s\./);
  await expect(row).not.toContainText(/\d\.\d s/);

  // The overview's uptime table says which spans its figures cover.
  const uptime = page.getByTestId('overview-uptime');
  await uptime.locator('summary').click();
  await expect(uptime.locator('summary')).toHaveText(
    'Disponibilidade nas últimas 24 horas e nos últimos 30 dias',
  );
  await expect(uptime.locator('thead')).toContainText('Últimas 24 h');
  await expect(uptime.locator('thead')).toContainText('Últimos 30 dias');

  // Settings says how secrets are kept, in Portuguese.
  await page.goto(at(app, '#/settings'));
  await expect(page.getByTestId('secret-storage')).toContainText('Os segredos são');
  await page.goto(at(app, '#/'));

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

let sims: SimulatorHandle[] = [];
test.afterEach(async () => {
  await Promise.all(sims.map((sim) => sim.stop()));
  sims = [];
});

test('Portuguese diagnosis, incident report, Test connection steps and request errors', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await removeDemoProfile(page, app);
  const sim = await createSimulator({
    shardCount: 16,
    shardInfoIntervalMs: 500,
    scenarioTickMs: 250,
    latencyMs: 2,
    jitterMs: 1,
    scenario: 'bucket-outage',
    scenarioOptions: { maxConcurrency: 4, bucket: 1, startAfterMs: 0, outageMs: 600_000 },
  });
  sims.push(sim);
  const bridge = await openBridge(app);
  let profileId = '';
  try {
    await bridge.call('command:update-settings', { language: 'pt-BR' });
    const base = defaultProfileInput();
    const created = await bridge.call('command:create-profile', {
      ...base,
      name: 'Bot do bucket',
      url: sim.url,
      dialect: 'documented',
      monitorMode: 'register',
      botId: sim.credentials.botId,
      publicKey: sim.credentials.publicKey,
      secret: sim.credentials.secret,
      shardTotal: 16,
      maxConcurrency: 4,
      alerts: { ...base.alerts, raiseAfter: 2 },
    });
    profileId = created.id;
    // A request error: the answer a client gets for a profile that is gone.
    await expect(bridge.call('command:connect', 'sumiu')).rejects.toThrow(
      enginePtBR.request.gone.profile,
    );
  } finally {
    await bridge.close();
  }

  // The diagnosis titles the incident.
  await page.goto(at(app, '#/incidents'));
  const incident = page.getByTestId('incident');
  await expect(incident.locator('strong')).toHaveText(
    '4 shards fora do ar, todos no bucket de identify 1',
    { timeout: 30_000 },
  );

  // Its HTML report, in Portuguese.
  const download = page.waitForEvent('download');
  await incident
    .getByRole('button', { name: /^Exportar um relatório de "4 shards fora do ar/ })
    .click();
  const html = readFileSync(await (await download).path(), 'utf8');
  expect(html).toContain('<html lang="pt-BR">');
  expect(html).toContain('<h2>O que aconteceu</h2>');
  expect(html).toContain('Em comum:');
  expect(html).not.toContain('What happened');
  // The timeline table names each entry's kind in words (the wire name only in a tooltip).
  expect(html).toMatch(/<td title="incident-open">incidente aberto<\/td>/);
  expect(html).not.toMatch(/<td>(incident-open|shard-state|state)<\/td>/);

  // "Test connection" in the editor: the steps' details are Portuguese.
  await page.goto(at(app, `#/profile/${profileId}/edit`));
  await page.getByTestId('test-connection').click();
  const report = page.getByTestId('test-report');
  await expect(report).toContainText('conexão TCP aberta', { timeout: 30_000 });
  await expect(report).toContainText('upgrade de WebSocket aceito');
  await expect(report).toContainText('credenciais aceitas');
});
