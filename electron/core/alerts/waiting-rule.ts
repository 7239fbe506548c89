/**
 * The `waiting-for-bot` rule: a ping-only monitor whose gateway accepted the
 * credentials but answers no ping, because the bot has not registered with
 * it since it started (docs/protocol.md §2). Off by default (a bot that is
 * simply not running is not a broken gateway); when on, it raises once the
 * waiting state has lasted `alerts.waitingForBotAfterMs`.
 */
import type { ConnectionState } from '../../../shared/connection-state';
import type { Severity } from '../../../shared/incident-model';
import type { AlertSettings } from '../../../shared/profile-model';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';

/** What the rule says about the current connection state. */
export type WaitingVerdict = 'bad' | 'good' | 'neutral' | 'off';

/** Per-profile memory of when the waiting state began. */
export interface WaitingRule {
  verdict(
    profileId: string,
    state: ConnectionState,
    alerts: AlertSettings,
    now: number,
  ): WaitingVerdict;
  content(
    profileId: string,
    now: number,
  ): { severity: Severity; title: string; body: string; shardIds: number[] };
  forget(profileId: string): void;
}

function minutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 120 ? `${min} min` : `${Math.round(min / 60)} h`;
}

/** Create the rule's state for one alert engine. */
export function createWaitingRule(say: Say = sayEnglish): WaitingRule {
  const since = new Map<string, number>();
  return {
    verdict(profileId, state, alerts, now) {
      if (state !== 'waiting') since.delete(profileId);
      else if (!since.has(profileId)) since.set(profileId, now);
      if (!alerts.waitingForBot) return 'off';
      if (state === 'ready') return 'good';
      if (state !== 'waiting') return 'neutral';
      return now - (since.get(profileId) ?? now) >= alerts.waitingForBotAfterMs ? 'bad' : 'neutral';
    },
    content(profileId, now) {
      const waited = now - (since.get(profileId) ?? now);
      return {
        severity: 'warning',
        title: say('incident.waiting.title'),
        body: say('incident.waiting.body', {
          waiting: say('connection.waitingForBot'),
          duration: minutes(waited),
        }),
        shardIds: [],
      };
    },
    forget(profileId) {
      since.delete(profileId);
    },
  };
}
