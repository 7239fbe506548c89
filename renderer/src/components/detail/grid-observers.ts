/**
 * What makes the shard grid lay out or repaint from outside: the scroller's
 * width (a ResizeObserver) and the theme (the root element's attributes and
 * the system colour scheme). A composable of ShardGrid.vue; everything it
 * starts on mount it stops on unmount.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import type { Ref } from 'vue';

/**
 * Keep `width` at `scroller`'s inner width (its scrollbar gutter is always
 * reserved, so it does not change when the scrollbar appears) and call
 * `repaint` when the width or the theme changes.
 */
export function useGridObservers(
  scroller: Ref<HTMLElement | null>,
  width: Ref<number>,
  repaint: () => void,
): void {
  let resizeObserver: ResizeObserver | null = null;
  let themeObserver: MutationObserver | null = null;
  let media: MediaQueryList | null = null;

  onMounted(() => {
    const el = scroller.value;
    if (el && el.clientWidth > 0) width.value = el.clientWidth;
    if (el && typeof ResizeObserver !== 'undefined') {
      resizeObserver = new ResizeObserver(() => {
        const w = el.clientWidth;
        if (w > 0 && w !== width.value) {
          width.value = w;
          repaint();
        }
      });
      resizeObserver.observe(el);
    }
    if (typeof MutationObserver !== 'undefined') {
      themeObserver = new MutationObserver(repaint);
      themeObserver.observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['data-theme', 'class', 'style'],
      });
    }
    if (typeof matchMedia === 'function') {
      media = matchMedia('(prefers-color-scheme: dark)');
      media.addEventListener?.('change', repaint);
    }
  });

  onBeforeUnmount(() => {
    resizeObserver?.disconnect();
    themeObserver?.disconnect();
    media?.removeEventListener?.('change', repaint);
  });
}
