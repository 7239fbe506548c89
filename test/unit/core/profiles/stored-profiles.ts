/**
 * A profiles file as an older Shardwatch wrote it, for the tests of what
 * loads from it (fields added later get their defaults).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One stored profile: `fields` plus the store's own fields, without secrets. */
export function storedProfile(
  id: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...fields,
    id,
    demo: false,
    createdAt: 1,
    updatedAt: 1,
    publicKeyCipher: null,
    secretCipher: null,
    cipherBackend: null,
  };
}

/** Write `profiles.json` (schema 1) holding `profiles` into `dir`. */
export function writeProfilesFile(dir: string, profiles: Array<Record<string, unknown>>): void {
  fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, profiles }));
}
