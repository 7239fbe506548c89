import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEAT_CELLS,
  HEAT_STATES,
  MARK_RESTART,
  RESTART_RANK,
  STATE_RANK,
  createSliceBuilder,
  decodeHeatmapSlice,
  encodeHeatmapSlice,
  heatCode,
  heatState,
  rowCells,
  rowRestarts,
  rowStateAt,
  statesAt,
  validateHeatmapSlice,
} from '../../../shared/shard-heatmap';
import type { HeatState, HeatmapSlice } from '../../../shared/shard-heatmap';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);

interface Change {
  row: number;
  dt: number;
  state: HeatState;
  restart: boolean;
}

function build(
  span: number,
  initial: HeatState[],
  changes: Change[],
): { slice: HeatmapSlice; sorted: Change[] } {
  const b = createSliceBuilder(T0, T0 + span, 100, initial.length);
  initial.forEach((s, r) => b.setInitial(100 + r, heatCode(s)));
  const sorted = [...changes].sort((x, y) => x.row - y.row || x.dt - y.dt);
  for (const c of sorted)
    b.push(100 + c.row, T0 + c.dt, heatCode(c.state, c.restart ? MARK_RESTART : 0));
  expect(b.rejected).toBe(0);
  return { slice: b.finish(), sorted };
}

const sliceArb = fc
  .record({
    span: fc.integer({ min: 1, max: 5000 }),
    rows: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ span, rows }) =>
    fc.record({
      span: fc.constant(span),
      initial: fc.array(fc.constantFrom(...HEAT_STATES), { minLength: rows, maxLength: rows }),
      changes: fc.array(
        fc.record({
          row: fc.integer({ min: 0, max: rows - 1 }),
          dt: fc.integer({ min: 0, max: span - 1 }),
          state: fc.constantFrom(...HEAT_STATES),
          restart: fc.boolean(),
        }),
        { maxLength: 30 },
      ),
    }),
  );

/** The state of a row at `dt`, replayed the slow way. */
function naiveState(initial: HeatState, sorted: Change[], row: number, dt: number): HeatState {
  let s = initial;
  for (const c of sorted) if (c.row === row && c.dt <= dt) s = c.state;
  return s;
}

