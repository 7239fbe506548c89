/**
 * How a profile's live status is put into words and shapes, and how "trouble"
 * is ranked. Every state has a word and an icon shape, never colour alone.
 */
import type {
  ConnectionState,
  ProfileStatus,
  ProfileView,
  Severity,
  ShardSummary,
} from '../../shared/model';

/** Icon shapes drawn by `StatusIcon.vue`. */
export type IconShape =
  'check' | 'cross' | 'ring' | 'half' | 'arrows' | 'triangle' | 'pause' | 'info' | 'lock';

/** Colour role of a state (see styles.css: --ok, --warn, --bad, --info, --muted). */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

/** Words, shape and tone of a connection state. */
export interface StateLook {
  label: string;
  icon: IconShape;
  tone: Tone;
}

const STATE_LOOKS: Record<ConnectionState, StateLook> = {
  idle: { label: 'Not connected', icon: 'ring', tone: 'muted' },
  connecting: { label: 'Connecting', icon: 'half', tone: 'info' },
  handshaking: { label: 'Handshaking', icon: 'half', tone: 'info' },
  registering: { label: 'Registering', icon: 'half', tone: 'info' },
  ready: { label: 'Connected', icon: 'check', tone: 'ok' },
  reconnecting: { label: 'Reconnecting', icon: 'arrows', tone: 'warn' },
  'auth-refused': { label: 'Credentials refused', icon: 'lock', tone: 'bad' },
  failed: { label: 'Failed', icon: 'cross', tone: 'bad' },
  closed: { label: 'Disconnected', icon: 'ring', tone: 'muted' },
};

/** Words, icon and tone for a connection state. */
export function stateLook(state: ConnectionState | undefined): StateLook {
  return state ? STATE_LOOKS[state] : { label: 'No status yet', icon: 'ring', tone: 'muted' };
}

/** Words, icon and tone for an incident severity. */
export function severityLook(severity: Severity): StateLook {
  switch (severity) {
    case 'critical':
      return { label: 'Critical', icon: 'cross', tone: 'bad' };
    case 'warning':
      return { label: 'Warning', icon: 'triangle', tone: 'warn' };
    default:
      return { label: 'Info', icon: 'info', tone: 'info' };
  }
}

/** Whether a connection state means "we are trying to be connected". */
export function isActiveState(state: ConnectionState | undefined): boolean {
  return (
    state === 'connecting' ||
    state === 'handshaking' ||
    state === 'registering' ||
    state === 'ready' ||
    state === 'reconnecting'
  );
}

/** `3/4 up`, or `no shard stats` when the server does not report them. */
export function shardsText(shards: ShardSummary | undefined): string {
  if (!shards) return '—';
  if (!shards.reportsStats) return 'no shard stats';
  return `${shards.up}/${shards.expected} up`;
}

/**
 * Trouble rank, lower first: refused/failed, then reconnecting or anything
 * down or alerting, then degraded or still connecting, then healthy, then
 * profiles that are switched off or not connected.
 */
export function troubleRank(profile: ProfileView, status: ProfileStatus | undefined): number {
  if (!status) return profile.enabled ? 3 : 5;
  const s = status.state;
  if (s === 'auth-refused' || s === 'failed') return 0;
  const sh = status.shards;
  const shardsDown = sh.reportsStats && (sh.down > 0 || sh.missingCount > 0);
  if (s === 'reconnecting' || shardsDown || status.openIncidents > 0) return 1;
  if (s === 'connecting' || s === 'handshaking' || s === 'registering') return 2;
  if (sh.reportsStats && (sh.degraded > 0 || sh.stalled > 0)) return 2;
  if ((status.latency['1m'].lossPct ?? 0) > 0) return 2;
  if (s === 'ready') return 3;
  return profile.enabled ? 4 : 5;
}

/** Profiles sorted trouble first; ties keep the user's order. */
export function sortByTrouble(
  profiles: readonly ProfileView[],
  status: Readonly<Record<string, ProfileStatus>>,
): ProfileView[] {
  return profiles
    .map((p) => ({ p, rank: troubleRank(p, status[p.id]) }))
    .sort((a, b) => a.rank - b.rank || a.p.order - b.p.order || a.p.name.localeCompare(b.p.name))
    .map((x) => x.p);
}
