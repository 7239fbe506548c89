/**
 * Why each mutant left by `npm run test:mutation` may stay, one file per part
 * of the scope (the groups of stryker.config.mjs). `npm run
 * test:mutation:survivors` matches these to the report and fails on a
 * survivor none of them names. Entries are TypeScript rather than JSON so the
 * type checker holds them to the shape of `SurvivorReason`, comments can say
 * more than the listed reason, and one reason can be shared by several entries.
 */
import type { SurvivorReason } from '../survivor-list';
import { ALERTS } from './alerts';
import { CIPHER_REASONS } from './cipher';
import { CODEC_REASONS } from './codec';
import { FIGURES } from './figures';
import { LOCK_REASONS } from './lock';
import { NOTIFY } from './notify';
import { PROFILE_STORAGE } from './profile-storage';
import { PROFILE_VALIDATION } from './profile-validation';
import { SECRET_SCRUB } from './secret-scrub';
import { SERVE } from './serve';

export const REASONS: readonly SurvivorReason[] = [
  ...CODEC_REASONS,
  ...SECRET_SCRUB,
  ...SERVE,
  ...PROFILE_VALIDATION,
  ...PROFILE_STORAGE,
  ...FIGURES,
  ...ALERTS,
  ...CIPHER_REASONS,
  ...LOCK_REASONS,
  ...NOTIFY,
];
