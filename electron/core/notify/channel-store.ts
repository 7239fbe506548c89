/**
 * Notification channels, kept in `channels.json` in the data folder. The
 * webhook URL and signing secret are sealed by the {@link SecretCipher} (as
 * the profiles' gateway keys are) before they reach the file, and are only
 * handed out by {@link ChannelStore.secretsOf}, which is core-only: the
 * renderer sees the host and `hasUrl` / `hasSigningSecret`.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type {
  ChannelFields,
  ChannelInput,
  ChannelView,
  DesktopAlertSettings,
} from '../../../shared/alerting';
import { channelInputValidator, desktopAlertSettingsValidator } from '../../../shared/alerting';
import type { SecretEdit } from '../../../shared/profile-model';
import { arrayOf, nullable, num, object, str } from '../../../shared/validate';
import type { Clock } from '../../../shared/clock';
import { notFound } from '../../../shared/i18n/not-found';
import { sayEnglish, type NoticeText, type Say } from '../../../shared/i18n/translator';
import type { SecretCipher } from '../profiles/secret-cipher';
import { checkChannelInput, hostOf } from './channel-rules';
import { readJsonFile, writeJsonFile } from './json-file';

/** File name of the channel list in the data folder. */
export const CHANNELS_FILE = 'channels.json';
/** Most channels one installation keeps. */
export const MAX_CHANNELS = 50;

/** A channel as stored: fields plus ciphertext, never a secret in clear. */
export interface StoredChannel extends ChannelFields {
  id: string;
  createdAt: number;
  updatedAt: number;
  urlCipher: string | null;
  signingSecretCipher: string | null;
  mutedUntil: number | null;
}

interface ChannelsFile {
  version: number;
  channels: StoredChannel[];
  desktop: DesktopAlertSettings;
}

/** Decrypted secrets of one channel, for sending only. */
export interface ChannelSecrets {
  url: string | null;
  signingSecret: string | null;
  /** Why they could not be read; never contains a secret. */
  error: string | null;
}

const storedValidator = arrayOf((v: unknown, p: string) => {
  if (typeof v !== 'object' || v === null)
    return { ok: false as const, error: `${p} must be an object` };
  const rec = v as Record<string, unknown>;
  const fields = channelInputValidator(
    {
      name: rec.name,
      kind: rec.kind,
      enabled: rec.enabled,
      routing: rec.routing,
      quietHours: rec.quietHours,
      remindEveryMin: rec.remindEveryMin,
      sendRecoveries: rec.sendRecoveries,
    },
    p,
  );
  if (!fields.ok) return fields;
  const extra = object<Omit<StoredChannel, keyof ChannelFields>>({
    id: str({ min: 1, max: 200 }),
    createdAt: num({ min: 0 }),
    updatedAt: num({ min: 0 }),
    urlCipher: nullable(str({ max: 64 * 1024 })),
    signingSecretCipher: nullable(str({ max: 64 * 1024 })),
    mutedUntil: nullable(num({ min: 0 })),
  })(
    {
      id: rec.id,
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
      urlCipher: rec.urlCipher,
      signingSecretCipher: rec.signingSecretCipher,
      mutedUntil: rec.mutedUntil,
    },
    p,
  );
  if (!extra.ok) return extra;
  const { url: _url, signingSecret: _secret, ...plain } = fields.value;
  return { ok: true as const, value: { ...plain, ...extra.value } };
}, MAX_CHANNELS);

const fileValidator = object<ChannelsFile>({
  version: num({ int: true, min: 1 }),
  channels: storedValidator,
  desktop: desktopAlertSettingsValidator,
});

