/**
 * The tray as a projection of state (docs/architecture.md §3.6): a pure function from
 * profiles, live status, incidents and snooze to icon, tooltip and menu. The
 * Electron adapter only applies what this returns, so every rule about what
 * the tray says is here and tested without Electron.
 */
import type { ConnectionState } from '../../shared/connection-state';
import type { Incident, SnoozeState } from '../../shared/incident-model';
import type { ProfileStatus } from '../../shared/live-status';
import type { ProfileView } from '../../shared/profile-model';
import type { TrayMenuItem, TrayModel, TrayState } from '../../shared/tray';
import { formatLocalHm, systemTimeZone } from './alerts/local-time';
import { statusLook } from '../../shared/connection-look';
import { formatRtt } from '../../shared/format';
import { localeOf, sayEnglish, type Say } from '../../shared/i18n/translator';

/** Everything the tray shows is derived from this. */
export interface TrayInput {
  profiles: ProfileView[];
  /** Live status by profile id; a profile without an entry is still starting. */
  status: Record<string, ProfileStatus>;
  /** Incidents; closed ones (`clearedAt` set) are ignored. */
  incidents: Incident[];
  snooze: SnoozeState;
  /** Wall-clock ms "now" (decides whether the snooze is still running). */
  nowWall: number;
  /** Zone for the "snoozed until 14:30" times. Default: the system zone. */
  timeZone?: string;
  /** Tooltip length limit. Default {@link TRAY_TOOLTIP_MAX_CHARS} (the Windows limit). */
  tooltipMaxChars?: number;
  /** Words the tooltip and menu in the user's language; English by default. */
  say?: Say;
}

/**
 * Windows truncates tray tooltips beyond 127 UTF-16 units (`szTip` is 128
 * including the terminator). macOS and Linux allow more, but one limit for
 * every platform keeps the tooltip the same everywhere.
 */
export const TRAY_TOOLTIP_MAX_CHARS = 127;

/** Connection states in which a profile's gateway connection counts as lost. */
const LOST_STATES: ReadonlySet<ConnectionState> = new Set([
  'reconnecting',
  'auth-refused',
  'failed',
]);

interface Facts {
  enabled: ProfileView[];
  open: Incident[];
  lostProfiles: number;
  readyProfiles: number;
  shardsDown: number;
  /** Shard trouble short of down: degraded, stalled or missing shards. */
  shardTrouble: boolean;
  snoozed: boolean;
}

/**
 * Whether a profile's connection is lost (as opposed to still connecting or
 * closed by the user): reconnecting, refused, failed, or closed with a
 * problem other than a user pause.
 */
function isConnectionLost(s: ProfileStatus | undefined): boolean {
  if (!s) return false;
  if (LOST_STATES.has(s.state)) return true;
  return s.state === 'closed' && s.problem !== null && s.problem !== 'paused';
}

function gatherFacts(input: TrayInput): Facts {
  const enabled = input.profiles.filter((p) => p.enabled);
  const enabledIds = new Set(enabled.map((p) => p.id));
  const open = input.incidents.filter((i) => i.clearedAt === null && enabledIds.has(i.profileId));
  let lostProfiles = 0;
  let readyProfiles = 0;
  let shardsDown = 0;
  let shardTrouble = false;
  for (const p of enabled) {
    const s = input.status[p.id];
    if (isConnectionLost(s)) lostProfiles++;
    // Waiting for the bot to register: the gateway is connected and says so.
    if (s?.state !== 'ready' && s?.state !== 'waiting') continue;
    readyProfiles++;
    // Shard figures are current only while connected; a lost connection
    // counts once (above) instead of its stale per-shard numbers.
    // Connected but its pings go unanswered: trouble, never a green tray.
    if (statusLook(s).key === 'unanswered') shardTrouble = true;
    if (s.shards.reportsStats) {
      shardsDown += s.shards.down;
      if (s.shards.degraded > 0 || s.shards.stalled > 0 || s.shards.missingCount > 0) {
        shardTrouble = true;
      }
    }
  }
  const snoozed =
    input.snooze.paused || (input.snooze.until !== null && input.snooze.until > input.nowWall);
  return { enabled, open, lostProfiles, readyProfiles, shardsDown, shardTrouble, snoozed };
}

