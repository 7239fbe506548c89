/**
 * The reliability suites' core: the shared test core (test/support/core.ts)
 * with a file-key secret cipher and history on disk, as browser mode runs,
 * plus temp folders and profile forms.
 */
import { join } from 'node:path';
import { startTestCore } from '../support/core';
import { createTempDirs } from '../support/temp-dir';
import type { TempDirs } from '../support/temp-dir';
import type { TestCore } from '../support/core';
import type { Clock } from '../../shared/clock';
import type { ConnectionFactory } from '../../electron/core/monitor/profile-runtime';
import { createFileKeyCipher } from '../../electron/core/profiles/secret-cipher';
import type { AppDelta } from '../../shared/app-state';
import type { ProfileInput } from '../../shared/profile-model';
import { defaultProfileInput } from '../../shared/profile-validation';

export type { TempDirs } from '../support/temp-dir';

/** Temp folders of a reliability suite (test/support/temp-dir.ts), removed by `cleanup()`. */
export function tempDirs(): TempDirs {
  return createTempDirs('shardwatch-reliability-');
}

/** A running core (test/support/core.ts) with the reliability suites' defaults. */
export type CoreHarness = TestCore;

export interface CoreHarnessOptions {
  dataDir: string;
  clock?: Clock;
  connectionFactory?: ConnectionFactory;
  /** Default: `history.sqlite` in the data folder; null keeps history in memory. */
  historyFile?: string | null;
  /** Keep every delta (default true); long runs may only count them. */
  keepDeltas?: boolean;
  onDelta?: (d: AppDelta) => void;
}

/** Create and start a core with a file-key cipher and history on disk; the caller disposes it. */
export function startCore(opts: CoreHarnessOptions): Promise<CoreHarness> {
  return startTestCore({
    ...opts,
    cipher: createFileKeyCipher(opts.dataDir),
    historyFile:
      opts.historyFile === undefined ? join(opts.dataDir, 'history.sqlite') : opts.historyFile,
  });
}

let profileSeq = 0;

/** A complete, valid profile form for a loopback gateway. */
export function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  profileSeq++;
  return {
    ...defaultProfileInput(),
    name: `Bot ${profileSeq}`,
    url: 'ws://127.0.0.1:9/gateway',
    botId: String(1_100_000_000_000_000_000n + BigInt(profileSeq)),
    publicKey: `pk-${profileSeq}`,
    secret: `sk-${profileSeq}`,
    ...overrides,
  };
}
