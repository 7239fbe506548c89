/**
 * The engine's sentences about shards in English (docs/architecture.md §4
 * "Two languages"): the shard analytics' findings and the HTML incident
 * report. Part of the engine catalogue (`engine-en.ts`, key `analytics` and
 * `report`); `engine-pt-BR-analytics.ts` is typed against this one.
 */
import { HEAT_CELL_LABELS } from '../shard-heatmap';
import type { TimelineKind } from '../profile-detail';

/** The shard analytics' findings (electron/core/analytics): incident titles and bodies. */
export const analyticsEn = {
  /** What happened to a group of shards; ends a title ("12 shards down"). */
  verb: { down: 'down', 'one-way': 'one-way', silent: 'silent' },
  shardOne: '{count} shard',
  shardsMany: '{count} shards',
  idsMore: '{ids} and {rest} more',
  single: {
    title: 'shard {id} {verb}',
    none: 'no shards {verb}',
    body: 'Shard {id} is {verb}; no other shard failed with it.',
  },
  all: {
    title: '{count} of {total} shards {verb} at once (gateway side)',
    body: 'Nearly every shard failed at the same moment: the gateway itself or the network between it and the bots is the likely cause, not the shards.',
  },
  development: {
    title: '{shards} {verb}, all development shards',
    body: 'Only development shards are affected ({ids}); production shards are fine.',
  },
  bucket: {
    title: '{shards} {verb}, all in identify bucket {bucket}',
    titleSome: '{shards} {verb}, {count} in identify bucket {bucket}',
    body: '{count} of the {size} shards of identify bucket {bucket} (shard_id % {m} = {bucket}) failed together. Shards of one bucket start their sessions together: look for IDENTIFY failures or the daily session-start limit.',
    alsoCluster: 'They all run in cluster {cluster}.',
  },
  cluster: {
    title: '{shards} {verb}, all in cluster {cluster}',
    titleRange: '{shards} {verb}, all in cluster {cluster} (shards {ids})',
    titleSome: '{shards} {verb}, {count} in cluster {cluster}',
    whole: 'All {size} shards of cluster {cluster}',
    part: '{count} of the {size} shards of cluster {cluster}',
    body: '{who} failed together: look at the process or host that runs that cluster.',
    bodyRange:
      '{who} failed together (shards {ids}): look at the process or host that runs that cluster.',
  },
  range: {
    title: '{shards} {verb}, shards {ids}',
    body: 'Shards {ids} form one contiguous range: they usually share a process or a host; look there first.',
  },
  scattered: {
    title: '{shards} {verb}',
    body: 'Shards {ids} failed together but share no range, identify bucket or cluster; look at each of them.',
  },
  oneWay: {
    titleOne: 'shard {id} one-way',
    titleMany: '{count} shards one-way',
    bodyOne:
      'The gateway keeps pinging shard {ids} but no answer has come back for {span} (send_ping rises, receibe_ping does not). The connection is half open or the shard cannot read; restart it.',
    bodyMany:
      'The gateway keeps pinging shards {ids} but no answer has come back for {span} (send_ping rises, receibe_ping does not). The connections are half open or the shards cannot read; restart them.',
  },
  silent: {
    titleOne: 'shard {id} silent',
    titleMany: '{count} shards silent',
    bodyOne:
      'Shard {ids} is connected and sending but received no message for {span} while most other shards did: the event stream is stuck. Restart the shard.',
    bodyMany:
      'Shards {ids} are connected and sending but received no message for {span} while most other shards did: the event stream is stuck. Restart the shards.',
  },
  budget: {
    fallbackTitle: 'daily session starts running out',
    titleExhausted: 'daily session-start limit reached ({used} of {limit})',
    title: '{used} of {limit} daily session starts used',
    rate: '{count} restarts an hour',
    exhausted:
      'Discord refuses new sessions until older ones leave the 24-hour window, and may reset the bot token. Stop restarting shards now.',
    neverReached: 'At the current rate ({rate}) the limit will not be reached.',
    reachedIn:
      'At the current rate ({rate}) the limit is reached in {duration}. Find what restarts the shards before Discord stops accepting new sessions.',
    body: 'Shards restarted {used} times in the last 24 hours. {forecast}',
  },
  loop: {
    titleOne: 'shard {id} in a restart loop ({count} restarts in {window})',
    titleMany: '{count} shards in restart loops',
    bodyOne:
      "Shard {ids} restarted {threshold} or more times within {window}. Every restart spends a session start; look at the shard process's logs for the crash that restarts it.",
    bodyMany:
      "Shards {ids} restarted {threshold} or more times within {window}. Every restart spends a session start; look at the shard processes' logs for the crash that restarts them.",
  },
  recurring: {
    badZone:
      '"{zone}" is not a time zone this system knows; use an IANA name such as Europe/Berlin.',
    title: 'failures recur around {time} ({zone}) on {days} of the last {lookback} days',
    body: "{count} failures between {first} and {last} local time, on {days} different days. Something scheduled may be the cause (a backup, a cron job, a provider's maintenance). Suggested maintenance window: {start}–{end} daily, {zone}.",
    windowName: 'Recurring trouble around {time}',
  },
  shardRestarted: 'Shard {id} restarted',
  /** A rolling restart (deploy) ended: one timeline entry. */
  deploy: {
    text: 'Rolling restart: {shards} ({ids}) restarted in {direction} order over {span}; {outcome}.',
    ascending: 'ascending',
    descending: 'descending',
    allBack: 'all came back',
    late: '{count} not back within {within}: {ids}',
  },
};

