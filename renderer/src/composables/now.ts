/**
 * A shared "now" that ticks once a second while any component uses it, for
 * relative times. This is a display clock, not polling: no request is made.
 */
import { onScopeDispose, readonly, ref } from 'vue';
import type { Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** The current wall time in ms, updated every second. */
export function useNow(): Readonly<Ref<number>> {
  users++;
  if (timer === null) {
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
    }, 1000);
  }
  onScopeDispose(() => {
    users--;
    if (users === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  });
  return readonly(now);
}
