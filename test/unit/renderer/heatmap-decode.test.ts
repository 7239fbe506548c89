import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, decodeHeatmapAnswer } from '../../../renderer/src/heatmap-decode';
import { decodeHeatmapBase64 } from '../../../shared/analytics';
import { createSliceBuilder, encodeHeatmapSlice, heatCode } from '../../../shared/shard-heatmap';

/** Base64 as the core writes it (the renderer's tests have no Buffer). */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A slice of `rows` shards with a few changes each: big enough for several chunks. */
function bigAnswer(rows: number): { base64: string } {
  const b = createSliceBuilder(0, 3_600_000, 0, rows);
  for (let r = 0; r < rows; r++) {
    b.setInitial(r, heatCode('up'));
    for (let k = 1; k <= 4; k++) b.push(r, k * 600_000 + r, heatCode(k % 2 ? 'down' : 'up'));
  }
  return { base64: toBase64(encodeHeatmapSlice(b.finish())) };
}

describe('decoding the heatmap answer between frames', () => {
  it('gives the same slice as decoding it in one go, yielding between chunks', async () => {
    const answer = bigAnswer(20_000);
    const chunks = Math.ceil(answer.base64.length / CHUNK_CHARS);
    expect(chunks).toBeGreaterThan(3);
    let pauses = 0;
    const got = await decodeHeatmapAnswer(answer, {
      stepMs: 0,
      pause: async () => void pauses++,
    });
    // One yield after each chunk but the last, and one before the slice is checked.
    expect(pauses).toBe(chunks);
    const once = decodeHeatmapBase64(answer);
    expect(got.ok && once.ok).toBe(true);
    if (!got.ok || !once.ok) return;
    expect(got.value.shardCount).toBe(20_000);
    expect(Array.from(got.value.times)).toEqual(Array.from(once.value.times));
    expect(Array.from(got.value.codes)).toEqual(Array.from(once.value.codes));
    expect(Array.from(got.value.offsets)).toEqual(Array.from(once.value.offsets));
  });

  it('says what is wrong with an answer it cannot read', async () => {
    const pause = async (): Promise<void> => {};
    expect(await decodeHeatmapAnswer('text', { pause })).toEqual({
      ok: false,
      error: 'heatmap data must be {"base64": text}',
    });
    expect(await decodeHeatmapAnswer({ base64: '!!!' }, { pause })).toEqual({
      ok: false,
      error: 'heatmap data is not base64',
    });
    // Line breaks inside would shift every later chunk: refused, not decoded wrong.
    const broken = bigAnswer(20_000).base64.replace(/(.{76})/g, '$1\n');
    expect((await decodeHeatmapAnswer({ base64: broken }, { pause })).ok).toBe(false);
    const junk = btoa('SWH1 nonsense');
    expect((await decodeHeatmapAnswer({ base64: junk }, { pause })).ok).toBe(false);
  });
});
