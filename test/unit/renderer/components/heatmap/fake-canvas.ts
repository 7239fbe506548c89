/**
 * A 2D context for happy-dom (which has none) that keeps what the heatmap
 * and the replay grid draw: ImageData put on each canvas, text, cell fills.
 */
import { nextTick } from 'vue';
import { vi } from 'vitest';

/** What one canvas received. */
export interface CanvasRecord {
  canvas: HTMLCanvasElement;
  /** The last ImageData put, as pixels. */
  pixels: Uint32Array | null;
  width: number;
  texts: string[];
  puts: number;
  cellFills: number;
}

/** Stub `getContext` on every canvas; returns the records by canvas. */
export function installFakeCanvas(): Map<HTMLCanvasElement, CanvasRecord> {
  const seen = new Map<HTMLCanvasElement, CanvasRecord>();
  class FakePath {
    rect(): void {}
    moveTo(): void {}
    lineTo(): void {}
    arc(): void {}
  }
  vi.stubGlobal('Path2D', FakePath);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    const rec: CanvasRecord = {
      canvas: this,
      pixels: null,
      width: 0,
      texts: [],
      puts: 0,
      cellFills: 0,
    };
    seen.set(this, rec);
    const noop = (): void => {};
    const ctx = {
      createImageData: (w: number, h: number) => ({
        width: w,
        height: h,
        data: new Uint8ClampedArray(w * h * 4),
      }),
      putImageData: (img: { width: number; data: Uint8ClampedArray }) => {
        rec.pixels = new Uint32Array(img.data.slice().buffer);
        rec.width = img.width;
        rec.puts++;
      },
      fillText: (t: string) => void rec.texts.push(t),
      fillRect: (_x: number, _y: number, w: number) => {
        if (w <= 22) rec.cellFills++;
      },
      setTransform: noop,
      fill: noop,
      stroke: noop,
      strokeRect: noop,
      beginPath: noop,
      moveTo: noop,
      lineTo: noop,
      arc: noop,
      setLineDash: noop,
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      font: '',
      textAlign: 'left',
      textBaseline: 'top',
    };
    return ctx as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return seen;
}

/** Let Vue flush, then wait for the next animation frame to have run (an event, not a time). */
export async function frame(): Promise<void> {
  await nextTick();
  await new Promise<void>((r) => requestAnimationFrame(() => r()));
  await nextTick();
}
