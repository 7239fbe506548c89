/** Words used on many screens: states, severities, times, buttons. */
import engineEn from '../../../../shared/i18n/engine-en';

// The connection words are the app's one vocabulary, also used by the tray and
// notifications: they live in the engine catalogue (shared/i18n/engine-en.ts).
const state = engineEn.state;

export default {
  state,
  severity: { critical: 'Critical', warning: 'Warning', info: 'Info' },
  shardState: {
    up: 'up',
    degraded: 'degraded',
    down: 'down',
    'no-data': 'no data',
    dev: 'development',
    missing: 'missing',
  },
  time: {
    justNow: 'just now',
    ago: '{span} ago',
    in: 'in {span}',
    never: 'never',
    s: '{n} s',
    min: '{n} min',
    h: '{n} h',
    hMin: '{h} h {min} min',
    d: '{n} d',
    dH: '{d} d {h} h',
  },
  noData: 'no data',
  yes: 'yes',
  no: 'no',
  loading: 'Loading…',
  refresh: 'Refresh',
  close: 'Close',
  cancel: 'Cancel',
  save: 'Save',
  edit: 'Edit',
  delete: 'Delete',
  undo: 'Undo',
  tryAgain: 'Try again',
  dismiss: 'Dismiss',
  couldNot: 'Could not {what}: {message}',
  deletedProfile: 'Deleted profile',
  demo: 'Demo',
  env: { prod: 'prod', staging: 'staging', dev: 'dev' },
  rate: '{n}/s',
  sparkline: {
    none: 'No pings yet',
    last: 'Last {n} pings',
    range: '{min} to {max}',
    noneLost: 'none lost',
    lost: '{n} lost',
  },
  /** The secret field (public keys, shared secrets, channel secrets). */
  secret: {
    reenter: 'Must be entered again',
    reenterWhy: 'the stored value could not be decrypted on this machine.',
    set: 'Set',
    setHint: '(stored, never shown)',
    notSet: 'Not set',
    replace: 'Replace',
    keep: 'Keep the stored value',
  },
};
