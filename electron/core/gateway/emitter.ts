/**
 * A tiny typed event emitter: `on()` returns its own unsubscribe function, so
 * callers never need to keep the listener reference around.
 */

/** Listener of one event. */
export type Listener<T> = (payload: T) => void;

/** The subscribe side of an emitter. */
export interface Subscribable<Events extends object> {
  /** Subscribe to `event`; returns a function that removes this listener. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
}

/** The full emitter, kept by the owner. */
export interface TypedEmitter<Events extends object> extends Subscribable<Events> {
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
  /** Whether anyone listens to `event` (lets the owner skip building costly payloads). */
  has(event: keyof Events): boolean;
  /** Number of listeners, all events together (used to prove dispose() cleans up). */
  listenerCount(): number;
  clear(): void;
}

/**
 * Create a typed emitter.
 *
 * A throwing listener must not break the state machine that emits (the emit
 * usually sits in the middle of a socket handler), so listener errors are
 * caught and handed to `onListenerError` instead of propagating.
 */
export function createEmitter<Events extends object>(
  onListenerError: (err: unknown) => void = () => {},
): TypedEmitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener<never>;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          (listener as Listener<typeof payload>)(payload);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    has(event) {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
    listenerCount() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
    clear() {
      listeners.clear();
    },
  };
}
