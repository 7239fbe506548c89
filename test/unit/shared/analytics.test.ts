import { describe, expect, it } from 'vitest';
import {
  bytesFromBase64,
  clusterSpecValidator,
  decodeHeatmapBase64,
  formatClusters,
  inRanges,
  parseClusters,
  shardHeatmapQueryValidator,
  validateAnalyticsFields,
} from '../../../shared/analytics';
import { createSliceBuilder, encodeHeatmapSlice, heatCode } from '../../../shared/shard-heatmap';
import { createSeededRandom } from '../../../electron/sim/random';

describe('cluster layouts', () => {
  it('reads what the editor shows and writes it back the same', () => {
    expect(parseClusters('')).toEqual({ ok: true, value: null });
    expect(parseClusters(' 16 ')).toEqual({ ok: true, value: { size: 16 } });
    const lists = parseClusters('0-3; 4–5, 9 ;10');
    expect(lists).toEqual({ ok: true, value: { lists: [[0, 1, 2, 3], [4, 5, 9], [10]] } });
    expect(formatClusters(lists.ok ? lists.value : null)).toBe('0-3; 4-5, 9; 10');
    expect(formatClusters({ size: 8 })).toBe('8');
    expect(formatClusters(null)).toBe('');
  });

  it('says what is wrong with a layout it cannot read', () => {
    expect(parseClusters('0-3; x')).toEqual({
      ok: false,
      error: 'Cluster 2: "x" is not a shard id or a range.',
    });
    expect(parseClusters('5-2')).toMatchObject({ ok: false });
    expect(parseClusters('0-3;;4')).toEqual({ ok: false, error: 'Cluster 2 holds no shard id.' });
    expect(parseClusters('0-200000')).toMatchObject({
      ok: false,
      error: expect.stringContaining('more than'),
    });
    expect(parseClusters('0')).toMatchObject({
      ok: false,
      error: expect.stringContaining('cluster size'),
    });
  });

  it('checks a stored layout structurally', () => {
    expect(clusterSpecValidator({ size: 4 }, 'c')).toEqual({ ok: true, value: { size: 4 } });
    expect(clusterSpecValidator({ lists: [[1, 2], [3]] }, 'c')).toMatchObject({ ok: true });
    for (const bad of [
      {},
      { size: 0 },
      { size: 1.5 },
      { lists: [] },
      { lists: [[-1]] },
      { lists: [['a']] },
      { size: 2, lists: [[1]] },
    ])
      expect(clusterSpecValidator(bad, 'c').ok).toBe(false);
  });
});

describe('analytics fields of a profile form', () => {
  function errors(input: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    validateAnalyticsFields(input, (field, message) => {
      if (message !== null) out[field] ??= message;
    });
    return out;
  }

  it('accepts the defaults and names each field that is out of range', () => {
    expect(errors({ maxConcurrency: 1, dailySessionLimit: 1000, clusters: null })).toEqual({});
    expect(
      Object.keys(errors({ maxConcurrency: 0, dailySessionLimit: 0.5, clusters: { size: -1 } })),
    ).toEqual(['maxConcurrency', 'dailySessionLimit', 'clusters']);
  });
});

describe('base64 heatmap data', () => {
  it('decodes exactly what Node encodes, at every length and padding', () => {
    const rnd = createSeededRandom(5);
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rnd.int(256));
      const text = Buffer.from(bytes).toString('base64');
      expect(Array.from(bytesFromBase64(text) ?? [])).toEqual(Array.from(bytes));
      expect(Array.from(bytesFromBase64(text.replace(/=+$/, '')) ?? [])).toEqual(Array.from(bytes));
    }
  });

  it('refuses text that is not base64', () => {
    for (const bad of ['a', 'ab$d', 'abc===', 'é']) expect(bytesFromBase64(bad)).toBeNull();
  });

  it('turns the answer of query:shard-heatmap back into a validated slice, and junk into a reason', () => {
    const b = createSliceBuilder(0, 60_000, 10, 2);
    b.setInitial(10, heatCode('up'));
    b.push(11, 30_000, heatCode('down'));
    const bytes = encodeHeatmapSlice(b.finish());
    const back = decodeHeatmapBase64({ base64: Buffer.from(bytes).toString('base64') });
    expect(back.ok && Array.from(back.value.codes)).toEqual([heatCode('down')]);
    expect(back.ok && back.value.shardLo).toBe(10);
    expect(decodeHeatmapBase64({ base64: '!!!' })).toEqual({
      ok: false,
      error: 'heatmap data is not base64',
    });
    expect(
      decodeHeatmapBase64({ base64: Buffer.from('SWH1 nonsense').toString('base64') }).ok,
    ).toBe(false);
    expect(decodeHeatmapBase64('text').ok).toBe(false);
  });
});

describe('the heatmap request', () => {
  it('takes a window of up to 40 days and a shard range, nothing else', () => {
    const q = { profileId: 'p', from: 0, to: 3_600_000, shardLo: 0, shardCount: 100 };
    expect(shardHeatmapQueryValidator(q, 'q')).toEqual({ ok: true, value: q });
    for (const bad of [
      { ...q, to: 0 },
      { ...q, to: 41 * 86_400_000 },
      { ...q, shardCount: 0 },
      { ...q, shardLo: -1 },
      { ...q, profileId: '' },
      { ...q, extra: 1 },
    ])
      expect(shardHeatmapQueryValidator(bad, 'q').ok).toBe(false);
  });
});

describe('id ranges', () => {
  it('finds an id in ascending inclusive ranges', () => {
    const r: Array<[number, number]> = [
      [0, 2],
      [5, 5],
      [9, 12],
    ];
    expect([0, 2, 3, 5, 6, 9, 12, 13].map((id) => inRanges(r, id))).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(inRanges([], 0)).toBe(false);
  });
});
