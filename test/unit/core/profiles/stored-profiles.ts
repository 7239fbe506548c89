/**
 * A profiles file as an older Shardwatch wrote it, for the tests of what
 * loads from it (fields added later get their defaults).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultProfileInput } from '../../../../shared/profile-validation';

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

/** A stored profile named `Bot <id>` with the default fields and no secrets, plus `extra`. */
export function defaultStoredProfile(
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const {
    publicKey: _pk,
    secret: _s,
    ...fields
  } = {
    ...defaultProfileInput(),
    name: `Bot ${id}`,
    botId: '1234',
  };
  return { ...storedProfile(id, fields), ...extra };
}

/** Write `profiles.json` (schema 1) holding `profiles` into `dir`. */
export function writeProfilesFile(dir: string, profiles: Array<Record<string, unknown>>): void {
  fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, profiles }));
}