/**
 * The health state ignoring snooze (what the tooltip still reports while
 * snoozed). Precedence, first match wins:
 * 1. `no-profiles` — no profile exists.
 * 2. `offline` — no enabled profile is connected (`ready`), including when
 *    every profile is paused.
 * 3. `down` — some enabled profile's connection is lost (reconnecting,
 *    credentials refused, failed, closed by the server) while another is
 *    connected, or a non-dev shard of a connected profile is down, or a
 *    critical incident is open.
 * 4. `degraded` — a warning/info incident is open (latency, loss, stall,
 *    missing shards, flapping…), or a connected profile reports degraded,
 *    stalled or missing shards, or its last pings all went unanswered.
 * 5. `ok`.
 */
function healthState(input: TrayInput, f: Facts): Exclude<TrayState, 'snoozed'> {
  if (input.profiles.length === 0) return 'no-profiles';
  if (f.readyProfiles === 0) return 'offline';
  if (f.lostProfiles > 0 || f.shardsDown > 0 || f.open.some((i) => i.severity === 'critical')) {
    return 'down';
  }
  if (f.open.length > 0 || f.shardTrouble) return 'degraded';
  return 'ok';
}

/**
 * Overall tray state: {@link healthState}'s precedence, except that a
 * running snooze or a global pause shows `snoozed` above everything but
 * `no-profiles` (the icon then says "I am not going to alert you"; the
 * tooltip still gives the counts).
 */
function trayState(input: TrayInput, f: Facts): TrayState {
  const health = healthState(input, f);
  if (health === 'no-profiles') return health;
  return f.snoozed ? 'snoozed' : health;
}

/**
 * The number the icon draws: non-dev shards reported down by connected,
 * enabled profiles, plus one per enabled profile whose connection is lost.
 * A lost profile adds 1 rather than its last shard figures, which are stale
 * once the connection is gone (and absent for 0.2.2 servers, which report no
 * shard stats — the icon must still show that something is down).
 */
function downCount(f: Facts): number {
  return f.shardsDown + f.lostProfiles;
}

/** The state in the words every screen uses (shared/connection-look.ts), inside a sentence. */
function stateLabel(s: ProfileStatus | undefined, say: Say): string {
  return say(`state.${statusLook(s).key}`).toLowerCase();
}

/**
 * One profile's line: `<name>: <state>, <rtt> ms, <up>/<total> shards up`.
 * No RTT shows `—` in place of `<rtt> ms`; a server that reports no shard
 * stats (0.2.2) shows `no shard stats`; a paused profile is just
 * `<name>: paused` (the word every screen uses).
 */
export function profileLine(
  p: ProfileView,
  s: ProfileStatus | undefined,
  say: Say = sayEnglish,
): string {
  const name = p.name || say('tray.unnamedProfile');
  if (!p.enabled) return say('tray.paused', { name, state: say('state.paused').toLowerCase() });
  const rtt =
    s?.lastRttMs !== null && s?.lastRttMs !== undefined
      ? formatRtt(s.lastRttMs, localeOf(say))
      : '—';
  let shards: string;
  if (!s) shards = say('tray.shardsUnknown', { total: p.shardTotal });
  else if (!s.shards.reportsStats) shards = say('tray.noShardStats');
  else shards = say('tray.shardsUp', { up: s.shards.up, total: s.shards.expected });
  return say('tray.line', { name, state: stateLabel(s, say), rtt, shards });
}

/** A profile's line as last made, with what it was made from besides its status. */
interface LineMade {
  say: Say;
  locale: string;
  name: string;
  enabled: boolean;
  shardTotal: number;
  line: string;
}

/**
 * Lines by the status they were made from. The core rebuilds the tray on
 * every push (up to ten a second) from statuses it keeps until a profile
 * changes, and wording 100 profiles' lines twice each took half the core's
 * CPU with 100 profiles pinging; a status object is never changed once made.
 */
const linesMade = new WeakMap<ProfileStatus, LineMade>();

