/**
 * "Add a simulator profile": a gateway simulator on loopback with known
 * credentials and a normal profile that reaches it, so a new user has a
 * working profile of their own in one click. The simulator is started by a
 * port the composition root passes in (the core never imports the
 * simulator, docs/architecture.md §2), like the Demo gateway. The ids of
 * these profiles are kept in the data folder so their simulators start
 * again with the app; deleting the profile stops its simulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'atomically';
import type { ApiResult } from '../../shared/api';
import { apiError, apiOk } from '../../shared/api';
import { sayEnglish, type Say } from '../../shared/i18n/translator';
import type { DemoGateway } from '../../shared/demo-gateway';
import type { ProfileInput, ProfileView } from '../../shared/profile-model';
import { nextProfileColor } from '../../shared/profile-colors';
import { pickProfileFields } from './profiles/stored-file';

/** File in the data folder listing the profile ids that own a local simulator. */
export const LOCAL_SIMULATORS_FILE = 'local-simulators.json';

/** What the local simulators need from the profile store. */
export interface SimulatorProfiles {
  list(): ProfileView[];
  get(id: string): ProfileView | null;
  create(input: ProfileInput): ApiResult<ProfileView>;
  update(id: string, input: ProfileInput): ApiResult<ProfileView>;
  readonly readOnly: boolean;
}

/** Handle of {@link createLocalSimulators}. */
export interface LocalSimulators {
  /** Start a simulator and add a profile for it. */
  add(): Promise<ApiResult<ProfileView>>;
  /** Start the simulators of remembered profiles again and point the profiles at them. */
  resume(): Promise<void>;
  /** Stop the simulators of profiles that no longer exist. */
  reconcile(): void;
  dispose(): Promise<void>;
}

/** Create the local simulators of one core. */
export function createLocalSimulators(deps: {
  dataDir: string;
  start: (() => Promise<DemoGateway>) | undefined;
  profiles: SimulatorProfiles;
  log: (line: string) => void;
  /** Words the errors and the new profile's name (the user's language); English by default. */
  say?: Say;
}): LocalSimulators {
  const say = deps.say ?? sayEnglish;
  const running = new Map<string, DemoGateway>();
  const file = join(deps.dataDir, LOCAL_SIMULATORS_FILE);

  function remembered(): string[] {
    if (!existsSync(file)) return [];
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch (err) {
      deps.log(`local simulators: ${LOCAL_SIMULATORS_FILE} unreadable, ignored (${String(err)})`);
      return [];
    }
  }

  function remember(): void {
    try {
      writeFileSync(file, `${JSON.stringify([...running.keys()])}\n`, { mode: 0o600 });
    } catch (err) {
      deps.log(`local simulators: could not write ${LOCAL_SIMULATORS_FILE} (${String(err)})`);
    }
  }

  function freeName(): string {
    const taken = new Set(deps.profiles.list().map((p) => p.name.trim().toLowerCase()));
    for (let n = 1; ; n++) {
      const name =
        n === 1
          ? say('request.simulator.profileName')
          : say('request.simulator.profileNameNth', { n });
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  async function startOne(): Promise<DemoGateway | null> {
    if (!deps.start) return null;
    try {
      return await deps.start();
    } catch (err) {
      deps.log(
        `local simulator could not start: ${err instanceof Error ? err.message : String(err)}`,
      );
      return null;
    }
  }

  return {
    async add() {
      if (!deps.start) return apiError('unavailable', say('request.simulator.disabled'));
      if (deps.profiles.readOnly) return apiError('read-only', say('request.simulator.readOnly'));
      const gateway = await startOne();
      if (!gateway) return apiError('unavailable', say('request.simulator.couldNotStart'));
      const input: ProfileInput = {
        ...gateway.profileInput(),
        name: freeName(),
        color: nextProfileColor(deps.profiles.list().map((p) => p.color)),
        enabled: true,
      };
      const r = deps.profiles.create(input);
      if (!r.ok) {
        await gateway.stop();
        return r;
      }
      running.set(r.value.id, gateway);
      remember();
      return apiOk(r.value);
    },
    async resume() {
      const ids = remembered();
      if (ids.length === 0) return;
      for (const id of ids) {
        const p = deps.profiles.get(id);
        if (!p || running.has(id)) continue;
        const gateway = await startOne();
        if (!gateway) continue;
        running.set(id, gateway);
        if (deps.profiles.readOnly) continue;
        // A new port is a new address: stored secrets are bound to the old
        // one, so the simulator's own (known) credentials are given again.
        const { publicKey, secret } = gateway.profileInput();
        const r = deps.profiles.update(id, {
          ...pickProfileFields({ ...p }),
          url: gateway.url,
          publicKey,
          secret,
        });
        if (!r.ok) deps.log(`local simulator: ${r.error.message}`);
      }
      remember();
    },
    reconcile() {
      let changed = false;
      for (const [id, gateway] of running) {
        if (deps.profiles.get(id)) continue;
        running.delete(id);
        void gateway.stop();
        changed = true;
      }
      if (changed) remember();
    },
    async dispose() {
      const all = [...running.values()];
      running.clear();
      await Promise.all(all.map((g) => g.stop()));
    },
  };
}
