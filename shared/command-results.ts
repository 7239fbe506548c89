/**
 * Results of the editor's and Settings' one-off commands: the connection
 * test, dialect detection and profile import, and the READY summary the
 * connection test shares with a profile's live status.
 */
import type { Dialect } from './protocol';

/** What the last READY/RESUME told us, safe to show. */
export interface ReadySummary {
  event: string;
  botId: string | null;
  botFlags: number | null;
  /** Shortened; the full session id never leaves the core. */
  sessionIdShort: string | null;
  shardsConfig: Array<[number, number]>;
  at: number;
}

/**
 * Result of "test connection": a handshake self-test. It never registers
 * (docs/protocol.md §1): the `ready` step is skipped and says so.
 */
export interface HandshakeReport {
  ok: boolean;
  /** HELLO came but the first ping got no answer: the bot has not registered with the gateway. */
  waitingForBot: boolean;
  /** Each step in order with its outcome and time. */
  steps: Array<{
    step: 'reach' | 'upgrade' | 'hello' | 'auth' | 'ready' | 'first-ping';
    ok: boolean | null;
    ms: number | null;
    detail: string;
  }>;
  ready: ReadySummary | null;
  shardsReported: number | null;
  reportsShardStats: boolean;
  error: string | null;
}

/**
 * Result of dialect detection ("Detect" in the editor, `probe --dialect
 * auto`). Detection never registers and never sends a frame either dialect
 * could choke on (docs/protocol.md §5).
 */
export interface DialectDetection {
  /** The dialect the gateway speaks, or null when the evidence was not enough. */
  dialect: Dialect | null;
  /** One sentence for the user: what was found and what it means. */
  summary: string;
  /** What the decision rests on, one fact per line. */
  evidence: string[];
  /** True when the gateway accepted the credentials, false when it refused them, null when unknown. */
  credentialsAccepted: boolean | null;
  /** 0.2.2: whether a ping was answered (the bot registered since the gateway started); null when not tried. */
  botRegistered: boolean | null;
}

/** Result of an import. */
export interface ImportReport {
  imported: number;
  /** Names of the profiles skipped because the same profile (its identity) is already here. */
  skippedDuplicates: string[];
  /** Their indexes in the file, to import them as copies (`ImportArgs.asCopies`). */
  skippedIndexes: number[];
  withSecrets: boolean;
}
