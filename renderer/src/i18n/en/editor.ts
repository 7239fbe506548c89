/** The profile editor: sections, fields, hints, the connection test and the save bar. */
import { PINGS_ANSWERED_MEANING } from '../../../../shared/connection-text';
import {
  DIALECT_SPECS,
  MONITOR_MODE_CHOICES,
  NEVER_REGISTERS_022,
} from '../../../../shared/dialects';
import type { MonitorMode } from '../../../../shared/protocol';
import { FLAG_OPTIONS } from '../../../../shared/flag-options';

// The protocol's own words (dialects, modes, flags) have one English home in
// shared/; the catalogue takes them from there.
const dialect = {
  documented: {
    label: DIALECT_SPECS.documented.label,
    description: DIALECT_SPECS.documented.description,
  },
  // Keyed without dots: a dot in a key would split the message path.
  http022: {
    label: DIALECT_SPECS['http-interaction-0.2.2'].label,
    description: DIALECT_SPECS['http-interaction-0.2.2'].description,
  },
};
const mode = Object.fromEntries(
  MONITOR_MODE_CHOICES.map((c) => [c.mode, { label: c.label, consequence: c.consequence }]),
) as Record<MonitorMode, { label: string; consequence: string }>;
const flag = Object.fromEntries(
  FLAG_OPTIONS.map((f) => [f.name, { label: f.label, description: f.description }]),
) as Record<(typeof FLAG_OPTIONS)[number]['name'], { label: string; description: string }>;

export default {
  titleNew: 'Add a profile',
  titleEdit: 'Edit {name}',
  loading: 'Loading the profile…',
  readOnly:
    'The profiles file is from a newer version of Shardwatch and is open read-only. Update Shardwatch to change profiles.',
  demo: 'This is the built-in Demo profile. It talks to a simulator inside Shardwatch.',
  copy: 'This is a copy of “{name}”, saved with the same settings and credentials. It is paused so it does not take over that profile’s connection. Change what differs (name, shard range), then tick “Monitor this profile” and save.',
  profile: {
    legend: 'Profile',
    name: 'Name',
    color: 'Colour',
    environment: 'Environment',
    enabled: 'Monitor this profile (keep it connected)',
  },
  gateway: {
    legend: 'Gateway',
    dialect: 'Protocol dialect',
    dialects: dialect,
    detect: 'Detect',
    detecting: 'Detecting…',
    detectHint:
      'Asks the gateway which dialect it speaks, without registering (uses the URL, bot id and credentials below).',
    detectFailed: 'Detection could not run: {message}',
    useDetected: 'Use {dialect}',
    mode: 'How Shardwatch watches the gateway',
    modes: mode,
    neverRegisters: NEVER_REGISTERS_022,
    pingsMean: `Answered pings mean: ${PINGS_ANSWERED_MEANING}`,
    url: 'Gateway URL',
    urlHint: 'ws://host:port/path or wss://host:port/path',
    insecureTitle: 'Unencrypted connection.',
    insecure:
      'This URL uses ws://, so the public key and secret travel in clear to {host}. Use wss:// if the server supports it.',
    theServer: 'the server',
    insecureAck: 'I understand; send the credentials unencrypted to this host',
    botId: 'Bot application id',
    botIdHint: 'Digits only, from the Discord Developer Portal.',
    shardIn: 'Shard in',
    shardInHint: 'The shard this connection speaks for; 0 = the master.',
    shardTotal: 'Shard total',
    shardTotalHint: 'Used until the gateway reports how many shards the bot has.',
    flags: 'Flags',
    flag,
    rawFlags: 'Raw flags value',
    rawFlagsHint: 'The whole bit set as a number; bits without a name are kept.',
    rawFlagsUnnamed: 'Includes bits without a name ({bits}); they are kept as entered.',
  },
  credentials: {
    legend: 'Credentials',
    hint: 'Write-only: once saved, Shardwatch never shows them again. Leave them closed to keep the stored values.',
    addressMoved:
      'The gateway address changed: enter the public key and secret again. The stored ones are only sent to {address}, the address they were saved for.',
    publicKey: 'Public key',
    publicKeyHint: 'The application’s public key (Developer Portal → General Information).',
    secret: 'Secret',
    secretHint: 'The gateway’s shared secret, sent in the Secret header on connect.',
  },
  timing: {
    legend: 'Connection timing',
    pingInterval: 'Ping every (ms)',
    pingTimeout: 'Ping counts as lost after (ms)',
    lostPingsToDead: 'Lost pings before reconnecting',
    maxFrame: 'Largest frame (MiB)',
    maxFrameHint:
      'Bigger frames from the gateway are refused. A snapshot of 50,000 shards as text is about 9 MiB.',
  },
  alerts: {
    legend: 'Alerts',
    hint: 'Alert thresholds are set per profile, here.',
    connectionLost: 'Connection lost',
    credentialsRefused: 'Credentials refused',
    shardsDown: 'Shards down',
    missingShards: 'Shards missing from reports',
    silentStall: 'Silent stall (counters frozen)',
    waitingForBot: 'Bot not registered yet',
    includeDevShards: 'Include development shards',
    latencyP95: 'Latency p95 above (ms, 0 = off)',
    loss: 'Loss above (%, 0 = off)',
    waitingAfter: 'Alert when the bot is not registered for (minutes)',
    waitingAfterHint:
      'The gateway accepted the credentials but answers no ping: the bot has not registered with it since it started.',
    raiseAfter: 'Raise after N bad samples',
    clearAfter: 'Clear after N good samples',
    quiet: 'Quiet hours',
    quietEnabled: 'Hold back notifications during quiet hours',
    from: 'From',
    until: 'Until',
    timeZone: 'Time zone',
    timeZoneHint: 'Times are in {zone}; it is {time} there now.',
    escalateFraction: 'Notify anyway when this share of shards is down (0–1)',
    escalateAfter: '…or when an incident stays open (minutes)',
  },
  test: {
    title: 'Test connection',
    hint: 'Connects with the values in this form, pings once and reports each step. Nothing is saved, and the test never registers, whatever the mode.',
    run: 'Test connection',
    running: 'Testing…',
    fixFirst: 'Fix the fields marked with ✕ first; the test uses the form as it is.',
    failedToRun: 'The test could not run: {message}',
    waiting: 'The gateway accepted the connection, but no ping was answered.',
    ok: '✓ The gateway accepted the connection.',
    failed: '✕ The test failed.',
    col: { step: 'Step', result: 'Result', time: 'Time', detail: 'Detail' },
    steps: {
      reach: 'Reach the server',
      upgrade: 'WebSocket upgrade',
      hello: 'Server hello',
      auth: 'Credentials accepted',
      ready: 'Register (READY)',
      'first-ping': 'First ping answered',
    },
    passed: '✓ passed',
    stepFailed: '✕ failed',
    skipped: '– skipped',
    onlyPings:
      'The test only pings, whatever the mode: registering could take the bot’s interactions.',
  },
  save: {
    add: 'Add profile',
    save: 'Save changes',
    saving: 'Saving…',
    delete: 'Delete profile',
    fixFields: 'Nothing was saved. Fix the fields marked with ✕ above, then save again.',
    failed: 'Nothing was saved: {message}',
    problems: 'Nothing was saved. Shardwatch found problems in the fields marked with ✕ above.',
  },
};
