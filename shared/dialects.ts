/**
 * Dialects as data (docs/protocol.md §1 and §2). Code that differs by dialect
 * reads these fields instead of testing the dialect name.
 */
import type { Dialect, MonitorMode } from './protocol';

/** How the client encodes what it sends. */
export type ClientFraming = 'text-json' | 'gzip-binary';

/** How the server frames what it sends (the evidence dialect detection reads). */
export type ServerFraming = 'text-json' | 'zlib-binary';

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
  /** How the server frames what it sends. */
  serverFraming: ServerFraming;
  /**
   * Opcodes the client must never send. 0.2.2: everything but the ping, since
   * type 1 takes the bot's interactions and type 3 registers a fake shard.
   */
  forbiddenOpcodes: readonly number[];
  /**
   * Whether a monitor may register at all. False for 0.2.2: that server sends
   * every interaction of the bot to the connection that registered last
   * (docs/protocol.md §2 "Registering takes over the bot's interactions").
   */
  monitorMayRegister: boolean;
  /** Whether `register` is only honoured on the shard master (`shard_in` = 0). */
  registerNeedsMaster: boolean;
  /**
   * The close code that, right after the upgrade and before any message,
   * means "credentials refused" (0.2.2: a close frame without a status, seen
   * as 1005); null when refusals come as a message.
   */
  refusalCloseCode: number | null;
  /** Whether the server reports shard stats to a monitoring client. */
  reportsShardStats: boolean;
  /** Whether WebSocket-level ping/pong/close control frames may be sent (0.2.2 dies on them). */
  allowsControlFrames: boolean;
  /** Whether the server sends HELLO before anything else. */
  sendsHello: boolean;
  /** Path suggested for new profiles. */
  defaultPath: string;
  /** Default port suggested for new profiles. */
  defaultPort: number;
}

/** The documented protocol (docs/protocol.md §1). */
export const DOCUMENTED: DialectSpec = {
  id: 'documented',
  label: 'Documented protocol',
  description:
    'The protocol as the gateway documentation describes it: text JSON frames, ping is type 3, ' +
    'shard stats come to a client that registers.',
  pingOpcode: 3,
  registerOpcode: 1,
  clientFraming: 'text-json',
  serverFraming: 'text-json',
  forbiddenOpcodes: [],
  monitorMayRegister: true,
  registerNeedsMaster: true,
  refusalCloseCode: null,
  reportsShardStats: true,
  allowsControlFrames: true,
  sendsHello: false,
  defaultPath: '/gateway',
  defaultPort: 3030,
};

/** The `http-interaction 0.2.2` server's wire behaviour (docs/protocol.md §2). */
export const HTTP_INTERACTION_022: DialectSpec = {
  id: 'http-interaction-0.2.2',
  label: 'http-interaction 0.2.2',
  description:
    'The public Rust server http-interaction 0.2.2: gzip binary frames from the client, zlib ' +
    'from the server, ping is type 2, refused credentials close the socket without a word. ' +
    'Shardwatch only pings it and never registers, so the bot keeps its interactions; the server ' +
    'reports no shard stats.',
  pingOpcode: 2,
  registerOpcode: 1,
  clientFraming: 'gzip-binary',
  serverFraming: 'zlib-binary',
  forbiddenOpcodes: [1, 3, 4, 5, 6],
  monitorMayRegister: false,
  registerNeedsMaster: true,
  refusalCloseCode: 1005,
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

/** How the editor offers a monitor mode: a label and the consequence written next to it. */
export interface MonitorModeChoice {
  mode: MonitorMode;
  label: string;
  consequence: string;
}

/** The two monitor modes of the documented dialect, as the editor and the docs word them. */
export const MONITOR_MODE_CHOICES: readonly MonitorModeChoice[] = [
  {
    mode: 'ping-only',
    label: 'Ping only',
    consequence:
      'Measures latency and liveness and touches nothing: the gateway never routes anything to ' +
      'Shardwatch. No shard stats.',
  },
  {
    mode: 'register',
    label: 'Register',
    consequence:
      "Registers as the bot's client to get shard stats. The gateway may then route the bot's " +
      'interactions (slash commands, buttons) to Shardwatch instead of the bot, until the bot ' +
      'registers again. Choose it only for a gateway that copies stats to every registered client, ' +
      'or one you run for testing.',
  },
];

/** Why a 0.2.2 profile has no mode choice, shown where the choice would be. */
export const NEVER_REGISTERS_022 =
  'Shardwatch only pings an http-interaction 0.2.2 gateway and never registers: that server sends ' +
  "every interaction of the bot to the connection that registered last, so registering would take the bot's " +
  'slash commands and buttons.';

/**
 * The mode a profile stored before modes existed keeps: documented profiles
 * registered, so they still do; a 0.2.2 profile never registers.
 */
export function migratedMonitorMode(dialect: Dialect): MonitorMode {
  return dialectSpec(dialect).monitorMayRegister ? 'register' : 'ping-only';
}
