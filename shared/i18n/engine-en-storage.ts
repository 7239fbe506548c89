/**
 * What the engine tells about its own files, in English (docs/architecture.md
 * §4 "Two languages"): history, uptime and shard-analytics disk trouble (key
 * `disk`, `history/disk-trouble.ts`), the key file's problems and how secrets
 * are kept (key `secrets`, `profiles/secret-cipher.ts`,
 * `main/safe-storage-cipher.ts`). Kept as keys with parameters, so they follow
 * the user's language and a notice's id does not depend on it. `engine-pt-BR-storage.ts` is typed against this one.
 */
export const diskEn = {
  /** Why a history file cannot be used (the `{reason}` of the sentences below). */
  reason: {
    locked: 'the history database is locked by another program',
    full: 'the disk is full',
    readOnly: '{file} or its folder is read-only',
    cantOpen: '{file} cannot be opened (check that its folder exists and is writable)',
    ioError: 'the disk reported an input/output error',
    damaged: '{file} is damaged or not a database',
    folderNotWritable: 'the folder of {file} is not writable',
    folderBlocked: 'the folder for {file} cannot be created (a file is in the way)',
    newer:
      'the history file is from a newer version of Shardwatch (schema {found}, this version understands {known})',
    unknown: 'unknown error',
  },
  cannotSave: 'History could not be saved: {reason}. Monitoring continues; charts may have gaps.',
  cannotRead: 'History could not be read: {reason}. Monitoring continues; charts may have gaps.',
  movedAside:
    'History could not be read ({reason}); the damaged file was moved to {movedTo} and a new history was started. Monitoring continues.',
  lostOnClose:
    'History could not be saved before closing ({reason}); {samples} recent samples and {events} timeline events were discarded.',
  shardsLostOnClose:
    'Shard history could not be saved before closing ({reason}); {count} recent shard state changes were discarded.',
  uptimeNotSaved:
    'Uptime history could not be saved ({reason}). Monitoring continues; uptime figures may miss this time.',
};

/** How secrets are kept (Settings → secret storage) and the key file's problems (notices). */
export const secretsEn = {
  keyUnreadable:
    'The key file {file} could not be read ({code}), so stored secrets cannot be read and new ones cannot be saved. Check that your user can read it (and that it is a file), then restart Shardwatch.',
  keyStuck:
    'The key file {file} is damaged and could not be moved aside ({code}); move it away yourself to have a new one made, then enter your secrets again.',
  keyReplaced:
    'The key file {file} was damaged: it was moved to {movedTo} and a new key was made. Secrets saved before cannot be decrypted with the new key; the profiles that had them say "secrets unreadable": enter the secrets again in each.',
  fileKey:
    'Secrets are encrypted with AES-256-GCM using a key kept in {file} (readable only by your user). Anyone who can read your user files can decrypt them; the desktop app uses the system keychain instead.',
  sessionOnly:
    'Secrets are kept for this session only: they are encrypted with a key held in memory, nothing that could decrypt them is written to disk, and you enter them again after Shardwatch restarts.',
  keychain:
    'Secrets are encrypted with {keychain}, so only your user account on this computer can read them.',
  weakChosen:
    'No system keychain was found, and you chose to store secrets anyway: they are encrypted with a fixed key built into Electron, which anyone who can read your files can undo. Install and unlock a keyring (GNOME Keyring or KWallet) for real protection, or switch to session-only.',
  choose:
    'No system keychain was found, so secrets cannot be stored securely. Choose: keep secrets for this session only (you enter them again after a restart), or store them with weak protection (a fixed key anyone with your files can undo). Until you choose, they are kept for this session only.',
  sessionNoKeychain:
    '{sessionOnly} No system keychain was found, and you chose not to store secrets on disk.',
  sessionLocked: '{sessionOnly} {keychain} is not available right now.',
  /** A profile's stored secrets that cannot be used (its status, the editor's fields). */
  otherAddress:
    'The stored secrets of "{name}" were saved for {from} and are only sent there; enter them again to use them with {to}.',
  anotherAddress: 'another address',
  thisAddress: 'this address',
  newAddress: 'the new address',
  storageUnavailable:
    'Secrets unreadable, enter them again: the secret storage is not available, so the stored secrets of "{name}" cannot be read.',
  undecryptable: {
    both: 'Secrets unreadable, enter them again: the stored public key and secret of "{name}" could not be decrypted on this computer. Enter them again in the profile editor.',
    publicKey:
      'Secrets unreadable, enter it again: the stored public key of "{name}" could not be decrypted on this computer. Enter it again in the profile editor.',
    secret:
      'Secrets unreadable, enter it again: the stored shared secret of "{name}" could not be decrypted on this computer. Enter it again in the profile editor.',
  },
  addressChanged: {
    publicKey:
      'The gateway address changed to {to}: enter the public key again. The stored one is only sent to {from}, the address it was saved for.',
    secret:
      'The gateway address changed to {to}: enter the shared secret again. The stored one is only sent to {from}, the address it was saved for.',
  },
  storedUnreadable: {
    publicKey: 'The stored public key could not be decrypted on this computer; enter it again.',
    secret: 'The stored secret could not be decrypted on this computer; enter it again.',
  },
};

/** Why Shardwatch cannot use its data folder (`data-folder/lock.ts`, the desktop app's dialog, `serve`). */
export const dataFolderEn = {
  busy: "The data folder {folder} is already in use by {who}. Two Shardwatch processes on one folder would overwrite each other's changes. Stop that one first, or start this one with --data-dir <another folder>.",
  busyAway:
    "The data folder {folder} is already in use by {who}. Two Shardwatch processes on one folder would overwrite each other's changes. Stop that one first, or start this one with --data-dir <another folder>. If no Shardwatch is running on {host}, delete {file}.",
  another: 'another Shardwatch',
  holder: '{program} (PID {pid}, started {when})',
  holderAway: '{program} (PID {pid} on {host}, started {when})',
  cannotLock:
    'The data folder {folder} could not be locked ({code}). Check that your user can write to it, or start Shardwatch with --data-dir <another folder>.',
  lockUnreadable:
    'The lock file {file} could not be read ({code}). If no other Shardwatch is running, delete it, or start Shardwatch with --data-dir <another folder>.',
  isFile: 'The data folder {folder} is a file, not a folder; choose another with --data-dir.',
  cannotCreate:
    'The data folder {folder} cannot be created ({code}); choose another with --data-dir.',
  dialogTitle: 'Shardwatch cannot use this data folder',
};
