/**
 * The raw frame log (profile detail → Frames): each entry keeps at most
 * 4 KiB of a frame's JSON, cut without serialising the rest of a huge frame.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPrefix } from '../../../electron/core/gateway/frame-text';
import { createProfile, profileFor, startCore, startSim, unwrap, waitFor } from './helpers';

describe('frame log', () => {
  it('jsonPrefix is JSON.stringify, cut at the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 400 }), (value, max) => {
        const full = JSON.stringify(value);
        expect(jsonPrefix(value, max)).toEqual(
          full.length <= max ? { text: full, cut: false } : { text: full.slice(0, max), cut: true },
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps small frames whole and the first 4 KiB of a 2 000-shard snapshot, with its size', async () => {
    const sim = await startSim({ shardCount: 2000, shardInfoIntervalMs: 200 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Wide bot' }));
    const frames = await waitFor('a shard-info frame and a ping answer in the log', async () => {
      const list = unwrap(await f.core.api['query:frames'](p.id));
      const info = list.find((fr) => fr.event === 'GATEWAY_SHARD_INFO');
      const ping = list.find((fr) => fr.event === 'GATEWAY_PING');
      return info && ping ? { info, ping } : undefined;
    });

    expect(JSON.parse(frames.ping.text)).toMatchObject({ type: 3, event: 'GATEWAY_PING' });
    const m = /^([\s\S]*)… \((\d+) bytes\)$/.exec(frames.info.text);
    expect(m, 'a cut frame says how big it was').not.toBeNull();
    expect(m?.[1]).toHaveLength(4096);
    expect(m?.[1]?.startsWith('{"type":1,"service":"gateway","event":"GATEWAY_SHARD_INFO"')).toBe(
      true,
    );
    expect(Number(m?.[2])).toBeGreaterThan(100_000);
  });
});
