/**
 * The words and tone of a profile's connection state: one table for every
 * screen (overview, detail, editor test), the tray tooltip and menu, and
 * notifications, so the same state is never called two things.
 */
import type { ConnectionProblem, ConnectionState } from './connection-state';
import type { ProfileStatus } from './live-status';
import engineEn from './i18n/engine-en';

const words = engineEn.state;

/** Colour role of a state (the renderer's --ok, --warn, --bad, --info, --muted). */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

/** What is shown: a state, or one of the situations that override it. */
export type LookKey =
  ConnectionState | 'paused' | 'closed-by-server' | 'secrets-unreadable' | 'unanswered' | 'none';

/** Words and tone of a connection state. */
export interface ConnectionLook {
  key: LookKey;
  /** Sentence case, e.g. `Credentials refused`; lower-case it inside a sentence. */
  label: string;
  tone: Tone;
}

/**
 * The table. Words are the user's, not the state machine's: `idle` is "Not
 * connected", `auth-refused` is "Credentials refused" (what to fix, as the
 * alert rule says), `closed` is "Disconnected".
 */
export const CONNECTION_LOOKS: Readonly<Record<LookKey, ConnectionLook>> = {
  idle: { key: 'idle', label: words.idle, tone: 'muted' },
  connecting: { key: 'connecting', label: words.connecting, tone: 'info' },
  handshaking: { key: 'handshaking', label: words.handshaking, tone: 'info' },
  registering: { key: 'registering', label: words.registering, tone: 'info' },
  // Ping only: the gateway is up, but the bot has not registered with it (docs/protocol.md §2).
  waiting: { key: 'waiting', label: words.waiting, tone: 'warn' },
  ready: { key: 'ready', label: words.ready, tone: 'ok' },
  // Connected, but the last pings all went unanswered: not "Connected" in green.
  unanswered: { key: 'unanswered', label: words.unanswered, tone: 'bad' },
  reconnecting: { key: 'reconnecting', label: words.reconnecting, tone: 'warn' },
  'auth-refused': { key: 'auth-refused', label: words['auth-refused'], tone: 'bad' },
  failed: { key: 'failed', label: words.failed, tone: 'bad' },
  closed: { key: 'closed', label: words.closed, tone: 'muted' },
  'closed-by-server': { key: 'closed-by-server', label: words['closed-by-server'], tone: 'warn' },
  paused: { key: 'paused', label: words.paused, tone: 'muted' },
  // Not "credentials refused": the gateway was never asked (shared/connection-state.ts ConnectionProblem).
  'secrets-unreadable': {
    key: 'secrets-unreadable',
    label: words['secrets-unreadable'],
    tone: 'bad',
  },
  none: { key: 'none', label: words.none, tone: 'muted' },
};

/**
 * Lost pings in a row after which a connected profile is "Not answering
 * pings" rather than "Connected": one lost ping is noise, three in a row
 * (at the default 1 s interval) is a gateway that stopped answering while
 * its socket stays open.
 */
export const UNANSWERED_AFTER_PINGS = 3;

/** How many of the newest pings in `recent` (oldest first, `null` = lost) were lost in a row. */
export function lostInARow(recent: ReadonlyArray<number | null>): number {
  let n = 0;
  for (let i = recent.length - 1; i >= 0 && recent[i] === null; i--) n++;
  return n;
}

/**
 * The look of a profile's connection: `problem` `paused` (monitoring paused
 * or offline) wins over the state; a connection the server closed says so;
 * a connected profile whose last {@link UNANSWERED_AFTER_PINGS} pings were
 * all lost is "Not answering pings". No state at all (a profile not started
 * yet) is "No status yet".
 */
export function connectionLook(
  state: ConnectionState | undefined,
  problem: ConnectionProblem | null = null,
  recentRtts: ReadonlyArray<number | null> = [],
): ConnectionLook {
  if (state === undefined) return CONNECTION_LOOKS.none;
  if (problem === 'paused') return CONNECTION_LOOKS.paused;
  if (problem === 'secrets-unreadable') return CONNECTION_LOOKS['secrets-unreadable'];
  if (state === 'closed' && problem === 'closed-by-server') {
    return CONNECTION_LOOKS['closed-by-server'];
  }
  if (state === 'ready' && lostInARow(recentRtts) >= UNANSWERED_AFTER_PINGS) {
    return CONNECTION_LOOKS.unanswered;
  }
  return CONNECTION_LOOKS[state];
}

/** {@link connectionLook} of a profile's live status (undefined: not started yet). */
export function statusLook(
  status: Pick<ProfileStatus, 'state' | 'problem' | 'recentRtts'> | undefined,
): ConnectionLook {
  return connectionLook(status?.state, status?.problem ?? null, status?.recentRtts ?? []);
}
