import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseGroup } from '../../../../electron/core/analytics/group-diagnosis';
import type { DiagnosisContext } from '../../../../electron/core/analytics/group-diagnosis';

const TOTAL = 1024;

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('grouped failure diagnosis', () => {
  it('says what the issue asks for: "12 shards down, all in identify bucket 3"', () => {
    const ids = Array.from({ length: 12 }, (_, k) => 3 + 16 * k);
    const d = diagnoseGroup(ids, { shardTotal: TOTAL, maxConcurrency: 16 });
    expect(d.kind).toBe('bucket');
    expect(d.title).toBe('12 shards down, all in identify bucket 3');
    expect(d.bucket).toEqual({ index: 3, maxConcurrency: 16, size: 64 });
    expect(d.body).toContain('12 of the 64 shards of identify bucket 3 (shard_id % 16 = 3)');
  });

  it('names a contiguous range, a cluster, development shards and a gateway-wide failure', () => {
    expect(diagnoseGroup([40, 41, 42, 43], { shardTotal: TOTAL }).title).toBe(
      '4 shards down, shards 40–43',
    );
    const cluster = diagnoseGroup([32, 35, 40, 47], { shardTotal: TOTAL, clusters: { size: 16 } });
    expect([cluster.kind, cluster.title]).toEqual(['cluster', '4 shards down, all in cluster 2']);
    const whole = diagnoseGroup(
      Array.from({ length: 16 }, (_, k) => 32 + k),
      { shardTotal: TOTAL, clusters: { size: 16 } },
    );
    expect(whole.title).toBe('16 shards down, all in cluster 2 (shards 32–47)');
    expect(whole.body).toContain('All 16 shards of cluster 2 failed together');
    const listed = diagnoseGroup([5, 900], {
      shardTotal: TOTAL,
      clusters: {
        lists: [
          [1, 2],
          [5, 900, 901],
        ],
      },
    });
    expect(listed.title).toBe('2 shards down, all in cluster 1');
    const dev = diagnoseGroup([7, 300], {
      shardTotal: TOTAL,
      isDevelopment: (id) => id % 7 === 0 || id === 300,
    });
    expect(dev.title).toBe('2 shards down, all development shards');
    const all = diagnoseGroup(
      Array.from({ length: 950 }, (_, k) => k),
      { shardTotal: 1000 },
    );
    expect(all.title).toBe('950 of 1,000 shards down at once (gateway side)');
    expect(diagnoseGroup([9], { shardTotal: TOTAL }).title).toBe('shard 9 down');
    expect(diagnoseGroup([1, 500, 900], { shardTotal: TOTAL }, 'silent').title).toBe(
      '3 shards silent',
    );
  });

  it('says "most" when a pattern covers most of the group, not all of it', () => {
    const ids = [...Array.from({ length: 9 }, (_, k) => 3 + 16 * k), 700];
    const d = diagnoseGroup(ids, { shardTotal: TOTAL, maxConcurrency: 16 });
    expect([d.kind, d.partial, d.matching]).toEqual(['bucket', true, 9]);
    expect(d.title).toBe('10 shards down, 9 in identify bucket 3');
  });

  it('finds the bucket of any group drawn from one identify bucket, in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.integer({ min: 0, max: 63 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 3, maxLength: 12 }),
        fc.integer(),
        (m, b0, ks, seed) => {
          const b = b0 % m;
          const ids = ks.map((k) => b + m * k).filter((id) => id < TOTAL);
          fc.pre(ids.length >= 3);
          const d = diagnoseGroup(shuffled([...ids, ids[0] as number], seed), {
            shardTotal: TOTAL,
            maxConcurrency: m,
          });
          expect(d.kind).toBe('bucket');
          expect(d.bucket?.index).toBe(b);
          expect(d.count).toBe(ids.length);
          expect(d.title).toBe(`${ids.length} shards down, all in identify bucket ${b}`);
        },
      ),
    );
  });

  it('finds any contiguous range when there are no buckets or clusters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 2, max: 100 }),
        fc.integer(),
        (lo, len, seed) => {
          const ids = Array.from({ length: len }, (_, k) => lo + k);
          const d = diagnoseGroup(shuffled(ids, seed), { shardTotal: TOTAL });
          expect(d.kind).toBe('range');
          expect(d.ranges).toEqual([[lo, lo + len - 1]]);
        },
      ),
    );
  });

  it('never claims a pattern the group does not have', () => {
    const ctxArb = fc.record({
      shardTotal: fc.integer({ min: 1, max: 300 }),
      maxConcurrency: fc.integer({ min: 1, max: 32 }),
      clusterSize: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
      devMod: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(
        ctxArb,
        fc.array(fc.integer({ min: 0, max: 299 }), { maxLength: 60 }),
        (c, raw) => {
          const ctx: DiagnosisContext = {
            shardTotal: c.shardTotal,
            maxConcurrency: c.maxConcurrency,
            clusters: c.clusterSize === undefined ? null : { size: c.clusterSize },
            isDevelopment: (id) => id % c.devMod === 0,
          };
          const d = diagnoseGroup(raw, ctx);
          const ids = [...new Set(raw)].sort((a, b) => a - b);
          expect(d.count).toBe(ids.length);
          expect(d.ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0)).toBe(ids.length);
          switch (d.kind) {
            case 'single':
              expect(ids.length).toBeLessThanOrEqual(1);
              break;
            case 'all':
              expect(ids.length).toBeGreaterThanOrEqual(0.9 * Math.max(c.shardTotal, ids.length));
              break;
            case 'development':
              expect(ids.every((id) => id % c.devMod === 0)).toBe(true);
              break;
            case 'bucket': {
              const inBucket = ids.filter((id) => id % c.maxConcurrency === d.bucket?.index);
              expect(inBucket.length).toBe(d.matching);
              expect(d.matching).toBeGreaterThanOrEqual(d.partial ? 0.8 * ids.length : ids.length);
              expect(d.matching).toBeGreaterThanOrEqual(3);
              break;
            }
            case 'cluster': {
              const size = c.clusterSize ?? 0;
              const inCluster = ids.filter((id) => Math.floor(id / size) === d.cluster?.index);
              expect(inCluster.length).toBe(d.matching);
              expect(d.matching).toBeGreaterThanOrEqual(d.partial ? 0.8 * ids.length : ids.length);
              break;
            }
            case 'range':
              expect(d.ranges).toHaveLength(1);
              break;
            case 'scattered':
              expect(d.ranges.length).toBeGreaterThan(1);
              break;
          }
          expect(d.title.startsWith(ids.length === 1 ? 'shard ' : '')).toBe(true);
        },
      ),
    );
  });
});
