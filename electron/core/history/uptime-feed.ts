/**
 * What the uptime store is told of a profile's connection (docs/notifications.md
 * "Uptime and outage history"). Connection states map to up, down and off
 * (`uptimeStateOf`), with one exception: a handshake no failure caused — the
 * one that starts monitoring (Shardwatch starting, a profile added, enabled
 * or resumed) or a reconnect asked for while the connection was up ("Reconnect
 * now") — is not yet known to be up or down, so it counts neither way while it
 * lasts. When it ends ready, up time starts then; when it fails, down time
 * starts from when it began, so a gateway that is down at start is counted
 * down from the first moment. A handshake after a failure (reconnecting after
 * a drop) is down time, as the failure that led to it.
 */
import { ATTEMPT_STATES } from '../../../shared/connection-state';
import type { ConnectionInfo } from '../alerts/types';
import { uptimeStateOf } from '../alerts/rules';
import type { UptimeState, UptimeStore } from './uptime-store';

/** Handle of {@link createUptimeFeed}. */
export interface UptimeFeed {
  /** The profile's connection is now `c`, at wall time `atWall`. */
  connection(profileId: string, c: ConnectionInfo, atWall: number): void;
  /** The profile is no longer monitored (removed, or its runtime replaced). */
  stopped(profileId: string, atWall: number): void;
}

export function createUptimeFeed(store: Pick<UptimeStore, 'record'>): UptimeFeed {
  /** What was last recorded per profile (none: nothing yet in this run). */
  const last = new Map<string, UptimeState>();
  /** Profiles in a handshake no failure caused, with when it began. */
  const handshakeSince = new Map<string, number>();

  function record(profileId: string, state: UptimeState, atWall: number): void {
    if (last.get(profileId) === state) return;
    last.set(profileId, state);
    store.record(profileId, state, atWall);
  }

  return {
    connection(profileId, c, atWall) {
      const state = uptimeStateOf(c);
      const since = handshakeSince.get(profileId);
      const handshaking = state === 'down' && c.problem === null && ATTEMPT_STATES.has(c.state);
      if (handshaking) {
        if (since !== undefined) return;
        const before = last.get(profileId);
        if (before !== 'down') {
          // From up: a reconnect no failure caused ("Reconnect now"); its up span ends here.
          if (before === 'up') record(profileId, 'off', atWall);
          handshakeSince.set(profileId, atWall);
          return;
        }
      }
      handshakeSince.delete(profileId);
      record(profileId, state, state === 'down' && since !== undefined ? since : atWall);
    },
    stopped(profileId, atWall) {
      handshakeSince.delete(profileId);
      record(profileId, 'off', atWall);
      last.delete(profileId);
    },
  };
}
