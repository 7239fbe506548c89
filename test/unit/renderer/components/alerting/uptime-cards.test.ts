// @vitest-environment happy-dom
/**
 * The uptime cards say over what span each figure was measured: a profile
 * younger than a window shows "since 02:10 (2 min)" under that window's
 * figure, in the user's language; a window measured from its start shows
 * the figure alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import UptimeCards from '../../../../../renderer/src/components/alerting/UptimeCards.vue';
import { i18n } from '../../../../../renderer/src/i18n';
import type { UptimeFigure, UptimeWindow } from '../../../../../shared/alerting';

const MIN = 60_000;
const NOW = new Date(2026, 11, 3, 2, 12, 30).getTime();
const CREATED = new Date(2026, 11, 3, 2, 10, 30).getTime();

function figure(window: UptimeWindow, since: number | null, pct = 99.5): UptimeFigure {
  return { window, pct, monitoredMs: 2 * MIN, downMs: 0.01 * MIN, since };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  i18n.global.locale.value = 'en';
});

function cards(figures: UptimeFigure[]) {
  const w = mount(UptimeCards, { props: { figures } });
  return (window: UptimeWindow) => w.find(`[data-testid="uptime-${window}"]`);
}

describe('uptime cards', () => {
  it('a two-minute-old profile: every window says since when its figure was measured', () => {
    const card = cards(['24h', '7d', '30d', '1y'].map((w) => figure(w as UptimeWindow, CREATED)));
    for (const w of ['24h', '7d', '30d', '1y'] as const) {
      const since = card(w).find('[data-testid="uptime-since"]');
      expect(since.text()).toBe('since 02:10 (2 min)');
      expect(card(w).text()).toContain('99.5');
    }
  });

  it('a window measured from its start shows the figure alone', () => {
    const card = cards([figure('24h', null, 100), figure('7d', CREATED - 3 * 86_400_000)]);
    expect(card('24h').find('[data-testid="uptime-since"]').exists()).toBe(false);
    expect(card('7d').find('[data-testid="uptime-since"]').text()).toBe(
      'since 2026-11-30 02:10 (3 d)',
    );
  });

  it('says it in Brazilian Portuguese too', () => {
    i18n.global.locale.value = 'pt-BR';
    const card = cards([figure('30d', CREATED)]);
    expect(card('30d').find('[data-testid="uptime-since"]').text()).toBe('desde 02:10 (2 min)');
  });
});
