/**
 * The engine's notices and the errors of its small stores, in English
 * (docs/architecture.md §4 "Two languages"). Notices are kept as a key and
 * parameters (`NoticeText`), worded when listed, so they follow the user's
 * language and their id does not depend on it. Part of the engine catalogue
 * (`engine-en.ts`, keys `notice` and `store`); `engine-pt-BR-stores.ts` is
 * typed against this one.
 */
export const noticeEn = {
  profilesNotOpened: 'it could not be opened: {code}',
  profilesUnreadable: 'Your profiles file could not be read ({reason}). {then}',
  profilesStuck:
    'Your profiles file {file} could not be read and could not be moved aside ({code}), so Shardwatch will not save changes until it is fixed or removed.',
  profilesRestored:
    'Your profiles file could not be read ({reason}). It was moved to {movedTo}, and Shardwatch restored the last good version, saved {savedAt} (from {backup}). Changes made after that are not in it; check your profiles.',
  profilesMovedNoBackup:
    'Your profiles file could not be read ({reason}). It was moved to {movedTo}; Shardwatch started with no profiles and found no good backup. {secrets}',
  movedSecretsSession:
    'Its secrets were kept for one session only; enter them again when you add the profiles back.',
  movedSecretsWaiting:
    'Its secrets are still encrypted; they can be read again once the secret storage works and the file is repaired.',
  movedSecretsKept:
    'Its secrets are still encrypted with the key on this computer, so nothing in it is lost if the file can be repaired: fix it (it is JSON text) and put it back as your profiles file while Shardwatch is not running, or import an export.',
  profilesNewer:
    'Your profiles file was written by a newer version of Shardwatch (schema {version}; this version knows {known}). It is open read-only so this version cannot damage it; update Shardwatch to make changes.',
  profilesProblems: '{shown}',
  profilesProblemsMore: '{shown} and {more} more',
  profilesPartsStuck:
    'Parts of your profiles file could not be read and a copy could not be saved ({code}), so Shardwatch will not save changes that would drop them.',
  profilesPartsStuckProblems: '{then} Problems: {problems}.',
  profilesPartsLeftOut:
    'Parts of your profiles file could not be read and were left out ({problems}). A copy of the original file was saved to {copy}.',
  closeHintTitle: 'Shardwatch is still running',
  closeHint:
    'Shardwatch keeps watching your gateways from the tray. Use Quit in the tray menu to stop it.',
  startFailed: 'Shardwatch could not start monitoring. The details are in the log.',
  channelsMoved:
    'The notification channels could not be read ({reason}). The file was moved to {movedTo}; add your channels again.',
  channelsStuck:
    'The notification channels could not be read ({reason}). Fix or remove {file}, then restart Shardwatch.',
  maintenanceMoved:
    'The maintenance windows could not be read ({reason}); the file was moved to {movedTo}. Add your windows again.',
  maintenanceStuck: 'The maintenance windows could not be read ({reason}).',
  queueMoved:
    'The queue of undelivered alert messages could not be read ({reason}); it was moved to {movedTo}. Messages waiting in it are lost; new alerts are delivered as usual.',
  queueStuck:
    'The queue of undelivered alert messages could not be read ({reason}). Messages waiting in it are lost; new alerts are delivered as usual.',
  queueNotSaved:
    'Undelivered alert messages could not be saved to disk: {reason}. They are kept in memory.',
  queueDroppedOne:
    "Alert messages are piling up because a channel's receiver does not take them: {count} message was dropped so far, oldest first (the queue holds {max}). Check the delivery log in Settings.",
  queueDroppedMany:
    "Alert messages are piling up because a channel's receiver does not take them: {count} messages were dropped so far, oldest first (the queue holds {max}). Check the delivery log in Settings.",
  dismissedStuck:
    'The list of notices you dismissed could not be read ({reason}) and could not be moved aside ({code}). Dismissed notices may show again after a restart until {file} is fixed or removed.',
  dismissedMoved:
    'The list of notices you dismissed could not be read ({reason}). It was moved to {movedTo}; notices you dismissed before may show again. Dismiss them again to hide them for good.',
  secretStorageChanged:
    'The system\'s secret storage changed (from {from} to {to}). Secrets saved before cannot be read with it: enter them again in the profiles marked "enter again".',
  noKeychain:
    'No system keychain was found on this computer (Electron reports "basic_text"), so secrets cannot be stored securely. Open Settings to choose: keep secrets for this session only, or store them with weak protection. Until then they are kept for this session only.',
  keychainLocked:
    '{keychain} is not available right now, so secrets are kept for this session only. Unlock it and restart Shardwatch to store them.',
  unknownKeychain:
    'Shardwatch cannot tell how this computer protects secrets ({backend}), so secrets are kept for this session only.',
  choseWeak:
    'Secrets you save from now on are stored with weak protection (a fixed key). Secrets entered earlier this session stay session-only until you enter them again.',
  choseSession:
    'Secrets are now kept for this session only. Secrets stored earlier with weak protection stay in the profiles file until you enter them again or clear them.',
};

