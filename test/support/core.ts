/**
 * A real core (`createAppCore`) for tests, recording everything it says:
 * every pushed delta, log line and notification. The one fixture behind the
 * core integration tests (test/integration/core/helpers.ts) and the
 * reliability suites (test/reliability/core-harness.ts), which differ only
 * in their defaults (cipher, history file) and clean-up.
 */
import type { AppCore, AppCoreOptions } from '../../electron/core/api';
import { createAppCore } from '../../electron/core/api';
import type { RecordingNotifier } from '../../electron/core/alerts/notifier';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../electron/core/profiles/secret-cipher';
import type { AppDelta } from '../../shared/app-state';

/** A running core and everything it said. */
export interface TestCore {
  core: AppCore;
  dataDir: string;
  /** Where history is written; null when it is kept in memory. */
  historyFile: string | null;
  notifier: RecordingNotifier;
  deltas: AppDelta[];
  logs: string[];
  dispose(): Promise<void>;
}

/** Options of {@link startTestCore}: any core option, plus what the test records. */
export interface TestCoreOptions extends Partial<AppCoreOptions> {
  dataDir: string;
  /** Keep every delta (default true); long runs may only count them. */
  keepDeltas?: boolean;
  onDelta?: (d: AppDelta) => void;
  /** Runs between creating the core and `start()`, as the desktop shell's start-up notices do. */
  beforeCoreStart?: (core: AppCore) => void;
}

/**
 * Create and start a core in `dataDir`: browser mode, an in-memory cipher
 * and in-memory history unless the options say otherwise.
 */
export async function startTestCore(opts: TestCoreOptions): Promise<TestCore> {
  const { keepDeltas, onDelta, beforeCoreStart, ...coreOpts } = opts;
  const notifier = createRecordingNotifier();
  const deltas: AppDelta[] = [];
  const logs: string[] = [];
  const historyFile = coreOpts.historyFile ?? null;
  const core = createAppCore({
    cipher: createMemoryCipher(),
    mode: 'browser',
    ...coreOpts,
    notifier,
    historyFile,
    log: (line) => logs.push(line),
  });
  core.on('event:delta', (d) => {
    if (keepDeltas !== false) deltas.push(d);
    onDelta?.(d);
  });
  beforeCoreStart?.(core);
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