function lineOf(p: ProfileView, s: ProfileStatus | undefined, say: Say, locale: string): string {
  if (!s) return profileLine(p, s, say);
  const made = linesMade.get(s);
  if (
    made &&
    made.say === say &&
    made.locale === locale &&
    made.name === p.name &&
    made.enabled === p.enabled &&
    made.shardTotal === p.shardTotal
  )
    return made.line;
  const line = profileLine(p, s, say);
  const { name, enabled, shardTotal } = p;
  linesMade.set(s, { say, locale, name, enabled, shardTotal, line });
  return line;
}

function summary(input: TrayInput, f: Facts, tz: string): string {
  const say = input.say ?? sayEnglish;
  const health = healthState(input, f);
  let text: string;
  switch (health) {
    case 'no-profiles':
      return say('tray.noProfilesYet');
    case 'offline':
      text = say(f.enabled.length === 0 ? 'tray.allPaused' : 'tray.offline');
      break;
    case 'down': {
      const parts: string[] = [];
      if (f.shardsDown > 0)
        parts.push(
          f.shardsDown === 1
            ? say('tray.shardsDownOne')
            : say('tray.shardsDownMany', { count: f.shardsDown }),
        );
      if (f.lostProfiles > 0)
        parts.push(
          f.lostProfiles === 1
            ? say('tray.lostOne')
            : say('tray.lostMany', { count: f.lostProfiles }),
        );
      if (parts.length === 0) parts.push(say('tray.criticalAlert'));
      text = parts.join(', ');
      break;
    }
    case 'degraded':
      text =
        f.open.length === 0
          ? say('tray.degraded')
          : f.open.length === 1
            ? say('tray.degradedOpenOne')
            : say('tray.degradedOpenMany', { count: f.open.length });
      break;
    case 'ok':
      text = say('tray.allOk');
      break;
  }
  if (input.snooze.paused) return say('tray.monitoringPaused', { summary: text });
  if (f.snoozed && input.snooze.until !== null) {
    const time = formatLocalHm(input.snooze.until, tz);
    return say('tray.snoozedUntil', { time, summary: text });
  }
  return text;
}

function sortedProfiles(profiles: ProfileView[]): ProfileView[] {
  return [...profiles].sort((a, b) => a.order - b.order);
}

