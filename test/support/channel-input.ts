/**
 * A complete notification channel form for tests: every field set, quiet
 * hours off, routed to every profile.
 */
import type { ChannelInput, ChannelKind } from '../../shared/alerting';

/** A channel of `kind` sending to `url`; `over` replaces any field. */
export function channelInputFor(
  kind: ChannelKind,
  url: string,
  over: Partial<ChannelInput> = {},
): ChannelInput {
  return {
    name: `${kind} channel`,
    kind,
    enabled: true,
    routing: { profileIds: null, minSeverity: 'info' },
    quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
    remindEveryMin: 0,
    sendRecoveries: true,
    url,
    signingSecret: null,
    ...over,
  };
}
