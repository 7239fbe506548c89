/**
 * Dialects as data (PROTOCOL.md §1 and §2). Code that differs by dialect reads
 * these fields instead of testing the dialect name.
 */
import type { Dialect } from './protocol';

/** How frames are put on the wire by the client. */
export type ClientFraming = 'text-json' | 'gzip-binary';

/** Everything that differs between the two dialects. */
export interface DialectSpec {
  id: Dialect;
  /** Short label for pickers. */
  label: string;
  /** One-paragraph explanation for the profile editor. */
  description: string;
  /** Opcode of the client's ping (3 documented, 2 on the 0.2.2 server). */
  pingOpcode: number;
  /** Opcode of "register client". */
  registerOpcode: number;
  /** How the client encodes what it sends. */
  clientFraming: ClientFraming;
  /** Opcodes the client must never send (0.2.2: type 3 registers a fake shard). */
  forbiddenOpcodes: readonly number[];
  /** Whether `register` is only honoured on the shard master (`shard_in` = 0). */
  registerNeedsMaster: boolean;
  /**
   * Whether a socket closed right after the upgrade with no message means the
   * credentials were refused (0.2.2 authenticates by closing).
   */
  silentCloseMeansAuthRefused: boolean;
  /** Whether the server reports shard stats to a monitoring client. */
  reportsShardStats: boolean;
  /** Whether WebSocket-level ping/pong control frames may be sent (0.2.2 dies on them). */
  allowsControlFrames: boolean;
  /** Whether the server sends HELLO before anything else. */
  sendsHello: boolean;
  /** Path suggested for new profiles. */
  defaultPath: string;
  /** Default port suggested for new profiles. */
  defaultPort: number;
}

/** The documented protocol (PROTOCOL.md §1). */
export const DOCUMENTED: DialectSpec = {
  id: 'documented',
  label: 'Documented protocol',
  description:
    'The protocol as the gateway documentation describes it: text JSON frames, ping is type 3, ' +
    'the server may push shard snapshots.',
  pingOpcode: 3,
  registerOpcode: 1,
  clientFraming: 'text-json',
  forbiddenOpcodes: [],
  registerNeedsMaster: true,
  silentCloseMeansAuthRefused: false,
  reportsShardStats: true,
  allowsControlFrames: true,
  sendsHello: false,
  defaultPath: '/gateway',
  defaultPort: 3030,
};

/** The `http-interaction 0.2.2` server's wire behaviour (PROTOCOL.md §2). */
export const HTTP_INTERACTION_022: DialectSpec = {
  id: 'http-interaction-0.2.2',
  label: 'http-interaction 0.2.2',
  description:
    'The public Rust server http-interaction 0.2.2: gzip binary frames from the client, zlib ' +
    'from the server, ping is type 2, wrong credentials close the socket silently, and it does ' +
    'not report shard stats to a monitor.',
  pingOpcode: 2,
  registerOpcode: 1,
  clientFraming: 'gzip-binary',
  forbiddenOpcodes: [3],
  registerNeedsMaster: true,
  silentCloseMeansAuthRefused: true,
  reportsShardStats: false,
  allowsControlFrames: false,
  sendsHello: true,
  defaultPath: '/gateway',
  defaultPort: 3030,
};

/** All dialect specs by id. */
export const DIALECT_SPECS: Readonly<Record<Dialect, DialectSpec>> = {
  documented: DOCUMENTED,
  'http-interaction-0.2.2': HTTP_INTERACTION_022,
};

/** Look up a dialect's spec. */
export function dialectSpec(id: Dialect): DialectSpec {
  return DIALECT_SPECS[id];
}
