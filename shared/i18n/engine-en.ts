/**
 * The engine's own sentences in English (docs/architecture.md §4 "Two
 * languages"): connection states and failures, incident titles and bodies,
 * alert messages, profile validation and the tray. Same message syntax as the
 * renderer's catalogues (vue-i18n: `{name}` placeholders), so the renderer
 * holds these under `engine` and the core words them through
 * `shared/i18n/translator.ts`. `engine-pt-BR.ts` is typed against this one.
 */
import { analyticsEn, reportEn, timelineKindEn } from './engine-en-analytics';
import { cliEn } from './engine-en-cli';
import { requestEn } from './engine-en-requests';
import { noticeEn, storeEn, transferEn } from './engine-en-stores';
import { dataFolderEn, diskEn, secretsEn } from './engine-en-storage';
import { servePageEn } from './engine-en-serve';
import { checkEn, profilesFileEn } from './engine-en-checks';
import { optionsEn } from './engine-en-options';
import { frameEn } from './engine-en-frame';
import { cliOutEn } from './engine-en-cli-output';

const engineEn = {
  /** The connection-state words (shared/connection-look.ts): one vocabulary for every screen, the tray and notifications. */
  state: {
    idle: 'Not connected',
    connecting: 'Connecting',
    handshaking: 'Handshaking',
    registering: 'Registering',
    waiting: 'Waiting for the bot',
    ready: 'Connected',
    unanswered: 'Not answering pings',
    reconnecting: 'Reconnecting',
    'auth-refused': 'Credentials refused',
    'secrets-unreadable': 'Secrets unreadable',
    failed: 'Failed',
    closed: 'Disconnected',
    'closed-by-server': 'Closed by the server',
    paused: 'Paused',
    none: 'No status yet',
  },
  connection: {
    workerSilent: 'it sent nothing for {seconds} s',
    workerExited: 'it exited with code {code}',
    deadLost: 'No answer to {count} pings in a row; the connection is presumed dead.',
    deadUnmatched:
      '{count} ping answers in a row arrived while an older ping was still unanswered, so they cannot be matched to their pings; reconnecting to measure again.',
    answeredAfterLosses:
      'The gateway answered after earlier pings had gone unanswered; reconnecting to measure on a clean connection (answers carry no number, so this one cannot be matched to its ping).',
    workerEnded: 'another connection in the same thread stopped answering, so the thread was ended',
    workerStopped:
      "The connection's worker thread stopped ({why}); the connection is opened again in a new one.",
    credentialsRefused: 'The gateway refused the credentials (bot id, secret or public key).',
    refusedNoRetry:
      'Check them in the profile; Shardwatch does not retry until you change them or press Reconnect.',
    droppedBeforeAnswer:
      'The gateway dropped the connection before answering (it may have crashed or be misconfigured).',
    waitingForBot:
      'Waiting for the bot to register with this gateway: the gateway accepted the credentials, but it answers pings only once the bot has registered since the gateway started.',
    pingsAnsweredMeaning:
      'The gateway is alive and the bot registered at some point since the gateway started.',
    pingOnlyNoStats:
      'Ping only: Shardwatch does not register, so the gateway sends no shard stats.',
    frameTooLarge: 'frame too large ({bytes} bytes, limit {limit})',
    frameTooLargeOver: 'frame too large (over {bytes} bytes, limit {limit})',
    throttledFrames:
      'The gateway sent more than {limit} frames in a second; its frames are dropped unread until the second ends, so it cannot slow down other profiles.',
    throttledBytes:
      'The gateway sent more than {limit} bytes in a second; its frames are dropped unread until the second ends, so it cannot slow down other profiles.',
    throttledPingAnswers:
      'The gateway sent more than {limit} ping answers in a second, far more than were asked for; its frames are dropped unread until the second ends.',
    httpRefusal: 'The gateway refused the WebSocket upgrade with HTTP {status}.',
    httpRefusalSaid: 'The gateway refused the WebSocket upgrade with HTTP {status}: {message}',
    fixAndReconnect: 'Fix the profile and press Reconnect.',
    dialectName: {
      documented: 'a documented-protocol gateway',
      http022: 'an http-interaction 0.2.2 gateway',
    },
    looksLike: 'This looks like {gateway}: {how}',
    chooseDialect: 'choose the dialect "{dialect}" in the profile, or press Detect there.',
    unreachable: 'Cannot reach {url}: {why} ({code}).',
    unreachableWhy: {
      ECONNREFUSED: 'connection refused (is the gateway running on that port?)',
      ENOTFOUND: 'host name not found',
      EAI_AGAIN: 'host name lookup failed for now',
      EHOSTUNREACH: 'host unreachable',
      ENETUNREACH: 'network unreachable',
      ETIMEDOUT: 'connection timed out',
      ECONNRESET: 'connection reset before the upgrade finished',
    },
    closedWithCode: 'closed with code {code}',
    couldNotConnect: 'Could not connect to {url}: {why}.',
    sentTooLarge: 'The gateway sent a {frame}.',
    registerAnswerUnreadable:
      "The gateway's answer to the register request could not be read: {what}",
    closedAfterTooLarge: '{what} The connection was closed.',
    bareCloseLike022:
      'The gateway closed the connection without a status code right after the upgrade, the way an http-interaction 0.2.2 gateway refuses credentials. {advice}',
    broke: 'The connection broke: {why}.',
    serverClosed: 'The gateway closed the connection (code {code}).',
    serverClosedReason: 'The gateway closed the connection (code {code}, "{reason}").',
    serverSaid: 'It said: "{message}".',
    noUpgradeAnswer: 'No answer to the WebSocket upgrade from {url} within {seconds} s.',
    noHello: 'Connected, but the gateway sent no HELLO within {seconds} s.',
    noRegisterAnswer: 'The gateway did not answer the register request within {seconds} s.',
    connecting: 'Connecting to {url}…',
    waitingHello: "Connected; waiting for the gateway's HELLO.",
    waitingFirstPing: 'Connected; waiting for the answer to the first ping.',
    registering: 'Registering with the gateway…',
    registered: 'Registered with the gateway ({event}).',
    helloFraming:
      'The gateway sent its HELLO as {framing}, which a {dialect} gateway never does. {advice}',
    retrying: '{what} Retrying in {seconds} s.',
    stoppedByUser: 'Stopped by the user.',
    noPublicKey: 'This profile has no public key. Edit the profile and enter it.',
    noSecret: 'This profile has no shared secret. Edit the profile and enter it.',
    noKeyOrSecret:
      'This profile has no public key or shared secret. Edit the profile and enter them.',
    invalidSettings: 'The profile settings are not valid.',
    pausedAll: 'All monitoring is paused.',
    pausedProfile: 'This profile is paused.',
    offline: 'This computer is offline; pings resume when the network is back.',
  },
  detect: {
    accepted022Waiting:
      'This is an http-interaction 0.2.2 gateway, and it accepted the credentials. {waiting}',
    accepted022Registered:
      'This is an http-interaction 0.2.2 gateway; it accepted the credentials and answered a ping, so the bot has registered with it since it started.',
    documentedRefused: 'This looks like a documented-protocol gateway. {refused}',
    documentedHello:
      'This is a documented-protocol gateway: its HELLO came as a text frame, which an http-interaction 0.2.2 server never sends.',
    unknown:
      'The gateway answered, but not in a way that tells the dialect apart. Pick the dialect by hand.',
    closed022:
      'This is an http-interaction 0.2.2 gateway, but it closed the connection after its HELLO.',
    refused022: 'This looks like an http-interaction 0.2.2 gateway. {refused}',
    notDetected: '{what} The dialect could not be detected.',
    httpBody022:
      '{what} The error body is the one an http-interaction 0.2.2 server sends (is the path /gateway?).',
    noHello:
      'This looks like a documented-protocol gateway: it accepted the upgrade and sent no HELLO within {seconds} s, while an http-interaction 0.2.2 server always sends one at once.',
    couldNotStart: 'Could not start a connection to {url}: {why}',
    /** The evidence lines under a detection's summary. */
    evidence: {
      zlibHello022:
        'Its HELLO came as a zlib-compressed binary frame with the 0.2.2 message envelope.',
      pingUnanswered: 'A ping (type 2, gzip) got no answer within {seconds} s.',
      refusedDocumented:
        'It refused the identification with GATEWAY_NO_IDENTIFIED, a documented-protocol event.',
      helloFraming: 'Its HELLO came as a {encoding} frame.',
      firstFrame: 'Its first frame was a {encoding} frame with event {event}.',
      frameType: 'type {type}',
      bareClose:
        'Right after the upgrade it sent a close frame without a status code (1005) and no message: how the 0.2.2 server refuses credentials.',
      closedWithCode: 'The connection closed with code {code}.',
      noUpgrade: 'No WebSocket upgrade.',
      upgradeAccepted: 'The upgrade was accepted.',
      noHello: 'No HELLO came.',
      httpInstead: 'HTTP {status} instead of the WebSocket upgrade.',
    },
  },
  /** The step details of "Test connection" (monitor/handshake-test.ts). */
  test: {
    readyNotSent:
      'not sent: a test never registers (a profile in register mode registers once it monitors)',
    readyNever: 'not sent: Shardwatch never registers with this dialect',
    noAnswer: 'No answer within {seconds} s.',
    notReached: 'not reached',
    skipped: 'skipped',
    noHelloInDialect: 'this dialect does not require HELLO',
    invalidSettings: 'invalid settings',
    settingsNotValid: 'The settings are not valid.',
    tcpOpened: 'TCP connection opened',
    upgradeAccepted: 'WebSocket upgrade accepted',
    ended: 'Connection ended ({state}).',
    hello: 'HELLO received',
    helloShards: 'HELLO, starting_shards {count}',
    acceptedHello: 'credentials accepted (the gateway said HELLO)',
    acceptedPing: 'credentials accepted (the gateway answered a ping)',
    firstPingLost: 'the first ping got no answer in time',
    firstPingUnanswered: 'The gateway did not answer the first ping.',
    rtt: 'RTT {ms} ms',
  },
  incident: {
    credentialsRefused: {
      title: 'credentials refused',
      happenedAt: 'It happened at {time}',
    },
    unstable: {
      title: 'gateway connection unstable',
      dropped: 'The gateway connection dropped {losses} times within {window}',
      lastTime: 'Last time: {detail}',
      staysOpen:
        'This alert stays open until the connection holds for {window}, so each drop does not alert again; check the gateway host for restarts, stalls or network trouble',
    },
    lost: {
      title: 'gateway connection lost',
      downSince: 'The gateway connection is down since {time} ({state})',
      noConnection: 'no connection',
      keepsRetrying: 'Shardwatch keeps retrying; check that the gateway is running and reachable',
    },
    flapping: {
      titleOne: 'shard {id} flapping',
      titleMany: '{count} shards flapping',
      bodyOne:
        '{shards} keeps disconnecting and reconnecting ({threshold}+ times within {window}). Their individual down alerts are held back until they settle; check the bot process and its host for restarts.',
      bodyMany:
        '{shards} keep disconnecting and reconnecting ({threshold}+ times within {window}). Their individual down alerts are held back until they settle; check the bot process and its host for restarts.',
    },
    down: {
      title: '{count} of {total} shards down',
      listedOne: '{shards} is disconnected since {time}.',
      listedMany: '{shards} are disconnected since {time}.',
      openToSee: 'Open the profile to see which.',
    },
    stalled: {
      titleOne: 'shard {id} stalled',
      titleMany: '{count} shards stalled',
      bodyOne:
        '{shards} is connected but their message counters stopped moving. The shard process may be hung; consider restarting it.',
      bodyMany:
        '{shards} are connected but their message counters stopped moving. The shard process may be hung; consider restarting it.',
    },
    missing: {
      title: '{count} of {total} shards not reporting',
      bodyOne:
        '{shards} has never reported to the gateway. Check that every shard process is running and that shard_total matches.',
      bodyMany:
        '{shards} have never reported to the gateway. Check that every shard process is running and that shard_total matches.',
    },
    latency: {
      title: 'ping p95 {p95} (limit {limit})',
      body: "Gateway pings are slow: p95 {p95} over the last minute, above the {limit} limit. Check the gateway host's load and the network path.",
    },
    loss: {
      title: '{pct} ping loss (limit {limit})',
      body: '{lost} of {sent} gateway pings in the last minute got no answer, above the {limit} limit. The gateway or the network is dropping traffic.',
    },
    waiting: {
      title: 'bot not registered with the gateway',
      body: '{waiting} It has been so for {duration}. Check that the bot is running and connects to this gateway.',
    },
    shardOne: 'Shard {id}',
    shardsMany: 'Shards {ids}',
    shardsMore: 'Shards {ids} and {rest} more',
  },
  message: {
    recovered: 'Recovered after {duration} (open since {time}).',
    stillOpen: 'Still open after {duration}. {body}',
    stillOpenUnacked: 'Still open after {duration} and not acknowledged. {body}',
    bypassed: 'This alert bypassed quiet hours because {why}.',
    bypassDown: 'more than {pct} of the shards are down',
    bypassLong: 'it has been open for more than {duration}',
    unnamedProfile: 'unnamed profile',
    summaryStillOpen: 'still open',
    summaryRecovered: 'recovered after {duration}',
    summaryMore: '…and {count} more.',
    summaryHeadlineOne: 'during quiet hours: 1 incident, {open} still open',
    summaryHeadlineMany: 'during quiet hours: {count} incidents, {open} still open',
    testHeadline: 'test message',
    testBody:
      'This is a test from Shardwatch to the channel "{channel}". If you can read it, alerts will arrive here.',
    titleRecovered: 'recovered: {headline}',
    titleStillOpen: 'still open: {headline}',
  },
  /** Names beside the text in chat messages (notify/payloads.ts), in the app's language at send time. */
  payload: {
    profile: 'Profile',
    severity: 'Severity',
    shards: 'Shards',
    outage: 'Outage',
    openFor: 'Open for',
    level: { critical: 'critical', warning: 'warning', info: 'info', recovered: 'recovered' },
  },
  tray: {
    unnamedProfile: 'unnamed profile',
    line: '{name}: {state}, {rtt}, {shards}',
    paused: '{name}: {state}',
    shardsUnknown: '?/{total} shards up',
    noShardStats: 'no shard stats',
    shardsUp: '{up}/{total} shards up',
    noProfilesYet: 'no profiles yet',
    allPaused: 'all profiles paused',
    offline: 'offline',
    shardsDownOne: '1 shard down',
    shardsDownMany: '{count} shards down',
    lostOne: '1 connection lost',
    lostMany: '{count} connections lost',
    criticalAlert: 'critical alert',
    degradedOpenOne: 'degraded, 1 alert open',
    degradedOpenMany: 'degraded, {count} alerts open',
    degraded: 'degraded',
    allOk: 'all OK',
    monitoringPaused: 'monitoring paused ({summary})',
    snoozedUntil: 'snoozed until {time} ({summary})',
    more: '…and {count} more',
    snooze15m: 'For 15 minutes',
    snooze1h: 'For 1 hour',
    snooze4h: 'For 4 hours',
    snoozeTomorrow: 'Until tomorrow 08:00',
    resumeNow: 'Resume alerts now (snoozed until {time})',
    snoozedMenu: 'Alerts snoozed until {time}',
    snoozeMenu: 'Snooze alerts',
    noProfilesMenu: 'No profiles yet',
    open: 'Open Shardwatch',
    pauseAll: 'Pause all monitoring',
    quit: 'Quit Shardwatch',
  },
  analytics: analyticsEn,
  report: reportEn,
  timelineKind: timelineKindEn,
  request: requestEn,
  cli: cliEn,
  notice: noticeEn,
  disk: diskEn,
  secrets: secretsEn,
  dataFolder: dataFolderEn,
  servePage: servePageEn,
  check: checkEn,
  profilesFile: profilesFileEn,
  store: storeEn,
  transfer: transferEn,
  options: optionsEn,
  frame: frameEn,
  cliOut: cliOutEn,
  /** The catalogue's own language tag (`localeOf` in translator.ts). */
  meta: { locale: 'en' },
  validation: {
    nameMissing: 'Enter a name for this profile, e.g. "Production bot".',
    nameTooLong: 'The name is {length} characters long; shorten it to {max} or fewer.',
    nameTaken:
      'Another profile is already called "{name}"; pick a different name so alerts can tell them apart.',
    color: 'Pick a colour, written as #rrggbb (for example #5865f2).',
    environment: 'Choose an environment: {choices}.',
    dialect: 'Choose a protocol dialect: {choices}.',
    monitorMode: 'Choose how Shardwatch watches the gateway: register or ping only.',
    neverRegister022:
      "Shardwatch never registers with an http-interaction 0.2.2 gateway: that server would send the bot's interactions to Shardwatch. Choose ping only.",
    urlMissing: 'Enter the gateway URL, e.g. wss://gateway.example.com/gateway.',
    urlInvalid: 'This is not a valid URL; write it as ws://host:port/path or wss://host:port/path.',
    urlScheme: 'The URL must start with ws:// or wss:// (a WebSocket address), not {scheme}//.',
    urlCredentials:
      'Remove the user name and password from the URL; put the public key and secret in their own fields, where they are stored encrypted.',
    urlNoHost: 'The URL has no host; add the gateway host name.',
    urlHash: 'Remove the #… part from the URL; WebSocket addresses cannot carry one.',
    urlInsecure:
      'ws:// sends the public key and secret unencrypted to {host}, which is not this computer. Use wss://, or confirm that you accept unencrypted credentials.',
    urlInsecureWarning:
      'Credentials are sent unencrypted to {host} over ws://; anyone on the network path can read them. Use wss:// if the server supports it.',
    urlPath022:
      'An http-interaction 0.2.2 server listens on the path /gateway; this URL asks for {path}, which will likely fail.',
    botIdMissing:
      "Enter the bot's application id (a Discord snowflake such as 123456789012345678).",
    botIdDigits:
      'The bot id must be 1 to 20 digits only (the application id from the Discord Developer Portal).',
    publicKeyBlank:
      'The public key has a space or another blank inside; paste the key alone, as one word.',
    publicKeyHex:
      'An http-interaction 0.2.2 gateway expects the public key as exactly 64 hexadecimal characters (0-9, a-f); this one has {length} characters.',
    publicKeyHexSigns:
      'An http-interaction 0.2.2 gateway expects the public key as exactly 64 hexadecimal characters (0-9, a-f); this one has {length} characters and other signs than 0-9 and a-f.',
    wholeNumber: '{what} must be a whole number.',
    wholeNumberOf: '{what} must be a whole number of {unit}.',
    between: '{what} must be between {min} and {max}; it is {value}.',
    betweenUnit: '{what} must be between {min} and {max} {unit}; it is {value}.',
    number: '{what} must be a number.',
    shardInWhole: 'Shard in must be a whole number (0 = the master).',
    shardInNegative: 'Shard in cannot be negative; use 0 for the master.',
    shardInTooLarge:
      'Shard in ({shardIn}) cannot be larger than shard total ({shardTotal}); the server would close the connection.',
    shardInMaster:
      'Shardwatch connects as the shard master: register is honoured only on shard 0, and an http-interaction 0.2.2 gateway drops other shards until the bot registers. Set shard in to 0.',
    flags: 'Flags must be a whole number from 0 to {max}.',
    secretTooLong: 'The {label} is longer than {max} characters; paste only the {label} itself.',
    secretControl:
      'The {label} contains a line break or another control character; paste it again as one line.',
    publicKeyMissing:
      "Enter the application's public key (Discord Developer Portal → General Information); the gateway checks it on connect.",
    secretMissing022:
      'Enter the shared secret the http-interaction server was configured with; it is sent in the Secret header.',
    secretMissing: "Enter the gateway's shared secret; it is sent in the Secret header on connect.",
    maxConcurrency:
      "Max concurrency must be a whole number from {min} to {max} (Discord's session_start_limit.max_concurrency; 1 when unsure).",
    dailySessionLimit:
      "The daily session-start limit must be a whole number from {min} to {max} (Discord's session_start_limit.total; usually 1000).",
    clusters:
      'Write the clusters as one size (16) or as lists of shards, one cluster per ";" (0-15; 16-31).',
    alertsMissing: 'Alert settings are missing; reset them to the defaults.',
    quietMissing: 'Quiet hours settings are missing; reset them to the defaults.',
    quietStart: 'Write the start time as HH:MM in 24-hour time, e.g. 22:00.',
    quietEnd: 'Write the end time as HH:MM in 24-hour time, e.g. 07:00.',
    timeZone: 'Pick a time zone from the list (an IANA name such as Europe/Berlin or UTC).',
    field: {
      publicKey: 'public key',
      secret: 'secret',
      shardTotal: 'Shard total',
      pingInterval: 'Ping interval',
      pingTimeout: 'Ping timeout',
      maxFrame: 'The largest frame',
      lostPings: 'Lost pings before the connection counts as dead',
      latency: 'Latency threshold (ms, 0 = off)',
      loss: 'Loss threshold (%, 0 = off)',
      waiting: 'The time the bot may stay unregistered before an alert',
      raiseAfter: 'Bad samples before an alert is raised',
      clearAfter: 'Good samples before an alert clears',
      escalateFraction: 'The share of shards down that overrides quiet hours',
      escalateAfter: 'Escalation delay (ms)',
    },
  },
};

export default engineEn;

/** The engine catalogue's shape: every language has exactly these keys. */
export type EngineCatalogue = typeof engineEn;
