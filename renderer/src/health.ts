/**
 * How a profile's live status is put into words and shapes, and how "trouble"
 * is ranked. Every state has a word and an icon shape, never colour alone.
 */
import type { LookKey, Tone } from '../../shared/connection-look';
import { connectionLook, statusLook } from '../../shared/connection-look';
import { t } from './i18n';
import type { ConnectionProblem, ConnectionState } from '../../shared/connection-state';
import type { Severity } from '../../shared/incident-model';
import type { ProfileStatus, ShardSummary } from '../../shared/live-status';
import type { ProfileView } from '../../shared/profile-model';

/** Icon shapes drawn by `StatusIcon.vue`. */
export type IconShape =
  'check' | 'cross' | 'ring' | 'half' | 'arrows' | 'triangle' | 'pause' | 'info' | 'lock';

export type { Tone };

/** Words, shape and tone of a state or severity. */
export interface StateLook {
  /** Which look it is (shared/connection-look.ts key, or the severity). */
  key: string;
  label: string;
  icon: IconShape;
  tone: Tone;
}

/** The shape beside each connection look's words (the words and tone are shared/connection-look.ts). */
const STATE_ICONS: Record<LookKey, IconShape> = {
  idle: 'ring',
  connecting: 'half',
  handshaking: 'half',
  registering: 'half',
  waiting: 'pause',
  ready: 'check',
  unanswered: 'triangle',
  reconnecting: 'arrows',
  'auth-refused': 'lock',
  failed: 'cross',
  closed: 'ring',
  'closed-by-server': 'ring',
  paused: 'pause',
  'secrets-unreadable': 'lock',
  none: 'ring',
};

/** Words, icon and tone for a connection state (and why it is not ready, when known). */
export function stateLook(
  state: ConnectionState | undefined,
  problem: ConnectionProblem | null = null,
  recentRtts: ReadonlyArray<number | null> = [],
): StateLook {
  const look = connectionLook(state, problem, recentRtts);
  // The catalogue's English words are shared/connection-look.ts's own.
  return {
    key: look.key,
    label: t(`common.state.${look.key}`),
    tone: look.tone,
    icon: STATE_ICONS[look.key],
  };
}

/** Words, icon and tone for an incident severity. */
export function severityLook(severity: Severity): StateLook {
  switch (severity) {
    case 'critical':
      return { key: severity, label: t('common.severity.critical'), icon: 'cross', tone: 'bad' };
    case 'warning':
      return { key: severity, label: t('common.severity.warning'), icon: 'triangle', tone: 'warn' };
    default:
      return { key: severity, label: t('common.severity.info'), icon: 'info', tone: 'info' };
  }
}

/** Whether a connection state means "we are trying to be connected". */
export function isActiveState(state: ConnectionState | undefined): boolean {
  return (
    state === 'connecting' ||
    state === 'handshaking' ||
    state === 'registering' ||
    state === 'waiting' ||
    state === 'ready' ||
    state === 'reconnecting'
  );
}

/**
 * Whether the figures on screen are being measured now: pings are timed and
 * shard reports arrive only while the connection is ready. In any other state
 * the last RTT and shard counts are history, shown as such.
 */
export function isMeasuring(state: ConnectionState | undefined): boolean {
  return state === 'ready';
}

/**
 * `3/4 up`; `no shard stats` when the server does not report them; `4 shards,
 * state unknown` when `state` says the connection is down (no reports arrive,
 * so "0/4 up" would be a claim we cannot make).
 */
export function shardsText(
  shards: ShardSummary | undefined,
  state?: ConnectionState | undefined,
): string {
  if (!shards) return '—';
  if (!shards.reportsStats) return t('overview.noShardStats');
  if (state !== undefined && !isMeasuring(state)) {
    return t('overview.shardsUnknown', { expected: shards.expected });
  }
  return t('overview.shardsUp', { up: shards.up, expected: shards.expected });
}

/**
 * Trouble rank, lower first: refused/failed, then reconnecting or anything
 * down or alerting, then degraded or still connecting, then healthy, then
 * profiles that are paused or not connected. `openIncidents` is the app
 * store's count (the one source of every incident count on screen).
 */
export function troubleRank(
  profile: ProfileView,
  status: ProfileStatus | undefined,
  openIncidents = 0,
): number {
  if (!status) return profile.enabled ? 3 : 5;
  const s = status.state;
  if (s === 'auth-refused' || s === 'failed') return 0;
  const sh = status.shards;
  const shardsDown = sh.reportsStats && (sh.down > 0 || sh.missingCount > 0);
  const unanswered = statusLook(status).key === 'unanswered';
  if (s === 'reconnecting' || shardsDown || unanswered || openIncidents > 0) return 1;
  if (s === 'connecting' || s === 'handshaking' || s === 'registering' || s === 'waiting') return 2;
  if (sh.reportsStats && (sh.degraded > 0 || sh.stalled > 0)) return 2;
  if ((status.latency['1m'].lossPct ?? 0) > 0) return 2;
  if (s === 'ready') return 3;
  return profile.enabled ? 4 : 5;
}

/** Profiles sorted trouble first; ties keep the user's order. */
export function sortByTrouble(
  profiles: readonly ProfileView[],
  status: Readonly<Record<string, ProfileStatus>>,
  openIncidents: ReadonlyMap<string, number> = new Map(),
): ProfileView[] {
  return profiles
    .map((p) => ({ p, rank: troubleRank(p, status[p.id], openIncidents.get(p.id) ?? 0) }))
    .sort((a, b) => a.rank - b.rank || a.p.order - b.p.order || a.p.name.localeCompare(b.p.name))
    .map((x) => x.p);
}
