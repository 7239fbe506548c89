/**
 * `shardwatch serve`: browser mode. Runs the core in this Node process, serves
 * the built renderer and carries the AppApi contract over a loopback
 * WebSocket (docs/architecture.md §1).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../core/api';
import type { AppCore } from '../core/api';
import type { Notifier } from '../core/alerts/notifier';
import { createFileKeyCipher } from '../core/profiles/secret-cipher';
import { DataFolderError, openDataFolder, tidyLogLine } from '../core/data-folder/open';
import { createServeServer } from '../serve/server';
import { loadSessionSecret } from '../serve/session';
import type { ServeHandle } from '../serve/server';
import { startDemoGateway } from '../sim/demo';
import { createMetrics } from '../core/metrics/metrics';
import { loadMetricsToken, METRICS_TOKEN_FILE } from '../core/metrics/metrics-token';
import {
  cliTranslator,
  parseFlags,
  intFlag,
  noExtraArguments,
  stringFlag,
  UsageError,
  usageLine,
} from './args';
import { createServeLogger, LOG_FORMATS } from './serve-log';
import type { LogFormat, ServeLogger } from './serve-log';
import { defaultDataDir } from './data-dir';
import {
  createTranslator,
  english,
  processLanguages,
  sayEnglish,
  wordNotice,
  type Say,
  type Translator,
} from '../../shared/i18n/translator';

/** Usage of `shardwatch serve` (`--help`), in the language of `t`. */
export function serveUsage(t: Translator = english()): string {
  return t.say('cliOut.serveUsage', { dataDir: defaultDataDir() });
}

const SPEC = {
  '--port': { kind: 'int', min: 0, max: 65535 },
  '--host': { kind: 'string' },
  '--data-dir': { kind: 'string' },
  '--no-demo': { kind: 'bool' },
  '--static-dir': { kind: 'string' },
  '--metrics': { kind: 'bool' },
  '--log-format': { kind: 'enum', values: LOG_FORMATS },
} as const;

/** Where the built renderer lives in this checkout. */
export function defaultStaticDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
}

/** A running browser-mode instance. */
export interface BrowserMode {
  core: AppCore;
  server: ServeHandle;
  stop(): Promise<void>;
}

/**
 * The port browser mode listens on when none is asked for: the same every
 * run, so an open tab and a bookmark find Shardwatch again after a restart.
 */
export const DEFAULT_SERVE_PORT = 7613;

/**
 * Listen on `port`, or on {@link DEFAULT_SERVE_PORT} when none was asked for,
 * falling back to a free port (and saying so) when the default is taken.
 */
async function listenStable(
  options: Omit<Parameters<typeof createServeServer>[0], 'port'>,
  port: number | undefined,
  log: (line: string) => void,
): Promise<ServeHandle> {
  if (port !== undefined) return createServeServer({ ...options, port });
  try {
    return await createServeServer({ ...options, port: DEFAULT_SERVE_PORT });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    const server = await createServeServer({ ...options, port: 0 });
    log(
      `serve: port ${DEFAULT_SERVE_PORT} is in use, so this run listens on ${server.port}; open tabs of the usual address will not find it.`,
    );
    return server;
  }
}

/** Start the core and the server (shared by `serve` and `npm start`'s fallback). */
export async function startBrowserMode(opts: {
  dataDir: string;
  host?: string;
  port?: number;
  demo?: boolean;
  staticDir?: string;
  log?: (line: string) => void;
  /** Serve `/metrics` behind the token in `metrics-token`. */
  metrics?: boolean;
  /** How another process names this one when it finds the folder in use. */
  program?: string;
}): Promise<BrowserMode> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const folder = opts.dataDir;
    throw new DataFolderError(
      folder,
      code === 'EEXIST' || code === 'ENOTDIR'
        ? { key: 'dataFolder.isFile', params: { folder } }
        : { key: 'dataFolder.cannotCreate', params: { folder, code: code ?? '?' } },
    );
  }
  // One process per data folder: taken before anything reads or writes in it.
  const folder = openDataFolder(opts.dataDir, opts.program ?? 'shardwatch serve');
  const tidied = tidyLogLine(folder.tidied);
  if (tidied !== null) log(tidied);
  // Browser mode has no desktop notifications: incidents show in the UI and here.
  const notifier: Notifier = {
    notify: (n) => log(`alert [${n.severity}] ${n.title} — ${n.body}`),
  };
  const metrics = opts.metrics ? createMetrics({ token: loadMetricsToken(opts.dataDir) }) : null;
  // One translator for the core and the server's pages: both follow the language setting.
  const translator = createTranslator('system', processLanguages(process.env));
  let core: AppCore;
  try {
    core = createAppCore({
      dataDir: opts.dataDir,
      cipher: createFileKeyCipher(opts.dataDir),
      notifier,
      mode: 'browser',
      // `system` follows the process's locale (docs/architecture.md §4).
      translator,
      log,
      ...(opts.demo === false
        ? {}
        : {
            startDemo: () => startDemoGateway(),
            startSimulator: () => startDemoGateway({ shardCount: 8, outages: false }),
          }),
      ...(metrics ? { onPing: metrics.observePing, onThrottle: metrics.observeThrottle } : {}),
    });
    metrics?.attach(core);
    await core.start();
  } catch (err) {
    metrics?.dispose();
    folder.lock.release();
    throw err;
  }
  let server: ServeHandle;
  try {
    const serverOptions = {
      core,
      staticDir: opts.staticDir ?? defaultStaticDir(),
      host: opts.host ?? '127.0.0.1',
      log,
      say: translator.say,
      // Sessions outlive a restart: the cookie is derived from a kept secret.
      sessionSecret: loadSessionSecret(opts.dataDir),
      ...(metrics ? { extraRoute: metrics.handle } : {}),
    };
    server = await listenStable(serverOptions, opts.port, log);
  } catch (err) {
    metrics?.dispose();
    await core.dispose();
    folder.lock.release();
    throw err;
  }
  return {
    core,
    server,
    async stop() {
      await server.close();
      // Flushes history and the delivery queue to disk.
      await core.dispose();
      metrics?.dispose();
      folder.lock.release();
    },
  };
}

