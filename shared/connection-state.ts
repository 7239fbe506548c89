/**
 * The states a profile's gateway connection goes through, and why it is not
 * ready when it is not (docs/architecture.md §3.8 has the words shown for each).
 */
/** Connection life cycle of one profile (issue 2 §2). */
export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'handshaking',
  'registering',
  /** Ping only: the gateway accepted the credentials but answers no ping yet (docs/protocol.md §2). */
  'waiting',
  'ready',
  'reconnecting',
  'auth-refused',
  'failed',
  'closed',
] as const;
/** One state of the gateway connection state machine. */
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Why a connection is not ready, when it is known. */
export type ConnectionProblem =
  | 'unreachable'
  | 'auth-refused'
  | 'http-error'
  | 'timeout'
  | 'dead'
  | 'protocol'
  | 'closed-by-server'
  /** The socket went away without a close frame before any message (1006 / reset). */
  | 'dropped'
  /** The gateway behaves like the other dialect. */
  | 'wrong-dialect'
  | 'paused'
  /**
   * The stored secrets cannot be used here (not decryptable on this computer,
   * or saved for another gateway address): nothing is sent to the gateway
   * until they are entered again. Not "credentials refused": the gateway
   * was never asked.
   */
  | 'secrets-unreadable';

/** States of a connection attempt still in progress (not yet ready, waiting or failed). */
export const ATTEMPT_STATES: ReadonlySet<ConnectionState> = new Set<ConnectionState>([
  'connecting',
  'handshaking',
  'registering',
]);
