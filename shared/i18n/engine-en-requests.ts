/**
 * The engine's answers to requests that fail, in English (docs/architecture.md
 * §4 "Two languages"): the `message` of an `ApiError` the core returns, worded
 * when the request is answered. Part of the engine catalogue (`engine-en.ts`,
 * key `request`); `engine-pt-BR-requests.ts` is typed against this one.
 */
export const requestEn = {
  /** Something a request names is gone (the handlers' one not-found answer). */
  gone: {
    profile: 'That profile no longer exists. It may have been deleted in another window.',
    incident: 'That incident no longer exists. It may have been deleted in another window.',
    channel: 'That channel no longer exists. It may have been deleted in another window.',
  },
  noChannel:
    'The request names no channel (got {got} where the name of a request belongs). Update Shardwatch or reload the window.',
  /** What came instead of a channel name. */
  got: {
    null: 'null',
    list: 'a list',
    object: 'an object',
    other: 'a {type}',
  },
  unknownChannel: 'Unknown request "{channel}". Update Shardwatch or reload the window.',
  invalid: 'The request was not valid: {why}.',
  internal: 'Something went wrong inside Shardwatch. The details are in the log; try again.',
  reportIncidentGone: 'That incident is no longer kept, so there is nothing to export.',
  reportProfileGone:
    'The profile of that incident was deleted, and its history with it; there is nothing to export.',
  testNeedsTarget: 'Choose a profile or fill in the form before testing.',
  testNeedsSecrets: 'Enter the public key and the shared secret to test the connection.',
  enterPublicKey: 'Enter the public key.',
  enterSecret: 'Enter the shared secret.',
  monitoringPaused:
    'All monitoring is paused. Choose "Resume monitoring" at the top to connect again.',
  secretsUnavailable:
    'Secrets cannot be stored right now: {description} The secret storage is not available.',
  secretStorageDesktopOnly: 'Choosing how secrets are stored is only offered in the desktop app.',
  noticeGone: 'That notice was already dismissed, perhaps in another window.',
  storeClosed: 'The profile store is closed.',
  orderIncomplete: 'The new order must list every profile exactly once.',
  orderChanged:
    'The list of profiles changed meanwhile (one was added or removed); look at it again and retry.',
  demoExists: 'A demo profile already exists.',
  passphraseShort: 'Choose a passphrase of at least {min} characters.',
  passphraseField: 'At least {min} characters.',
  channelUnreadable:
    'The address of "{name}" cannot be read on this machine; enter it again, then export.',
  shuttingDown: 'Shardwatch is shutting down.',
  /** "Add a simulator profile" (`local-simulators.ts`). */
  simulator: {
    disabled:
      'This Shardwatch was started without its built-in simulator (--no-demo), so it cannot add one. Run "npx shardwatch sim" and add a profile for the address it prints.',
    readOnly: 'The profiles file is read-only; update Shardwatch to add profiles.',
    couldNotStart:
      'The simulator could not start. The details are in the log; try again in a moment.',
    /** The new profile's name (a number follows when it is taken). */
    profileName: 'Local simulator',
    profileNameNth: 'Local simulator {n}',
  },
  demo: {
    disabled:
      'This Shardwatch runs without its demo gateway (it was started with --no-demo), so the Demo profile cannot be added. Start Shardwatch without --no-demo to get it back.',
    readOnly:
      'The profiles file is open read-only (it was written by a newer Shardwatch), so the Demo profile cannot be added. Update Shardwatch to change profiles.',
    present: 'The Demo profile is already in your list (as "{name}"); open the Overview to see it.',
    presentNow: 'The Demo profile is already in your list.',
    couldNotStart:
      'The demo gateway could not start. The details are in the log; try again in a moment.',
    marker:
      'Could not remove {file} ({code}), which keeps the Demo away. Check that your user can write to {dir}, then try again.',
  },
};