/** Run `shardwatch serve`; resolves to the exit code once stopped. */
export async function runServeCli(argv: readonly string[], signal?: AbortSignal): Promise<number> {
  const t = cliTranslator();
  let parsed;
  try {
    parsed = parseFlags(argv, SPEC);
    noExtraArguments(parsed);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${usageLine('serve', err, t.say)}\n`);
      return 2;
    }
    throw err;
  }
  if (parsed.flags.get('--help')) {
    process.stdout.write(`${serveUsage(t)}\n`);
    return 0;
  }
  const dataDir = resolve(stringFlag(parsed, '--data-dir', defaultDataDir()));
  const logger: ServeLogger = createServeLogger({
    format: stringFlag(parsed, '--log-format', 'text') as LogFormat,
    writeOut: (l) => process.stdout.write(l),
    writeErr: (l) => process.stderr.write(l),
  });
  const withMetrics = parsed.flags.get('--metrics') === true;
  let mode: BrowserMode;
  try {
    mode = await startBrowserMode({
      log: logger.line,
      metrics: withMetrics,
      dataDir,
      host: stringFlag(parsed, '--host', '127.0.0.1'),
      ...(parsed.flags.has('--port') ? { port: intFlag(parsed, '--port', 0) } : {}),
      demo: !parsed.flags.get('--no-demo'),
      staticDir: stringFlag(parsed, '--static-dir', defaultStaticDir()),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    // The JSON log is for services and stays English; the text is for the person at the terminal.
    const reasonIn = (say: Say): string =>
      code === 'EADDRINUSE'
        ? say('cliOut.portInUse')
        : code === 'EACCES'
          ? say('cliOut.portNotAllowed')
          : err instanceof DataFolderError
            ? wordNotice(err.wording, say)
            : err instanceof Error
              ? err.message
              : String(err);
    if (logger.format === 'json') logger.event('error', `could not start: ${reasonIn(sayEnglish)}`);
    else process.stderr.write(`${t.say('cliOut.serveCannotStart', { reason: reasonIn(t.say) })}\n`);
    return 1;
  }
  if (logger.format === 'json') {
    // The page address carries the session token: into a private file, not the log.
    const urlFile = join(dataDir, 'serve-url');
    writeFileSync(urlFile, `${mode.server.url}\n`, { mode: 0o600 });
    logger.addSecret(new URL(mode.server.url).searchParams.get('token') ?? '');
    logger.event('info', 'Shardwatch is running', {
      origin: mode.server.origin,
      port: mode.server.port,
      urlFile,
      dataDir,
      ...(withMetrics
        ? { metrics: `${mode.server.origin}/metrics`, tokenFile: join(dataDir, METRICS_TOKEN_FILE) }
        : {}),
    });
  } else {
    const lines = [
      t.say('cliOut.serveRunning', { url: mode.server.url }),
      ...(withMetrics
        ? [
            t.say('cliOut.serveMetrics', {
              url: `${mode.server.origin}/metrics`,
              file: join(dataDir, METRICS_TOKEN_FILE),
            }),
          ]
        : []),
      t.say('cliOut.serveDataFolder', { dir: join(dataDir) }),
      t.say('cliOut.pressCtrlC'),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  logger.event('info', 'stopping: closing connections and writing history');
  await mode.stop();
  logger.event('info', 'stopped');
  return 0;
}