function clip(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * The tooltip, one entry per line: `Shardwatch — <summary>` then one line per
 * profile (in profile order). When the lines joined with `\n` exceed
 * `tooltipMaxChars`, trailing profile lines are replaced by `…and N more`,
 * keeping as many whole lines as fit; a single over-long line is cut with
 * `…`. The result joined with `\n` never exceeds the limit.
 */
export function trayTooltipLines(input: TrayInput): string[] {
  const max = input.tooltipMaxChars ?? TRAY_TOOLTIP_MAX_CHARS;
  const tz = input.timeZone ?? systemTimeZone();
  const f = gatherFacts(input);
  const header = clip(`Shardwatch — ${summary(input, f, tz)}`, max);
  const say = input.say ?? sayEnglish;
  const locale = localeOf(say);
  const lines = sortedProfiles(input.profiles).map((p) =>
    lineOf(p, input.status[p.id], say, locale),
  );
  const length = (ls: string[]) =>
    ls.reduce((n, l) => n + l.length, 0) + Math.max(0, ls.length - 1);
  if (length([header, ...lines]) <= max) return [header, ...lines];
  // Lengths of the header and the first `keep` lines joined: a candidate whose
  // lines alone are too long cannot fit with "…and N more" after them, so
  // that sentence is made only for those that might (100 profiles: 2, not 99).
  const fits: number[] = [header.length];
  for (const l of lines) fits.push(fits[fits.length - 1]! + 1 + l.length);
  for (let keep = lines.length - 1; keep >= 0; keep--) {
    if (fits[keep]! + 1 > max) continue;
    const more = say('tray.more', { count: lines.length - keep });
    const candidate = [header, ...lines.slice(0, keep), more];
    if (length(candidate) <= max) return candidate;
  }
  // Only reachable with a tiny limit: the header alone, cut to fit.
  return [clip(header, max)];
}

function snoozeMenu(input: TrayInput, f: Facts, tz: string): TrayMenuItem {
  const until =
    f.snoozed && input.snooze.until !== null ? formatLocalHm(input.snooze.until, tz) : null;
  const say = input.say ?? sayEnglish;
  const submenu: TrayMenuItem[] = [
    { id: 'snooze:15m', label: say('tray.snooze15m') },
    { id: 'snooze:1h', label: say('tray.snooze1h') },
    { id: 'snooze:4h', label: say('tray.snooze4h') },
    { id: 'snooze:tomorrow', label: say('tray.snoozeTomorrow') },
  ];
  if (until !== null) {
    submenu.push({ id: 'separator:snooze', label: '', type: 'separator' });
    submenu.push({ id: 'snooze:off', label: say('tray.resumeNow', { time: until }) });
  }
  return {
    id: 'snooze',
    label: until !== null ? say('tray.snoozedMenu', { time: until }) : say('tray.snoozeMenu'),
    type: 'submenu',
    submenu,
  };
}

/**
 * What the tray says about the whole, as one string: its state, the down
 * count, the summary and the snooze and pause entries, in the language of
 * `say`. Two inputs with the same head and the same profiles give models
 * that differ at most in the profiles' lines (`tray-pacing.ts`).
 */
export function trayHead(input: TrayInput): string {
  const tz = input.timeZone ?? systemTimeZone();
  const f = gatherFacts(input);
  const until = f.snoozed && input.snooze.until !== null ? input.snooze.until : null;
  const say = input.say ?? sayEnglish;
  return [
    trayState(input, f),
    downCount(f),
    summary(input, f, tz),
    until === null ? '' : formatLocalHm(until, tz),
    input.snooze.paused,
    localeOf(say),
  ].join('\u0000');
}

/**
 * Build the whole tray model. See {@link trayTooltipLines} for the tooltip,
 * and the module's private `healthState` / `trayState` / `downCount` docs for
 * the state precedence and the icon number, summarised here:
 *
 * - state: `no-profiles` › `snoozed` (snooze running or paused) › `offline`
 *   (no enabled profile connected) › `down` (a connection lost, a non-dev
 *   shard down, or a critical incident) › `degraded` (any other open
 *   incident, or degraded/stalled/missing shards) › `ok`.
 * - `downCount`: non-dev shards down on connected enabled profiles + 1 per
 *   enabled profile whose connection is lost. Computed in every state.
 * - menu: a disabled header, one item per profile (`profile:<id>`), Open,
 *   the Snooze submenu (`snooze:off` only while snoozed), the Pause checkbox,
 *   Quit. Everything is reachable from the menu because Linux trays often
 *   ignore clicks.
 */
export function buildTrayModel(input: TrayInput): TrayModel {
  const tz = input.timeZone ?? systemTimeZone();
  const f = gatherFacts(input);
  const state = trayState(input, f);
  const tooltipLines = trayTooltipLines(input);
  const profiles = sortedProfiles(input.profiles);
  const say = input.say ?? sayEnglish;
  const locale = localeOf(say);
  const menu: TrayMenuItem[] = [
    { id: 'header', label: `Shardwatch — ${summary(input, f, tz)}`, enabled: false },
    ...profiles.map((p) => ({
      id: `profile:${p.id}`,
      label: lineOf(p, input.status[p.id], say, locale),
    })),
  ];
  if (profiles.length === 0)
    menu.push({ id: 'no-profiles', label: say('tray.noProfilesMenu'), enabled: false });
  menu.push(
    { id: 'separator:1', label: '', type: 'separator' },
    { id: 'open', label: say('tray.open') },
    snoozeMenu(input, f, tz),
    {
      id: 'pause',
      label: say('tray.pauseAll'),
      type: 'checkbox',
      checked: input.snooze.paused,
    },
    { id: 'separator:2', label: '', type: 'separator' },
    { id: 'quit', label: say('tray.quit') },
  );
  return {
    state,
    icon: state,
    downCount: downCount(f),
    tooltip: tooltipLines.join('\n'),
    menu,
  };
}
