/**
 * The shard analytics speak the user's language: with Brazilian Portuguese
 * chosen, a grouped failure's title, one-way and silent shards, the restart
 * budget and loops, recurring trouble and the HTML incident report are
 * worded in Portuguese (and stay English without a translator).
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { namedStateText } from '../../../../electron/core/analytics/counter-watch';
import { diagnoseGroup } from '../../../../electron/core/analytics/group-diagnosis';
import { renderIncidentReport } from '../../../../electron/core/analytics/incident-report';
import {
  findRecurringTrouble,
  maintenanceFor,
} from '../../../../electron/core/analytics/recurring-trouble';
import { createRestartBudget } from '../../../../electron/core/analytics/restart-budget';
import { budgetContent } from '../../../../electron/core/alerts/analytics-rules';
import { createTranslator } from '../../../../shared/i18n/translator';
import type { Incident } from '../../../../shared/incident-model';
import { createSliceBuilder, heatCode } from '../../../../shared/shard-heatmap';
import { createFakeClock } from '../../../support/fake-clock';

const pt = createTranslator('pt-BR').say;
const MIN = 60_000;
const DAY = 86_400_000;

describe('the shard analytics in Brazilian Portuguese', () => {
  it('titles a grouped failure: "12 shards fora do ar, todos no bucket de identify 3"', () => {
    const ids = Array.from({ length: 12 }, (_, k) => 3 + 16 * k);
    const d = diagnoseGroup(ids, { shardTotal: 1024, maxConcurrency: 16 }, 'down', pt);
    expect(d.title).toBe('12 shards fora do ar, todos no bucket de identify 3');
    expect(d.body).toContain('12 dos 64 shards do bucket de identify 3 (shard_id % 16 = 3)');
    const cluster = diagnoseGroup(
      Array.from({ length: 16 }, (_, k) => 32 + k),
      { shardTotal: 1024, clusters: { size: 16 } },
      'silent',
      pt,
    );
    expect(cluster.title).toBe('16 shards em silêncio, todos no cluster 2 (shards 32–47)');
    expect(cluster.body).toMatch(/^Todos os 16 shards do cluster 2 falharam juntos/);
    // Many ranges: "and 3 more" is Portuguese too.
    const scattered = diagnoseGroup(
      [1, 5, 9, 13, 17, 21, 25, 29],
      { shardTotal: 1024 },
      'down',
      pt,
    );
    expect(scattered.body).toContain('1, 5, 9, 13, 17 e mais 3');
    // Without a translator: English, as before.
    expect(diagnoseGroup(ids, { shardTotal: 1024, maxConcurrency: 16 }).title).toBe(
      '12 shards down, all in identify bucket 3',
    );
  });

  it('words one-way and silent shards', () => {
    expect(namedStateText('one-way', [7], {}, pt)).toEqual({
      title: 'shard 7 em mão única',
      body: expect.stringContaining('O gateway continua enviando pings ao shard 7'),
    });
    const silent = namedStateText('silent', [4, 5, 6], { silentAfterMs: 120_000 }, pt);
    expect(silent.title).toBe('3 shards em silêncio');
    expect(silent.body).toContain('Os shards 4–6 estão conectados e enviando');
    expect(silent.body).toContain('há 2 min');
  });

  it('words the restart budget, its forecast and restart loops', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock, dailyLimit: 100, say: pt });
    for (let i = 0; i < 3; i++) {
      b.restarted([9], 'hash');
      clock.advance(2 * MIN);
    }
    for (let i = 0; i < 60; i++) b.restarted([100 + i], 'hash');
    const s = b.status();
    expect(s.title).toBe('63 de 100 inícios de sessão diários usados');
    expect(s.body).toMatch(/^Os shards reiniciaram 63 vezes nas últimas 24 horas\. No ritmo atual/);
    expect(b.loopText()?.title).toBe('shard 9 em loop de reinício (3 reinícios em 15 min)');
    expect(budgetContent({ budget: null, loops: null, oneWay: null, silent: null }, pt).title).toBe(
      'inícios de sessão diários acabando',
    );
  });

  it('points out recurring trouble and names its maintenance window', () => {
    const now = Date.UTC(2026, 10, 20, 12, 0);
    const failures = [1, 2, 3, 4, 5].map((day) => now - day * DAY - 9 * 60 * MIN + day * MIN);
    const [found] = findRecurringTrouble(failures, { timeZone: 'UTC', nowWall: now, say: pt });
    expect(found?.title).toMatch(
      /^falhas se repetem por volta das 03:0\d \(UTC\) em 5 dos últimos 14 dias$/,
    );
    expect(found?.body).toContain('Janela de manutenção sugerida');
    expect(found && maintenanceFor(found, null, pt).name).toMatch(
      /^Problema recorrente por volta das 03:0\d$/,
    );
    expect(() =>
      findRecurringTrouble([], { timeZone: 'Mars/Base', nowWall: now, say: pt }),
    ).toThrow('"Mars/Base" não é um fuso horário que este sistema conheça');
  });

  it('writes the HTML incident report in Portuguese, with lang="pt-BR"', () => {
    const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
    const incident: Incident = {
      id: 'inc-1',
      profileId: 'p',
      rule: 'shards-down',
      severity: 'critical',
      title: '3 shards fora do ar',
      body: 'Os shards 3, 19, 35 estão desconectados.',
      shardIds: [3, 19, 35],
      openedAt: T0 + 10 * MIN,
      updatedAt: T0 + 10 * MIN,
      clearedAt: T0 + 14 * MIN,
      acknowledged: false,
      suppressed: false,
    };
    const slice = createSliceBuilder(T0, T0 + 20 * MIN, 0, 40);
    for (let s = 0; s < 40; s++) slice.setInitial(s, heatCode('up'));
    const html = renderIncidentReport({
      incident,
      profileName: 'Produção',
      timeZone: 'UTC',
      generatedAt: T0 + 30 * MIN,
      heatmap: slice.finish(),
      latency: null,
      capture: null,
      timeline: [],
      say: pt,
      locale: 'pt-BR',
    });
    const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
    expect(doc.documentElement.getAttribute('lang')).toBe('pt-BR');
    expect(doc.title).toBe('Incidente do Shardwatch: 3 shards fora do ar');
    expect(Array.from(doc.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      'O que aconteceu',
      'Shards ao longo do tempo',
      'Latência dos pings ao gateway',
      'Linha do tempo',
      'Frames',
    ]);
    const meta = doc.querySelector('.meta')?.textContent ?? '';
    expect(meta).toContain('crítico · Produção · aberto às 2026-11-26 12:10:00');
    expect(meta).toContain('encerrado às 2026-11-26 12:14:00 após 4 min');
    expect(doc.body.textContent).toContain('Shards envolvidos: 3, 19, 35');
    expect(doc.body.textContent).toContain('no ar');
    expect(doc.body.textContent).not.toMatch(/What happened|Timeline|No frames/);
  });
});
