/**
 * Channel export files: channel settings in clear, webhook URLs and signing
 * secrets always sealed with AES-256-GCM under a key derived from a
 * passphrase by scrypt, with the same parameters as profile exports. The
 * channels' kinds and names are the associated data, so a file edited to
 * send a sealed URL somewhere else fails to open as a wrong passphrase does.
 * Parsing treats the file as hostile.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { ChannelFields } from '../../../shared/alerting';
import { channelInputValidator } from '../../../shared/alerting';
import { arrayOf, num, object, oneOf, str } from '../../../shared/validate';
import { MIN_PASSPHRASE_LENGTH, SCRYPT_DEFAULTS } from '../profiles/export-format';

/** `format` of a channel export file. */
export const CHANNEL_EXPORT_FORMAT = 'shardwatch-channels';
const VERSION = 1;

/** The secrets of one exported channel. */
export interface ExportedChannelSecrets {
  url: string;
  signingSecret: string | null;
}

function aad(channels: ChannelFields[]): Buffer {
  return Buffer.from(
    JSON.stringify([CHANNEL_EXPORT_FORMAT, VERSION, channels.map((c) => [c.kind, c.name])]),
  );
}

function key(passphrase: string, salt: Buffer): Buffer {
  const { N, r, p } = SCRYPT_DEFAULTS;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
}

/** Serialise channels with their secrets sealed under `passphrase`. */
export function buildChannelExport(
  channels: ChannelFields[],
  secrets: ExportedChannelSecrets[],
  passphrase: string,
  exportedAt: number,
): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(passphrase, salt), iv);
  c.setAAD(aad(channels));
  const data = Buffer.concat([c.update(JSON.stringify(secrets), 'utf8'), c.final()]);
  const doc = {
    format: CHANNEL_EXPORT_FORMAT,
    version: VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    channels,
    sealed: {
      cipher: 'aes-256-gcm',
      kdf: 'scrypt',
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: c.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const b64 = str({ min: 1, max: 20 * 1024 * 1024 });
const docValidator = object<{
  format: typeof CHANNEL_EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  channels: unknown[];
  sealed: {
    cipher: 'aes-256-gcm';
    kdf: 'scrypt';
    salt: string;
    iv: string;
    tag: string;
    data: string;
  };
}>({
  format: oneOf([CHANNEL_EXPORT_FORMAT] as const),
  version: num({ int: true, min: 1, max: VERSION }),
  exportedAt: str({ max: 100 }),
  channels: arrayOf((v) => ({ ok: true, value: v }), 50),
  sealed: object({
    cipher: oneOf(['aes-256-gcm'] as const),
    kdf: oneOf(['scrypt'] as const),
    salt: b64,
    iv: b64,
    tag: b64,
    data: b64,
  }),
});

const secretsValidator = arrayOf(
  object<ExportedChannelSecrets>({
    url: str({ min: 1, max: 4096 }),
    signingSecret: (v, p) => (v === null ? { ok: true, value: null } : str({ max: 4096 })(v, p)),
  }),
  50,
);

/** Open a channel export; says what is wrong in a sentence for the user. */
export function parseChannelExport(
  content: string,
  passphrase: string,
):
  | { ok: true; channels: ChannelFields[]; secrets: ExportedChannelSecrets[] }
  | { ok: false; error: string } {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    return {
      ok: false,
      error: `Enter the passphrase the file was sealed with (at least ${MIN_PASSPHRASE_LENGTH} characters).`,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    return { ok: false, error: 'This is not a Shardwatch channel export (it is not JSON).' };
  }
  const doc = docValidator(raw, 'the file');
  if (!doc.ok)
    return { ok: false, error: `This is not a Shardwatch channel export: ${doc.error}.` };
  const channels: ChannelFields[] = [];
  for (const [i, c] of doc.value.channels.entries()) {
    const r = channelInputValidator(c, `channel ${i + 1}`);
    if (!r.ok) return { ok: false, error: `The file is damaged: ${r.error}.` };
    const { url: _u, signingSecret: _s, ...fields } = r.value;
    channels.push(fields);
  }
  const s = doc.value.sealed;
  let plain: string;
  try {
    const d = createDecipheriv(
      'aes-256-gcm',
      key(passphrase, Buffer.from(s.salt, 'base64')),
      Buffer.from(s.iv, 'base64'),
    );
    d.setAAD(aad(channels));
    d.setAuthTag(Buffer.from(s.tag, 'base64'));
    plain = Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
  } catch {
    return {
      ok: false,
      error: 'The passphrase is wrong, or the file was changed after it was exported.',
    };
  }
  let secretsRaw: unknown;
  try {
    secretsRaw = JSON.parse(plain);
  } catch {
    return { ok: false, error: 'The file is damaged: its sealed part is not readable.' };
  }
  const secrets = secretsValidator(secretsRaw, 'the sealed part');
  if (!secrets.ok || secrets.value.length !== channels.length)
    return {
      ok: false,
      error: 'The file is damaged: its sealed part does not match its channels.',
    };
  return { ok: true, channels, secrets: secrets.value };
}
