/**
 * The words and tone of a profile's connection state: one table for every
 * screen (overview, detail, editor test), the tray tooltip and menu, and
 * notifications, so the same state is never called two things.
 */
import type { ConnectionProblem, ConnectionState } from './model';
import { WAITING_LABEL } from './connection-text';

/** Colour role of a state (the renderer's --ok, --warn, --bad, --info, --muted). */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

/** What is shown: a state, or one of the situations that override it. */
export type LookKey =
  ConnectionState | 'paused' | 'closed-by-server' | 'secrets-unreadable' | 'none';

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
  idle: { key: 'idle', label: 'Not connected', tone: 'muted' },
  connecting: { key: 'connecting', label: 'Connecting', tone: 'info' },
  handshaking: { key: 'handshaking', label: 'Handshaking', tone: 'info' },
  registering: { key: 'registering', label: 'Registering', tone: 'info' },
  // Ping only: the gateway is up, but the bot has not registered with it (docs/protocol.md §2).
  waiting: { key: 'waiting', label: WAITING_LABEL, tone: 'warn' },
  ready: { key: 'ready', label: 'Connected', tone: 'ok' },
  reconnecting: { key: 'reconnecting', label: 'Reconnecting', tone: 'warn' },
  'auth-refused': { key: 'auth-refused', label: 'Credentials refused', tone: 'bad' },
  failed: { key: 'failed', label: 'Failed', tone: 'bad' },
  closed: { key: 'closed', label: 'Disconnected', tone: 'muted' },
  'closed-by-server': { key: 'closed-by-server', label: 'Closed by the server', tone: 'warn' },
  paused: { key: 'paused', label: 'Paused', tone: 'muted' },
  // Not "credentials refused": the gateway was never asked (shared/model.ts ConnectionProblem).
  'secrets-unreadable': {
    key: 'secrets-unreadable',
    label: 'Secrets unreadable',
    tone: 'bad',
  },
  none: { key: 'none', label: 'No status yet', tone: 'muted' },
};

/**
 * The look of a profile's connection: `problem` `paused` (monitoring paused
 * or offline) wins over the state; a connection the server closed says so.
 * No state at all (a profile not started yet) is "No status yet".
 */
export function connectionLook(
  state: ConnectionState | undefined,
  problem: ConnectionProblem | null = null,
): ConnectionLook {
  if (state === undefined) return CONNECTION_LOOKS.none;
  if (problem === 'paused') return CONNECTION_LOOKS.paused;
  if (problem === 'secrets-unreadable') return CONNECTION_LOOKS['secrets-unreadable'];
  if (state === 'closed' && problem === 'closed-by-server') {
    return CONNECTION_LOOKS['closed-by-server'];
  }
  return CONNECTION_LOOKS[state];
}
