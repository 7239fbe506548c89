/**
 * A real core (`createAppCore`) in a temp data folder for the reliability
 * suites: file-key secret cipher, recording notifier, every pushed delta and
 * log line kept, and a dispose that removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCore } from '../../electron/core/api';
import { createAppCore } from '../../electron/core/api';
import type { RecordingNotifier } from '../../electron/core/alerts/notifier';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import type { Clock } from '../../shared/clock';
import type { ConnectionFactory } from '../../electron/core/monitor/profile-runtime';
import { createFileKeyCipher } from '../../electron/core/profiles/secret-cipher';
import type { AppDelta, ProfileInput } from '../../shared/model';
import { defaultProfileInput } from '../../shared/profile-validation';

/** Temp folders made by a suite, removed by `cleanup()`. */
export interface TempDirs {
  make(prefix?: string): string;
  cleanup(): void;
}

export function tempDirs(): TempDirs {
  const made: string[] = [];
  return {
    make(prefix = 'shardwatch-reliability-') {
      const d = mkdtempSync(join(tmpdir(), prefix));
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export interface CoreHarness {
  core: AppCore;
  dataDir: string;
  historyFile: string | null;
  notifier: RecordingNotifier;
  deltas: AppDelta[];
  logs: string[];
  dispose(): Promise<void>;
}

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

/** Create and start a core. */
export async function startCore(opts: CoreHarnessOptions): Promise<CoreHarness> {
  const notifier = createRecordingNotifier();
  const logs: string[] = [];
  const deltas: AppDelta[] = [];
  const historyFile =
    opts.historyFile === undefined ? join(opts.dataDir, 'history.sqlite') : opts.historyFile;
  const core = createAppCore({
    dataDir: opts.dataDir,
    cipher: createFileKeyCipher(opts.dataDir),
    notifier,
    mode: 'browser',
    clock: opts.clock,
    historyFile,
    connectionFactory: opts.connectionFactory,
    log: (line) => logs.push(line),
  });
  core.on('event:delta', (d) => {
    if (opts.keepDeltas !== false) deltas.push(d);
    opts.onDelta?.(d);
  });
  await core.start();
  return {
    core,
    dataDir: opts.dataDir,
    historyFile,
    notifier,
    deltas,
    logs,
    dispose: () => core.dispose(),
  };
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
