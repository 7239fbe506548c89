/**
 * The built-in Demo profile and its in-process gateway (docs/architecture.md
 * §2): started with the core when wanted, stopped when the user removes the
 * profile (which is remembered in the data folder), brought back by
 * `command:restore-demo`.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiResult } from '../../../shared/api';
import { apiError } from '../../../shared/api';
import type { DemoGateway } from '../../../shared/demo-gateway';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { ProfileView } from '../../../shared/profile-model';
import type { ProfileStore } from '../profiles/profile-store';
import { pickProfileFields } from '../profiles/stored-file';

/**
 * Marker file in the data folder: the user removed the Demo profile, so it
 * is not added again at start. `command:restore-demo` removes it.
 */
export const DEMO_DISMISSED_FILE = 'demo-dismissed';

/** Options of {@link createDemoKeeper}. */
export interface DemoKeeperOptions {
  dataDir: string;
  profiles: Pick<ProfileStore, 'readOnly' | 'list' | 'update' | 'createDemo'>;
  /** Starts the demo gateway; absent when Shardwatch runs without one (`serve --no-demo`). */
  startDemo?: () => Promise<DemoGateway>;
  /** True once the core is shutting down. */
  disposed: () => boolean;
  log: (line: string) => void;
  /** Words the errors (the user's language); English by default. */
  say?: Say;
}

/** The Demo profile's keeper. */
export interface DemoKeeper {
  /** At start: start the demo gateway and add or update the Demo profile, when wanted. */
  startUp(): Promise<void>;
  /** `command:restore-demo`: two clicks (two windows) share one restore. */
  restore(): Promise<ApiResult<ProfileView>>;
  /** The profile list changed: a demo gateway without a Demo profile stops. */
  reconcile(list: readonly ProfileView[]): void;
  dispose(): Promise<void>;
}

/** Create the keeper (nothing starts before `startUp`). */
export function createDemoKeeper(opts: DemoKeeperOptions): DemoKeeper {
  const { profiles, log } = opts;
  const marker = join(opts.dataDir, DEMO_DISMISSED_FILE);
  const say = opts.say ?? sayEnglish;
  let demo: DemoGateway | null = null;
  let restoring: Promise<ApiResult<ProfileView>> | null = null;

  function markDismissed(): void {
    try {
      writeFileSync(marker, 'The demo profile was removed by the user.\n', { mode: 0o600 });
    } catch {
      // Only means the demo may come back on the next start with no profiles.
    }
  }

  /** A name for the Demo profile that no other profile uses ("Demo", "Demo 2"…). */
  function freeName(base: string): string {
    const taken = new Set(profiles.list().map((p) => p.name.trim().toLowerCase()));
    if (!taken.has(base.trim().toLowerCase())) return base;
    for (let n = 2; ; n++) {
      const name = `${base} ${n}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  async function restore(): Promise<ApiResult<ProfileView>> {
    const startDemo = opts.startDemo;
    if (!startDemo) return apiError('unavailable', say('request.demo.disabled'));
    if (opts.disposed()) return apiError('unavailable', say('request.shuttingDown'));
    if (profiles.readOnly) return apiError('read-only', say('request.demo.readOnly'));
    const existing = profiles.list().find((p) => p.demo);
    if (existing) return apiError('conflict', say('request.demo.present', { name: existing.name }));

    let gateway = demo;
    if (!gateway) {
      try {
        gateway = await startDemo();
      } catch (err) {
        log(`demo gateway could not start: ${err instanceof Error ? err.message : String(err)}`);
        return apiError('unavailable', say('request.demo.couldNotStart'));
      }
    }
    // Anything may have happened while the gateway started.
    const stopUnused = (g: DemoGateway): void => {
      if (g !== demo) void g.stop();
    };
    if (opts.disposed()) {
      stopUnused(gateway);
      return apiError('unavailable', say('request.shuttingDown'));
    }
    if (profiles.list().some((p) => p.demo)) {
      stopUnused(gateway);
      return apiError('conflict', say('request.demo.presentNow'));
    }
    try {
      rmSync(marker, { force: true });
    } catch (err) {
      stopUnused(gateway);
      const code = (err as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
      return apiError(
        'internal',
        say('request.demo.marker', { file: marker, code, dir: opts.dataDir }),
      );
    }
    const { publicKey, secret, ...fields } = gateway.profileInput();
    // Set before the profile exists: adding it reconciles at once, and a
    // reconcile that sees a demo gateway without a demo profile stops it.
    demo = gateway;
    const r = profiles.createDemo(
      { ...fields, name: freeName(fields.name) },
      { publicKey: publicKey ?? '', secret: secret ?? '' },
    );
    if (!r.ok) {
      demo = null;
      void gateway.stop();
      markDismissed();
      log(`demo: ${r.error.message}`);
    }
    return r;
  }

  return {
    async startUp() {
      const wanted = opts.startDemo !== undefined && !profiles.readOnly && !existsSync(marker);
      const demoProfile = profiles.list().find((p) => p.demo);
      if (!wanted || (profiles.list().length > 0 && !demoProfile)) return;
      try {
        demo = await opts.startDemo!();
        const { publicKey, secret, ...fields } = demo.profileInput();
        // The demo gateway listens on a new port each start: a new address,
        // so its (demo) credentials are given again with it.
        const r = demoProfile
          ? profiles.update(demoProfile.id, {
              ...pickProfileFields({ ...demoProfile }),
              url: demo.url,
              publicKey,
              secret,
            })
          : profiles.createDemo(fields, { publicKey: publicKey ?? '', secret: secret ?? '' });
        if (!r.ok) log(`demo: ${r.error.message}`);
      } catch (err) {
        log(`demo gateway could not start: ${err instanceof Error ? err.message : String(err)}`);
      }
    },

    restore: () =>
      (restoring ??= restore().finally(() => {
        restoring = null;
      })),

    reconcile(list) {
      if (demo && !list.some((p) => p.demo)) {
        const d = demo;
        demo = null;
        void d.stop();
        markDismissed();
      }
    },

    async dispose() {
      if (demo) await demo.stop();
    },
  };
}
