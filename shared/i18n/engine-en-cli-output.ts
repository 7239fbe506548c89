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
  simUsage: `Usage: shardwatch sim [options]

Runs a simulated shard gateway until Ctrl-C.

Options:
  --port N                  TCP port (default {port}; 0 = any free port)
  --host H                  bind address (default 127.0.0.1)
  --dialect D               {dialects} (default documented)
  --shards N                number of simulated shards (default 4; 0 for http-interaction-0.2.2)
  --scenario S              {scenarios} (default steady)
  --max-concurrency N       bucket-outage: the bot's max_concurrency; the shards of bucket 1
                            (shard_id % N = 1) fail together; give the profile the same
                            value (default 4)
  --trouble-shard N         restart-loop, one-way-shard, silent-shard: the shard in trouble;
                            rolling-restart: a shard that does not come back (default 1;
                            rolling-restart: every shard comes back)
  --nightly-at HH:MM        nightly-failure: when the first quarter of the shards fail each
                            day, UTC (default 03:00)
  --latency MS              delay before answering a ping (default 0)
  --jitter MS               extra random delay before answering a ping (default 0)
  --id ID                   bot application id to accept, 1-20 digits (default: demo id)
  --no-bot                  start as a freshly started server: no bot has registered, so a
                            ping-only monitor waits (default: the bot is registered)
  --shard-info-interval MS  documented: GATEWAY_SHARD_INFO push period, 0 = off (default 1000)
  -h, --help                show this help

Credentials come from SHARDWATCH_SECRET and SHARDWATCH_PUBLIC_KEY; without them
demo credentials are used.`,
  simDemoCredentials: 'shardwatch sim: using demo credentials ({missing} not set)',
  simAnd: ' and ',
  simCannotStart: 'shardwatch sim: cannot start: {reason}',
  simStarted:
    'shardwatch sim: {dialect} gateway, bot id {bot}, {count} shard(s), scenario {scenario}',
  simListening: 'listening on {url}',
  simStopped: 'shardwatch sim: stopped',
  serveUsage: `Usage: shardwatch serve [options]

Runs Shardwatch in browser mode and prints the address to open.

Options:
  --port N          port to listen on (default 7613, or a free one when busy;
                    0: any free port)
  --host H          address to bind (default 127.0.0.1; anything else exposes Shardwatch to your network)
  --data-dir DIR    where profiles and history live (default {dataDir})
  --no-demo         do not start the demo gateway when there are no profiles
  --metrics         serve Prometheus metrics at /metrics (bearer token in <data-dir>/metrics-token)
  --log-format F    text (default: lines on stderr) or json (JSON lines on stdout, for services)
  -h, --help        show this help

Secrets are encrypted with a key kept in the data folder (readable only by your user).
One Shardwatch process per data folder: if another one (the desktop app or another
serve) is using the folder, this one says which and exits; use --data-dir to run both.`,
  startNoDisplay: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
  startNoElectron: 'the electron package is not installed (run npm install)',
  startFetching: 'Fetching the Electron runtime (first start only)…',
  startNoDownload: 'the Electron runtime could not be downloaded on this machine',
  startNeither:
    'Electron cannot start here ({reason}), and browser mode could not start either: {why}',
  startFallback:
    'Electron cannot start here: {reason}.\nServing the same Shardwatch UI in your browser instead — open:',
  startBuildFailed: 'The build failed (see above). Fix it, then run npm start again.',
  startExited: 'Electron exited at start ({line})',
  serveRunning: 'Shardwatch is running at {url}',
  serveMetrics: 'Metrics: {url} (bearer token in {file})',
  serveDataFolder: 'Data folder: {dir}',
  pressCtrlC: 'Press Ctrl-C to stop.',
  serveCannotStart: 'shardwatch serve: could not start: {reason}',
  portInUse: 'that port is already in use; pick another with --port or use --port 0',
  portNotAllowed: 'not allowed to listen there; use a port above 1024',
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
