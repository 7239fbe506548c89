/**
 * Export and import of profiles for the profile store: which profiles go out
 * (never the demo), how secrets are sealed under a passphrase, and how an
 * import is checked and turned into new, disabled profiles. A profile is
 * "already here" by its identity (its id, exported beside the fields), not
 * its name: another profile of the same name comes in under a free name,
 * copies made with Duplicate come back as the separate profiles they are,
 * and one already here is skipped and listed, or imported as a copy when
 * asked. The file format itself is in export-format.ts.
 */
import type { ApiResult, ExportArgs, ExportFile, ImportArgs } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { ImportReport } from '../../../shared/command-results';
import type { ProfileFields } from '../../../shared/profile-model';
import { MAX_NAME_LENGTH, validateProfileInput } from '../../../shared/profile-validation';
import type { ExportedSecrets } from './export-format';
import { buildExportContent, MIN_PASSPHRASE_LENGTH, parseExportContent } from './export-format';
import { fileStamp } from './profile-file';
import type { SecretKeeper } from './profile-secrets';
import type { StoredProfile } from './stored-file';
import { pickProfileFields } from './stored-file';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';

/** What the transfer needs from the store. */
export interface TransferContext {
  profiles: readonly StoredProfile[];
  keeper: SecretKeeper;
  cipherAvailable: boolean;
  /** `SecretStorageInfo.backend` of the cipher sealing new values. */
  cipherBackend: string;
  now: number;
  newId: (taken: Set<string>) => string;
  /** The store's "secret storage unavailable" error. */
  cipherUnavailable: () => ApiResult<never>;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** The messages of a validation result's `errors`, without the empty ones. */
export function definedOnly(rec: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) if (v !== undefined) out[k] = v;
  return out;
}

/** Two profiles watch the same thing: same URL, bot id and shard. */
function duplicateKey(p: ProfileFields): string {
  let url = p.url.trim();
  try {
    url = new URL(url).href;
  } catch {
    // An unparsable URL is compared as written.
  }
  return `${url}\u0000${p.botId.trim()}\u0000${p.shardIn}`;
}

/** Build an export; `unreadableChanged` tells the store to push the list again. */
export function exportProfiles(
  ctx: TransferContext,
  args: ExportArgs,
): { result: ApiResult<ExportFile>; unreadableChanged: boolean } {
  if (args.includeSecrets) {
    const pass = args.passphrase ?? '';
    if (pass.length < MIN_PASSPHRASE_LENGTH)
      return {
        result: apiError('validation', (ctx.say ?? sayEnglish)('store.fieldsNeedAttention'), {
          passphrase: (ctx.say ?? sayEnglish)('transfer.shortPassphrase', {
            min: MIN_PASSPHRASE_LENGTH,
          }),
        }),
        unreadableChanged: false,
      };
    if (!ctx.cipherAvailable) return { result: ctx.cipherUnavailable(), unreadableChanged: false };
  }
  // The demo profile runs the built-in simulator; another install makes its own.
  const chosen = ctx.profiles.filter((p) => !p.demo);
  const profiles = chosen.map((p) => pickProfileFields(p as unknown as Record<string, unknown>));
  let sealed: { secrets: ExportedSecrets[]; passphrase: string } | null = null;
  let changed = false;
  if (args.includeSecrets) {
    const secrets = chosen.map((p) => {
      const r = ctx.keeper.exportValues(p);
      if (r.changed) changed = true;
      return r.values;
    });
    sealed = { secrets, passphrase: args.passphrase ?? '' };
  }
  return {
    result: apiOk({
      fileName: `shardwatch-profiles-${fileStamp(ctx.now)}.json`,
      content: buildExportContent(
        profiles,
        ctx.now,
        sealed,
        chosen.map((p) => p.id),
      ),
    }),
    unreadableChanged: changed,
  };
}

/** `name`, or `name (2)`… (`name (copy)`… for a copy) when a profile here has it. */
function freeName(name: string, taken: ReadonlySet<string>, copy: boolean, say: Say): string {
  const base = copy ? say('store.copyName', { name }) : name;
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const next = copy ? say('store.copyNameNth', { name, n }) : `${name} (${n})`;
    if (!taken.has(next.toLowerCase())) return next.slice(0, MAX_NAME_LENGTH);
  }
}

/** Check an import and build the profiles to add (nothing is stored here). */
export function importProfiles(
  ctx: TransferContext,
  args: ImportArgs,
): ApiResult<{ added: StoredProfile[]; report: ImportReport }> {
  const say = ctx.say ?? sayEnglish;
  const parsed = parseExportContent(args.content, args.passphrase, say);
  if (!parsed.ok)
    return apiError(parsed.error.code, parsed.error.message, parsed.error.fieldErrors);
  const { profiles: incoming, secrets } = parsed.value;
  if (secrets && !ctx.cipherAvailable) return ctx.cipherUnavailable();

  for (const fields of incoming) {
    // Secrets are checked by presence later (enabling requires them); the rest must be sound.
    const result = validateProfileInput(fields, { hasPublicKey: true, hasSecret: true });
    if (!result.ok) {
      const [field, message] = Object.entries(definedOnly(result.errors))[0] ?? ['', ''];
      return apiError(
        'bad-request',
        say('transfer.profileInvalid', {
          name: fields.name.slice(0, MAX_NAME_LENGTH),
          field,
          message,
        }),
      );
    }
  }

  const names = new Set(ctx.profiles.map((p) => p.name.trim().toLowerCase()));
  // Only profiles already here count as "the same": two entries of one file
  // (a profile and its copy) are two profiles.
  const here = new Set(ctx.profiles.map((p) => p.id));
  const hereKeys = new Set(ctx.profiles.map(duplicateKey));
  const copies = new Set(args.asCopies ?? []);
  const ids = new Set(here);
  const skipped: string[] = [];
  const skippedIndexes: number[] = [];
  const added: StoredProfile[] = [];
  incoming.forEach((fields, i) => {
    const fileId = parsed.value.ids[i] ?? null;
    const same = fileId !== null ? here.has(fileId) : hereKeys.has(duplicateKey(fields));
    const asCopy = same && copies.has(i);
    if (same && !asCopy) {
      skipped.push(fields.name.trim());
      skippedIndexes.push(i);
      return;
    }
    const name = freeName(fields.name.trim(), names, asCopy, say);
    names.add(name.toLowerCase());
    const s = secrets?.[i];
    // The profile keeps its identity where it is free, so a later import of
    // the same file knows it; a copy gets a new one.
    const id = fileId !== null && !asCopy && !ids.has(fileId) ? fileId : ctx.newId(ids);
    ids.add(id);
    const publicKeyCipher = s?.publicKey ? ctx.keeper.seal(s.publicKey) : null;
    const secretCipher = s?.secret ? ctx.keeper.seal(s.secret) : null;
    added.push({
      ...fields,
      name,
      id,
      // An imported profile connects only once the user has looked at it and enabled it.
      enabled: false,
      // The acknowledgement of plain ws:// is the importing user's to give, not the file's.
      allowInsecure: false,
      demo: false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      publicKeyCipher,
      secretCipher,
      cipherBackend: ctx.cipherBackend,
      // The export format checked that the secrets were exported for this address.
      secretsFor: ctx.keeper.bindingFor(fields.url, publicKeyCipher, secretCipher),
    });
  });
  return apiOk({
    added,
    report: {
      imported: added.length,
      skippedDuplicates: skipped,
      skippedIndexes,
      withSecrets: secrets !== null,
    },
  });
}
