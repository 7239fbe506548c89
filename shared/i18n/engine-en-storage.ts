/**
 * What the engine tells about its own files, in English (docs/architecture.md
 * §4 "Two languages"): history, uptime and shard-analytics disk trouble (key
 * `disk`, `history/disk-trouble.ts`) and the file-key cipher's problems and
 * description (key `keyFile`, `profiles/secret-cipher.ts`). Kept as keys with
 * parameters (notices), so they follow the user's language and their ids do
 * not depend on it. `engine-pt-BR-storage.ts` is typed against this one.
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

export const keyFileEn = {
  unreadable:
    'The key file {file} could not be read ({code}), so stored secrets cannot be read and new ones cannot be saved. Check that your user can read it (and that it is a file), then restart Shardwatch.',
  stuck:
    'The key file {file} is damaged and could not be moved aside ({code}); move it away yourself to have a new one made, then enter your secrets again.',
  replaced:
    'The key file {file} was damaged: it was moved to {movedTo} and a new key was made. Secrets saved before cannot be decrypted with the new key; the profiles that had them say "secrets unreadable": enter the secrets again in each.',
  /** How secrets are kept (Settings → secret storage). */
  described:
    'Secrets are encrypted with AES-256-GCM using a key kept in {file} (readable only by your user). Anyone who can read your user files can decrypt them; the desktop app uses the system keychain instead.',
  sessionOnly:
    'Secrets are kept for this session only: they are encrypted with a key held in memory, nothing that could decrypt them is written to disk, and you enter them again after Shardwatch restarts.',
};