/** The HTML incident report (analytics/incident-report.ts, report-svg.ts). */
/**
 * What a timeline entry is about, by its kind (the wire name): the timeline
 * on the profile page and the incident report's timeline table (key
 * `timelineKind`, one list for both).
 */
export const timelineKindEn = {
  state: 'connection',
  'shard-state': 'shard',
  'shard-restart': 'shard restart',
  'incident-open': 'incident opened',
  'incident-update': 'incident updated',
  'incident-close': 'incident closed',
  'server-message': 'server message',
  'unknown-event': 'unknown event',
  'protocol-error': 'protocol error',
  deploy: 'rolling restart',
} satisfies Record<TimelineKind, string>;

export const reportEn = {
  title: 'Shardwatch incident: {title}',
  stillOpen: 'still open when exported',
  cleared: 'cleared {time} after {duration}',
  meta: '{profile} · opened {time} · {duration} · times in {zone}',
  severity: { critical: 'critical', warning: 'warning', info: 'info' },
  shardsInvolved: 'Shards involved: {ids}',
  whatHappened: 'What happened',
  inCommon: 'In common:',
  shardsOverTime: 'Shards over time',
  noShardHistory: 'No shard history was recorded.',
  latency: 'Gateway ping latency',
  noLatency: 'No latency history was recorded.',
  timeline: 'Timeline',
  nothingElse: 'Nothing else happened in this period.',
  frames: 'Frames',
  noFrames: 'No frames were recorded around this incident.',
  framesFromTo: '{count} frames from {from} to {to}.',
  framesFromToRecording: '{count} frames from {from} to {to} (still recording when exported).',
  framesLeftOut: "{count} more did not fit the recorder's size limit and are left out.",
  framesScrubbed: 'Secrets were replaced before the frames were recorded.',
  column: { time: 'time', direction: 'dir', event: 'event', frame: 'frame' },
  direction: { in: 'in', out: 'out' },
  frameType: 'type {type}',
  footer: 'Exported by Shardwatch on {time} (incident {id}).',
  heatmapEmpty: 'No shard history for this period.',
  heatmapCaption: 'Shards {from}–{to} over time',
  heatmapCaptionRows: 'Shards {from}–{to} over time, {per} shards per row (the worst of them)',
  /** The heatmap's cell words, the same as the renderer's (one home: shared/shard-heatmap.ts). */
  cell: { ...HEAT_CELL_LABELS },
  latencyEmpty: 'No pings recorded for this period.',
  latencyLabel:
    'Gateway ping latency: median line, 5th to 95th percentile band, lost pings marked below',
  latencyCaption:
    'Median (line), 5th–95th percentile (band); a mark under the axis where pings were lost.',
  // Disturbed samples (issue #16).
  latencyDisturbed:
    'Rings along the top: {count} pings answered while Shardwatch could not time them honestly (too busy, or the computer too loaded); they are in no figure above.',
};
