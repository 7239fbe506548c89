/**
 * What the `shardwatch` command prints besides its usage errors, in English:
 * the help of each command and `shardwatch probe`'s report (docs/architecture.md
 * §4 "Two languages"). The command follows the process's locale like its usage
 * errors (`engine-en-cli.ts`); flags, wire names and `--json` stay English.
 * Parts that hold `|` (the message syntax's plural mark) come in as
 * placeholders. Part of the engine catalogue (key `cliOut`);
 * `engine-pt-BR-cli-output.ts` is typed against this one.
 */
export const cliOutEn = {
  mainUsage: `Usage: shardwatch <command> [options]

Commands:
  probe <url>   connect to a gateway, ping it (registers only when asked), and report
  sim           run the gateway simulator
  serve         run Shardwatch in browser mode

Run "shardwatch <command> --help" for the options of a command.`,
  probeUsage: `Usage: shardwatch probe <url> --id ID [options]

Connects once to a shard gateway, sends pings and reports what it learned:
HELLO, each round trip and loss, and with --register the READY and the shard
table. It never registers unless asked, and never on http-interaction 0.2.2:
registering can take the bot's interactions (slash commands, buttons).

Options:
  --id ID            the bot's application id, 1-20 digits (required)
  --dialect D        {dialects} (default documented);
                     auto detects it first, without registering
  --register         documented dialect: register to get READY and shard stats
                     (the gateway may then route the bot's interactions to the probe)
  --shard-in N       Shard-In header (default 0; only 0 is accepted)
  --shard-total N    Shard-Total header (default 1)
  --flags N          register flags (default 0)
  --count N          pings to send, 1-10000 (default 5)
  --interval MS      time between pings, {minInterval}-300000 (default 1000)
  --timeout MS       deadline of each step and each ping answer, 100-300000 (default 5000)
  --json             print one JSON object instead of text (always in English)
  -h, --help         show this help

The secret and the public key are read ONLY from the environment, so they stay
out of shell history and the process list:
  SHARDWATCH_SECRET      the gateway's shared secret
  SHARDWATCH_PUBLIC_KEY  the application's public key (one word; 64 hex characters
                         for http-interaction 0.2.2)

Exit codes:
{exitCodes}`,
  exit: {
    '0': 'every ping answered, no protocol error',
    '2': 'bad usage (flags, environment)',
    '3': 'unreachable: nothing answered the WebSocket upgrade',
    '4': 'credentials refused',
    '5': 'protocol failure: an HTTP error, a gateway of the other dialect, dropped before answering, closed, no READY, or protocol errors during the run',
    '6': 'waiting for the bot to register with this gateway: the credentials were accepted but no ping was answered',
    '7': 'some pings lost after the gateway had answered',
  },
  result: {
    '0': 'OK',
    '2': 'bad usage',
    '3': 'unreachable',
    '4': 'credentials refused',
    '5': 'protocol failure',
    '6': 'waiting for the bot to register',
    '7': 'pings lost',
  },
  notGiven: 'not given',
  none: 'none',
  hello: 'HELLO: starting_shards {shards}',
  ready: 'READY: {event}, bot {bot}, flags {flags}, session {session}, shards_config {config}',
  pingLost: 'ping {n}/{count}: lost (no answer within {timeout} ms)',
  pingAnswered: 'ping {n}/{count}: {rtt}',
  dialectDetected: 'Dialect: {dialect} (detected)',
  dialectNotDetected: 'Dialect: not detected',
  probing:
    'Probing {url} ({dialect}, {mode}) as bot {bot}, shard {shardIn}/{shardTotal}, flags {flags}: {count} ping(s) every {interval} ms, timeout {timeout} ms',
  modeRegister: 'register',
  modePingOnly: 'ping only',
  shardsPingOnly: 'Shards: {why} (--register asks for them)',
  shardsNoStats: 'Shards: this server does not report shard stats',
  shardsNoneReceived: 'Shards: none received',
  shardsNoneNeverRegistered: 'Shards: none received (never registered)',
  shardsNoneYet: 'Shards: none reported yet',
  shardsHead: 'Shards ({count}, latest from {from}):',
  shardsMore: '  … and {count} more (--json lists them all)',
  coverage: 'Coverage: {reported} shard ids reported, {expected} expected',
  missing: '  missing: {ids}',
  duplicated: '  reported more than once (listed once above): {ids}',
  noPingCompleted: 'no ping completed',
  loss: 'loss {percent} % ({lost} of {total})',
  rtt: 'RTT: min {min}, p50 {p50}, p95 {p95}, p99 {p99}, max {max}; {loss}',
  events:
    'Events: {protocolErrors} protocol errors, {unknownEvents} unknown events, {serverMessages} server messages, {lateAnswers} late answers, {interactions} interactions',
  gatewaySaid: '  the gateway said: "{message}"',
  resultLine: 'Result: {result} (exit {code}){why}',
  deadline: 'The probe did not finish within its deadline of {ms} ms.',
  refusedFrames: '{count} frame(s) from the gateway were refused; the last: {reason}',
  unknownReason: 'unknown',
  pingsUnanswered: '{lost} of {total} pings got no answer within {timeout} ms.',
  credentialsCheck: 'Check --id, SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY.',
  serverSaid: 'The gateway said: "{message}".',
  runWithDialect: 'run it again with --dialect {dialect} (or --dialect auto).',
  registerRefusedDetected:
    "--register is refused: the gateway speaks {dialect}, which would send the bot's interactions to the probe",
};
