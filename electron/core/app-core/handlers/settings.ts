/**
 * Requests about the app as a whole: settings, profile export and import,
 * notices, the Demo profile and how secrets are stored.
 */
import type { AppApi } from '../../../../shared/api';
import { apiError } from '../../../../shared/api';
import { sayEnglish, type Say } from '../../../../shared/i18n/translator';
import type { ProfileStore } from '../../profiles/profile-store';
import type { SecretStoragePort } from '../../profiles/secret-cipher';
import type { DeltaPacer } from '../delta-pacer';
import type { LocalSimulators } from '../../local-simulators';
import type { DemoKeeper } from '../demo';
import type { NoticeBook } from '../notices';

/** The channels answered here. */
export type SettingsHandlers = Pick<
  AppApi,
  | 'command:update-settings'
  | 'command:export-profiles'
  | 'command:import-profiles'
  | 'command:dismiss-notice'
  | 'command:restore-demo'
  | 'command:add-simulator-profile'
  | 'command:choose-secret-storage'
>;

/** What the settings requests use. */
export interface SettingsHandlerDeps {
  profiles: Pick<ProfileStore, 'updateSettings' | 'exportProfiles' | 'importProfiles'>;
  notices: Pick<NoticeBook, 'dismiss' | 'add'>;
  demo: Pick<DemoKeeper, 'restore'>;
  simulators: Pick<LocalSimulators, 'add'>;
  pacer: Pick<DeltaPacer, 'markSettings'>;
  /** Where secrets are kept, when the shell decides it (desktop only). */
  secretStorage?: SecretStoragePort;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** The settings requests. */
export function settingsHandlers(d: SettingsHandlerDeps): SettingsHandlers {
  return {
    'command:update-settings': async (patch) => {
      const r = d.profiles.updateSettings(patch);
      if (r.ok) d.pacer.markSettings();
      return r;
    },
    'command:export-profiles': async (args) => d.profiles.exportProfiles(args),
    'command:import-profiles': async (args) => d.profiles.importProfiles(args),
    'command:dismiss-notice': async (id) => d.notices.dismiss(id),
    'command:restore-demo': () => d.demo.restore(),
    'command:add-simulator-profile': () => d.simulators.add(),
    'command:choose-secret-storage': async (choice) => {
      if (!d.secretStorage)
        return apiError('unavailable', (d.say ?? sayEnglish)('request.secretStorageDesktopOnly'));
      const { result, notice } = d.secretStorage.choose(choice);
      if (notice) d.notices.add('info', notice);
      return result;
    },
  };
}
