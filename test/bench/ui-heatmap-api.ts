/**
 * What the heatmap benchmark page (`ui-heatmap-harness.vue`) exposes to its
 * driver (`ui-heatmap.ts`) as `window.__uiHeatmapBench`. Types only.
 */

/** Zoom of the heatmap: the whole bot, or CSS pixels per row. */
export type BenchZoom = 'fit' | number;

/** First draw of one heatmap. */
export interface HeatmapMountResult {
  shards: number;
  transitions: number;
  bytes: number;
  /** Base64 text → bytes → typed arrays, validated (what the renderer does with the answer). */
  decodeMs: number;
  mountMs: number;
  /** Decode start → the heatmap's first canvas draw done. */
  firstDrawMs: number;
  /** …→ the frame after it, with the picture on screen. */
  firstFrameMs: number;
  /** The heatmap's own rAF work in that first frame. */
  drawMs: number;
  /** Canvas tiles alive after the first draw. */
  tiles: number;
}

/** Frames while scrolling. */
export interface HeatmapScrollResult {
  frames: number;
  /** The heatmap's rAF redraws (tiles in view not painted yet). */
  drawMs: number[];
  /** Idle-time paints of the tiles next to the view. */
  idleMs: number[];
  frameIntervalsMs: number[];
  tiles: number;
}

/** Frames while a new slice arrives every second. */
export interface HeatmapUpdateResult {
  frames: number;
  frameIntervalsMs: number[];
  /**
   * Per update: from the answer to the slice handed to the heatmap, decoded
   * in chunks between frames (renderer/src/heatmap-decode.ts), as the app does.
   */
  updateMs: number[];
  /** The heatmap's rAF redraws that followed. */
  drawMs: number[];
}

/** The page's API. */
export interface UiHeatmapBenchApi {
  mount(shards: number, zoom: BenchZoom): Promise<HeatmapMountResult>;
  scroll(step: number, seconds: number): Promise<HeatmapScrollResult>;
  /**
   * A fresh answer of `query:shard-heatmap` (another day of the same bot)
   * every second; with `quiet`, none (the frames of the machine alone).
   */
  updates(seconds: number, quiet?: boolean): Promise<HeatmapUpdateResult>;
  /** The page's JS heap after `gc()`, bytes. */
  heap(): Promise<number>;
}
