/**
 * How often the tray model is built (docs/architecture.md §3.6). The core asks
 * for it on every push, up to ten times a second; with 100 profiles pinging
 * every second nearly every push carried a new round-trip time for some
 * profile's line, and wording the lines, the summary and the menu again each
 * time was a sixth of the core's CPU. So the model is built again **at once**
 * when what the tray says about the whole changes — its state (the icon's
 * shape and colour), the down count, the summary line, the profiles, the
 * snooze — and otherwise, when only a profile's line may differ (its
 * round-trip time, its shard count), **at most once a second**: a later ask
 * in that second gets the model as it was, and `due` is called when the
 * second is over so that the last change is shown even if nothing else asks.
 */
import type { Clock, TimerHandle } from '../../shared/clock';
import type { TrayModel } from '../../shared/tray';
import type { TrayInput } from './tray-model';
import { buildTrayModel, trayHead } from './tray-model';

/** Profile lines (round-trip times, shard counts) are worded again at most this often (ms). */
export const TRAY_LINES_EVERY_MS = 1000;

export interface TrayPacing {
  /** The tray model for `input`: built again, or the last one when only its lines could differ. */
  model(input: TrayInput): TrayModel;
  dispose(): void;
}

export function createTrayPacing(opts: {
  clock: Clock;
  /** Called once the last model kept for its lines' sake may be built again. */
  due: () => void;
  linesEveryMs?: number;
}): TrayPacing {
  const { clock, due } = opts;
  const every = opts.linesEveryMs ?? TRAY_LINES_EVERY_MS;
  let last: { model: TrayModel; head: string; profiles: TrayInput['profiles']; at: number } | null =
    null;
  let timer: TimerHandle | null = null;

  return {
    model(input) {
      const head = trayHead(input);
      const now = clock.now();
      if (last && last.head === head && last.profiles === input.profiles) {
        const wait = last.at + every - now;
        if (wait > 0) {
          timer ??= clock.setTimeout(() => {
            timer = null;
            due();
          }, wait);
          return last.model;
        }
      }
      clock.clearTimeout(timer);
      timer = null;
      const model = buildTrayModel(input);
      last = { model, head, profiles: input.profiles, at: now };
      return model;
    },
    dispose() {
      clock.clearTimeout(timer);
      timer = null;
      last = null;
    },
  };
}
