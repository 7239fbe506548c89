// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatExact,
  formatMs,
  formatPct,
  formatRelative,
  formatTimeOfDay,
} from '../../../renderer/src/format';
import { parseHash, routeHref } from '../../../renderer/src/router';
import { applyLanguage, t } from '../../../renderer/src/i18n';
import { fmtRate } from '../../../renderer/src/components/detail/detail-format';
import { formatUptime } from '../../../renderer/src/stores/alerting';
import { shardsText, stateLook } from '../../../renderer/src/health';

describe('format helpers', () => {
  it('formats ms with two decimals below 10 ms and whole numbers above, always with the unit', () => {
    expect(formatMs(0)).toBe('0.00 ms');
    expect(formatMs(0.126)).toBe('0.13 ms');
    expect(formatMs(9.994)).toBe('9.99 ms');
    expect(formatMs(9.999)).toBe('10 ms');
    expect(formatMs(10)).toBe('10 ms');
    expect(formatMs(123.5)).toBe('124 ms');
    expect(formatMs(null)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
  });

  it('formats percentages', () => {
    expect(formatPct(0)).toBe('0%');
    expect(formatPct(2.345)).toBe('2.3%');
    expect(formatPct(33.3)).toBe('33%');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(null)).toBe('—');
  });

  it('writes every figure in the digits of the language the app speaks', () => {
    applyLanguage('pt-BR');
    try {
      expect(formatMs(2.5)).toBe('2,50 ms');
      expect(formatMs(1234)).toBe('1.234 ms');
      expect(formatPct(2.5)).toBe('2,5%');
      expect(formatCount(1234567)).toBe('1.234.567');
      expect(fmtRate(12.34)).toBe(t('common.rate', { n: '12,3' }));
      expect(formatUptime(99.95)).toBe('99,950%');
    } finally {
      applyLanguage('en');
    }
    expect(formatMs(2.5)).toBe('2.50 ms');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('formats relative times both ways and durations', () => {
    const now = 1_000_000_000;
    expect(formatRelative(now - 2000, now)).toBe('just now');
    expect(formatRelative(now - 12_000, now)).toBe('12 s ago');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now - 3 * 3_600_000 - 60_000, now)).toBe('3 h ago');
    expect(formatRelative(now + 3_600_000, now)).toBe('in 1 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(2 * 86_400_000)).toBe('2 d');
    expect(formatExact(new Date(2026, 10, 26, 4, 5, 6).getTime())).toBe('2026-11-26 04:05:06');
    // The log's time of day is the exact time without its date, same style.
    expect(formatTimeOfDay(new Date(2026, 10, 26, 4, 5, 6).getTime())).toBe('04:05:06');
  });
});

describe('router', () => {
  it('parses and builds every route', () => {
    expect(parseHash('')).toEqual({ name: 'overview' });
    expect(parseHash('#/')).toEqual({ name: 'overview' });
    expect(parseHash('#/profile/a%2Fb')).toEqual({ name: 'detail', id: 'a/b', shard: null });
    expect(parseHash('#/profile/x?shard=7')).toEqual({ name: 'detail', id: 'x', shard: 7 });
    expect(parseHash('#/profile/x?shard=nope')).toEqual({ name: 'detail', id: 'x', shard: null });
    expect(parseHash('#/profile/x/edit')).toEqual({ name: 'edit', id: 'x' });
    expect(parseHash('#/new')).toEqual({ name: 'new' });
    expect(parseHash('#/settings')).toEqual({ name: 'settings' });
    expect(parseHash('#/incidents')).toEqual({ name: 'incidents' });
    expect(parseHash('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(routeHref({ name: 'detail', id: 'a/b', shard: 2 })).toBe('#/profile/a%2Fb?shard=2');
    expect(parseHash(routeHref({ name: 'edit', id: 'a b' }))).toEqual({ name: 'edit', id: 'a b' });
  });
});

describe('health words', () => {
  it('gives every state a word and a shape', () => {
    expect(stateLook('auth-refused')).toMatchObject({ label: 'Credentials refused', icon: 'lock' });
    expect(stateLook('closed', 'paused')).toMatchObject({ label: 'Paused', icon: 'pause' });
    expect(stateLook('ready')).toMatchObject({ label: 'Connected', icon: 'check' });
    expect(shardsText(undefined)).toBe('—');
  });
});
