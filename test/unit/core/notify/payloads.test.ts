/**
 * Chat payloads in the app's language at send time: with Brazilian
 * Portuguese chosen, the names beside the text (Perfil, Gravidade…), the
 * severity and the title's prefix are Portuguese in Discord, Slack, ntfy and
 * the webhook's title; the webhook's machine fields stay as documented.
 */
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../../../electron/core/alerts/messages';
import { buildRequest } from '../../../../electron/core/notify/payloads';
import { createTranslator } from '../../../../shared/i18n/translator';

const pt = createTranslator('pt-BR').say;
const AT = Date.UTC(2026, 11, 2, 12, 0);

const recovered: AlertMessage = {
  id: 'm1',
  kind: 'recovery',
  severity: 'critical',
  recovered: true,
  profileId: 'p1',
  profileName: 'Produção',
  incidentId: 'i1',
  rule: 'shards-down',
  headline: '4 shards fora do ar, todos no bucket de identify 1',
  body: 'Recuperado após 4 min.',
  shardIds: [1, 5, 9, 13],
  openedAt: AT - 240_000,
  durationMs: 240_000,
  at: AT,
  items: [],
};
const secrets = { url: 'https://chat.example/hook', signingSecret: null };

describe("channel payloads in the app's language", () => {
  it('words a Discord embed in Portuguese', () => {
    const req = buildRequest('discord', recovered, secrets, 'd1', AT, pt);
    const embed = (JSON.parse(req.body) as { embeds: Array<Record<string, unknown>> }).embeds[0];
    expect(embed?.['title']).toBe(
      'Produção: recuperado: 4 shards fora do ar, todos no bucket de identify 1',
    );
    expect(embed?.['fields']).toEqual([
      { name: 'Perfil', value: 'Produção', inline: true },
      { name: 'Gravidade', value: 'recuperado', inline: true },
      { name: 'Shards', value: 'Shards 1, 5, 9, 13', inline: true },
      { name: 'Interrupção', value: '4 min', inline: true },
    ]);
  });

  it('words Slack fields, the ntfy title and the webhook title; webhook fields stay machine values', () => {
    const slack = JSON.parse(buildRequest('slack', recovered, secrets, 'd1', AT, pt).body) as {
      attachments: Array<{ fields: Array<{ title: string }> }>;
    };
    expect(slack.attachments[0]?.fields.map((f) => f.title)).toEqual([
      'Perfil',
      'Gravidade',
      'Shards',
      'Interrupção',
    ]);
    const ntfy = JSON.parse(
      buildRequest(
        'ntfy',
        recovered,
        { url: 'https://ntfy.example/alertas', signingSecret: null },
        'd1',
        AT,
        pt,
      ).body,
    ) as { title: string };
    expect(ntfy.title).toMatch(/^Shardwatch: Produção: recuperado: /);
    const hook = JSON.parse(buildRequest('webhook', recovered, secrets, 'd1', AT, pt).body) as {
      title: string;
      severity: string;
      kind: string;
    };
    expect(hook.title).toMatch(/^Produção: recuperado: /);
    expect([hook.severity, hook.kind]).toEqual(['critical', 'recovery']);
  });

  it('stays English without a translator', () => {
    const req = buildRequest('discord', recovered, secrets, 'd1', AT);
    const embed = (JSON.parse(req.body) as { embeds: Array<{ fields: Array<{ name: string }> }> })
      .embeds[0];
    expect(embed?.fields.map((f) => f.name)).toEqual(['Profile', 'Severity', 'Shards', 'Outage']);
  });
});