describe('heatmap slice', () => {
  it('replays the state of every shard at any moment', () => {
    fc.assert(
      fc.property(
        sliceArb,
        fc.integer({ min: -10, max: 5010 }),
        ({ span, initial, changes }, at) => {
          const { slice, sorted } = build(span, initial, changes);
          const all = statesAt(slice, T0 + at);
          initial.forEach((s, r) => {
            const want = naiveState(s, sorted, r, at);
            expect(heatState(rowStateAt(slice, r, T0 + at))).toBe(want);
            expect(heatState(all[r] ?? 0)).toBe(want);
          });
        },
      ),
    );
  });

  it('gives each drawn column the worst thing that happened in it', () => {
    fc.assert(
      fc.property(sliceArb, fc.integer({ min: 1, max: 64 }), ({ span, initial, changes }, cols) => {
        const { slice, sorted } = build(span, initial, changes);
        const out = new Uint8Array(cols);
        initial.forEach((s0, r) => {
          rowCells(slice, r, cols, out);
          // Segments of constant state, then every column they overlap.
          const want = new Uint8Array(cols);
          let state = s0;
          let start = 0;
          const mine = sorted.filter((c) => c.row === r);
          const paint = (a: number, b: number, rank: number): void => {
            for (let c = 0; c < cols; c++)
              if (a * cols < (c + 1) * span && b * cols > c * span && (want[c] as number) < rank)
                want[c] = rank;
          };
          for (const c of mine) {
            if (c.dt > start) paint(start, c.dt, STATE_RANK[heatCode(state)] as number);
            state = c.state;
            start = c.dt;
            const col = Math.min(cols - 1, Math.floor((c.dt * cols) / span));
            if (c.restart && (want[col] as number) < RESTART_RANK) want[col] = RESTART_RANK;
          }
          paint(start, span, STATE_RANK[heatCode(state)] as number);
          expect(Array.from(out)).toEqual(Array.from(want));
        });
      }),
    );
  });

  it('keeps a 30-second outage visible in a 10-minute column, and a restart when nothing is worse', () => {
    const day = 86_400_000;
    const { slice } = build(
      day,
      ['up', 'up'],
      [
        { row: 0, dt: 3_600_000, state: 'down', restart: false },
        { row: 0, dt: 3_630_000, state: 'up', restart: true },
        { row: 1, dt: 7_200_000, state: 'up', restart: true },
      ],
    );
    const out = new Uint8Array(144);
    rowCells(slice, 0, 144, out);
    expect(HEAT_CELLS[out[6] ?? 0]).toBe('down');
    expect(HEAT_CELLS[out[5] ?? 0]).toBe('up');
    rowCells(slice, 1, 144, out);
    expect(HEAT_CELLS[out[12] ?? 0]).toBe('restart');
    // Two shards drawn in one row: the worse of both per column.
    rowCells(slice, 0, 144, out, true);
    expect([out[6], out[12]].map((x) => HEAT_CELLS[x ?? 0])).toEqual(['down', 'restart']);
    expect(rowRestarts(slice, 0, T0, T0 + day)).toBe(1);
    expect(rowRestarts(slice, 1, T0, T0 + 7_200_000)).toBe(0);
  });

  it('builds rows only from changes in order, inside the window, with valid codes', () => {
    const b = createSliceBuilder(T0, T0 + 1000, 10, 3);
    b.push(11, T0 + 5, heatCode('down'));
    b.push(11, T0 + 4, heatCode('up')); // backwards in time
    b.push(10, T0 + 6, heatCode('up')); // earlier row after a later one
    b.push(12, T0 + 1000, heatCode('up')); // outside the window
    b.push(13, T0 + 1, heatCode('up')); // outside the rows
    b.push(12, T0 + 1, 0xee); // not a code
    b.push(12, T0 + 7, heatCode('silent'));
    expect(b.rejected).toBe(5);
    const s = b.finish();
    expect(Array.from(s.offsets)).toEqual([0, 0, 1, 2]);
    expect(Array.from(s.codes, heatState)).toEqual(['down', 'silent']);
  });

  it('round-trips through its binary form, at any byte offset', () => {
    fc.assert(
      fc.property(sliceArb, fc.integer({ min: 0, max: 7 }), ({ span, initial, changes }, pad) => {
        const { slice } = build(span, initial, changes);
        const bytes = encodeHeatmapSlice(slice);
        const shifted = new Uint8Array(bytes.length + pad);
        shifted.set(bytes, pad);
        const back = decodeHeatmapSlice(shifted.subarray(pad));
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(back.value.from).toBe(slice.from);
        expect(back.value.to).toBe(slice.to);
        expect(back.value.shardLo).toBe(100);
        expect(Array.from(back.value.initial)).toEqual(Array.from(slice.initial));
        expect(Array.from(back.value.offsets)).toEqual(Array.from(slice.offsets));
        expect(Array.from(back.value.times)).toEqual(Array.from(slice.times));
        expect(Array.from(back.value.codes)).toEqual(Array.from(slice.codes));
      }),
    );
  });

  it('refuses damaged or hostile bytes with a reason, never throwing', () => {
    const { slice } = build(1000, ['up', 'down'], [{ row: 1, dt: 5, state: 'up', restart: false }]);
    const good = encodeHeatmapSlice(slice);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const bad = good.slice();
          bad[at] = value;
          const r = decodeHeatmapSlice(bad);
          if (r.ok) expect(validateHeatmapSlice(r.value).ok).toBe(true);
          else expect(r.error).toMatch(/heatmap|slice/);
        },
      ),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = decodeHeatmapSlice(bytes);
        expect(r.ok).toBe(false);
      }),
    );
    expect(decodeHeatmapSlice('bytes')).toEqual({ ok: false, error: 'heatmap data must be bytes' });
    expect(decodeHeatmapSlice(good.subarray(0, good.length - 1))).toEqual({
      ok: false,
      error: 'heatmap data has the wrong length',
    });
  });

  it('validates a slice received as an object', () => {
    const { slice } = build(1000, ['up'], [{ row: 0, dt: 5, state: 'down', restart: false }]);
    expect(validateHeatmapSlice(slice).ok).toBe(true);
    const cases: Array<[Partial<Record<keyof HeatmapSlice, unknown>>, RegExp]> = [
      [{ to: slice.from }, /after slice.from/],
      [{ initial: [1] }, /initial/],
      [{ offsets: new Uint32Array([0, 2]) }, /offsets/],
      [{ times: new Uint32Array([2000]) }, /outside the window/],
      [{ codes: new Uint8Array([0x80]) }, /not a state code/],
      [{ shardCount: -1 }, /shardCount/],
    ];
    for (const [patch, msg] of cases) {
      const r = validateHeatmapSlice({ ...slice, ...patch });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(msg);
    }
    expect(validateHeatmapSlice(null).ok).toBe(false);
  });
});