export const storeEn = {
  notSaved: 'Not saved: {reason}.',
  notSavedCheckFolder: 'Not saved: {reason}. Check that your user can write to {dir}.',
  profilesNotSaved:
    'Could not save your profiles to {file} ({code}); the last change was not saved.',
  dismissNotSaved:
    'Shardwatch could not remember that you dismissed this notice: {reason}. Check that your user can write to {dir}, then dismiss it again.',
  fieldsNeedAttention: 'Some fields need attention.',
  addressChanged:
    'The gateway address changed: enter the public key and shared secret again (stored secrets are only sent to the address they were saved for)',
  completeBeforeEnabling: 'Complete this profile before enabling it',
  /** A copy's name (Duplicate, "import as a copy"); a number follows when it is taken. */
  copyName: '{name} (copy)',
  copyNameNth: '{name} (copy {n})',
  channelSecretsUnavailable:
    'Secrets cannot be encrypted on this machine right now, so the channel was not saved.',
  channelAlreadyDeleted: 'That channel was already deleted, perhaps in another window.',
  tooManyChannels: 'Shardwatch keeps at most {max} channels; delete one first.',
  importTooManyChannels:
    'Shardwatch keeps at most {max} channels; this import would go beyond that.',
  windowGone: 'That maintenance window no longer exists.',
  windowAlreadyDeleted: 'That maintenance window was already deleted.',
  tooManyWindows: 'Shardwatch keeps at most {max} windows; delete old ones first.',
};

/** Profile export and import (`profiles/export-format.ts`), key `transfer`. */
export const transferEn = {
  notJson:
    'This file is not valid JSON (it may be truncated or not a Shardwatch export). Nothing was imported.',
  notExport: 'This is not a Shardwatch profiles export. Nothing was imported.',
  noVersion: 'The export file has no valid version number. Nothing was imported.',
  newer:
    'This export was made by a newer Shardwatch (format version {version}); update Shardwatch to import it. Nothing was imported.',
  noProfiles: 'The export file has no list of profiles. Nothing was imported.',
  tooMany: 'The export file holds more than {max} profiles. Nothing was imported.',
  damaged: 'The export file is damaged: {detail}. Nothing was imported.',
  unknownCipher:
    'The export file uses an encryption this version does not know. Nothing was imported.',
  unsafeKdf:
    'The export file asks for key-derivation settings outside the safe range. Nothing was imported.',
  secretsDamaged: 'The encrypted secrets in the export file are damaged. Nothing was imported.',
  needsPassphrase:
    'This export holds encrypted secrets; enter the passphrase it was exported with.',
  enterPassphrase: 'Enter the passphrase used when exporting.',
  wrongPassphrase:
    'The passphrase is wrong, or the file was changed after export. Nothing was imported.',
  passphraseDoesNotOpen: 'This passphrase does not open the secrets in this file.',
  secretsMismatch:
    'The encrypted secrets do not match the profiles in the file. Nothing was imported.',
  addressChanged:
    'The address of "{name}" in this file ({now}) is not the one its secrets were exported for ({savedFor}). Secrets are only sent to the address they were saved for, so nothing was imported. Import the file as it was exported (and change the address afterwards, entering the secrets again), or import an export made without secrets and enter them in each profile.',
  unknown: 'unknown',
  shortPassphrase:
    'Choose a passphrase of at least {min} characters; it protects the secrets in the file.',
  profileInvalid:
    'Profile "{name}" in the file is not valid ({field}: {message}) Nothing was imported.',
};
