/**
 * The desktop app's profiles file through electron-store (docs/architecture.md
 * §4: settings and profiles through electron-store in Electron). It is
 * `conf` underneath with the same options, so the file it writes is the one
 * browser mode and the CLI read and write (profile-file.ts), and the core's
 * recovery, backups and validation are the same in every mode.
 */
import ElectronStore from 'electron-store';
import type { ProfileFileBackendFactory } from '../core/profiles/profile-file';
import { PROFILE_FILE_CONF_OPTIONS } from '../core/profiles/profile-file';
import type { StoreFile } from '../core/profiles/stored-file';

/** The profile file backend of the desktop app. */
export const createElectronStoreBackend: ProfileFileBackendFactory = ({ dir, configName }) => {
  let store: ElectronStore<StoreFile> | null = null;
  return {
    write(doc) {
      // Made on first write: the core validates the file (and moves a damaged one aside) first.
      store ??= new ElectronStore<StoreFile>({
        cwd: dir,
        name: configName,
        ...PROFILE_FILE_CONF_OPTIONS,
      });
      store.store = structuredClone(doc);
    },
  };
};