/** Options of {@link createChannelStore}. */
export interface ChannelStoreOptions {
  dir: string;
  cipher: SecretCipher;
  clock: Clock;
  /** A problem the user should hear about (a damaged file moved aside). */
  onProblem?: (text: NoticeText) => void;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** Channel storage. */
export interface ChannelStore {
  readonly filePath: string;
  list(): StoredChannel[];
  get(id: string): StoredChannel | null;
  /** The renderer's view, without queue figures (the hub adds those). */
  view(ch: StoredChannel): Omit<ChannelView, 'queued' | 'lastDelivery'>;
  /** Core-only: decrypted secrets. */
  secretsOf(id: string): ChannelSecrets;
  create(input: ChannelInput): ApiResult<StoredChannel>;
  update(id: string, input: ChannelInput): ApiResult<StoredChannel>;
  delete(id: string): ApiResult<null>;
  setMuted(id: string, until: number | null): ApiResult<StoredChannel>;
  desktop(): DesktopAlertSettings;
  setDesktop(settings: DesktopAlertSettings): ApiResult<DesktopAlertSettings>;
  /** Add channels from an import (secrets in clear, sealed here). */
  addImported(
    items: Array<{ fields: ChannelFields; url: string; signingSecret: string | null }>,
  ): ApiResult<number>;
}

/** Open (or create on first write) the channel store. */
export function createChannelStore(opts: ChannelStoreOptions): ChannelStore {
  const filePath = path.join(opts.dir, CHANNELS_FILE);
  const say = opts.say ?? sayEnglish;
  let file: ChannelsFile = {
    version: 1,
    channels: [],
    desktop: { remindEveryMin: 0, sendRecoveries: true },
  };
  const read = readJsonFile(filePath, fileValidator, opts.clock.wallNow());
  if (read.kind === 'ok') file = read.value;
  else if (read.kind === 'damaged') {
    opts.onProblem?.(
      read.movedTo
        ? { key: 'notice.channelsMoved', params: { reason: read.reason, movedTo: read.movedTo } }
        : { key: 'notice.channelsStuck', params: { reason: read.reason, file: filePath } },
    );
  }

  function save(next: ChannelsFile): ApiResult<null> {
    const err = writeJsonFile(filePath, next);
    if (err !== null)
      return apiError('internal', say('store.notSavedCheckFolder', { reason: err, dir: opts.dir }));
    file = next;
    return apiOk(null);
  }

  function seal(edit: SecretEdit, current: string | null): string | null {
    if (edit === undefined) return current;
    if (edit === null || edit.trim() === '') return null;
    return opts.cipher.encrypt(edit.trim());
  }

  function open(sealed: string | null): { value: string | null; error: string | null } {
    if (sealed === null) return { value: null, error: null };
    try {
      return { value: opts.cipher.decrypt(sealed), error: null };
    } catch (e) {
      return { value: null, error: e instanceof Error ? e.message : 'it could not be decrypted' };
    }
  }

  function pickFields(input: ChannelInput): ChannelFields {
    return {
      name: input.name.trim(),
      kind: input.kind,
      enabled: input.enabled,
      routing: {
        profileIds:
          input.routing.profileIds === null ? null : [...new Set(input.routing.profileIds)],
        minSeverity: input.routing.minSeverity,
      },
      quietHours: { ...input.quietHours },
      remindEveryMin: input.remindEveryMin,
      sendRecoveries: input.sendRecoveries,
    };
  }

  function checked(input: ChannelInput, hasUrl: boolean): ApiResult<null> {
    const errors = checkChannelInput(input, { hasUrl });
    if (Object.keys(errors).length > 0)
      return apiError('validation', say('store.fieldsNeedAttention'), errors);
    if (!opts.cipher.isAvailable())
      return apiError('unavailable', say('store.channelSecretsUnavailable'));
    return apiOk(null);
  }

  const store: ChannelStore = {
    filePath,
    list: () => file.channels.map((c) => structuredClone(c)),
    get: (id) => {
      const c = file.channels.find((x) => x.id === id);
      return c ? structuredClone(c) : null;
    },
    view(ch) {
      const url = open(ch.urlCipher);
      const secret = open(ch.signingSecretCipher);
      const { urlCipher: _u, signingSecretCipher: _s, ...rest } = ch;
      return {
        ...structuredClone(rest),
        host: url.value === null ? null : hostOf(url.value),
        hasUrl: ch.urlCipher !== null,
        hasSigningSecret: ch.signingSecretCipher !== null,
        secretNeedsReentry: url.error !== null || secret.error !== null,
      };
    },
    secretsOf(id) {
      const ch = file.channels.find((x) => x.id === id);
      if (!ch) return { url: null, signingSecret: null, error: say('request.gone.channel') };
      const url = open(ch.urlCipher);
      const secret = open(ch.signingSecretCipher);
      return { url: url.value, signingSecret: secret.value, error: url.error ?? secret.error };
    },
    create(input) {
      if (file.channels.length >= MAX_CHANNELS)
        return apiError('conflict', say('store.tooManyChannels', { max: MAX_CHANNELS }));
      const ok = checked(input, false);
      if (!ok.ok) return ok;
      const now = opts.clock.wallNow();
      const ch: StoredChannel = {
        ...pickFields(input),
        id: randomUUID(),
        createdAt: now,
        updatedAt: now,
        urlCipher: seal(input.url, null),
        signingSecretCipher: seal(input.signingSecret, null),
        mutedUntil: null,
      };
      const r = save({ ...file, channels: [...file.channels, ch] });
      return r.ok ? apiOk(structuredClone(ch)) : r;
    },
    update(id, input) {
      const old = file.channels.find((x) => x.id === id);
      if (!old) return notFound('channel', say);
      const ok = checked(input, old.urlCipher !== null);
      if (!ok.ok) return ok;
      // A new address must not inherit a secret meant for the old one.
      const urlChanged = typeof input.url === 'string';
      const ch: StoredChannel = {
        ...old,
        ...pickFields(input),
        updatedAt: opts.clock.wallNow(),
        urlCipher: seal(input.url, old.urlCipher),
        signingSecretCipher: seal(
          input.signingSecret,
          urlChanged && input.signingSecret === undefined ? null : old.signingSecretCipher,
        ),
      };
      const r = save({ ...file, channels: file.channels.map((x) => (x.id === id ? ch : x)) });
      return r.ok ? apiOk(structuredClone(ch)) : r;
    },
    delete(id) {
      if (!file.channels.some((x) => x.id === id))
        return apiError('not-found', say('store.channelAlreadyDeleted'));
      return save({ ...file, channels: file.channels.filter((x) => x.id !== id) });
    },
    setMuted(id, until) {
      const old = file.channels.find((x) => x.id === id);
      if (!old) return notFound('channel', say);
      const ch = { ...old, mutedUntil: until };
      const r = save({ ...file, channels: file.channels.map((x) => (x.id === id ? ch : x)) });
      return r.ok ? apiOk(structuredClone(ch)) : r;
    },
    desktop: () => ({ ...file.desktop }),
    setDesktop(settings) {
      const r = save({ ...file, desktop: { ...settings } });
      return r.ok ? apiOk({ ...settings }) : r;
    },
    addImported(items) {
      if (file.channels.length + items.length > MAX_CHANNELS)
        return apiError('conflict', say('store.importTooManyChannels', { max: MAX_CHANNELS }));
      const now = opts.clock.wallNow();
      const added = items.map((x) => ({
        ...x.fields,
        id: randomUUID(),
        createdAt: now,
        updatedAt: now,
        urlCipher: opts.cipher.encrypt(x.url),
        signingSecretCipher: x.signingSecret === null ? null : opts.cipher.encrypt(x.signingSecret),
        mutedUntil: null,
      }));
      const r = save({ ...file, channels: [...file.channels, ...added] });
      return r.ok ? apiOk(added.length) : r;
    },
  };
  return store;
}
