/**
 * Where the gateway worker's code is (docs/architecture.md §3.12). The
 * electron-vite build emits it beside the main bundle (`gateway-worker.js`,
 * an entry of `electron.vite.config.ts`); run from the TypeScript sources
 * (vitest, the CLI and browser mode through tsx) it is bundled with esbuild
 * into one file in the temporary directory, named by its content hash, and
 * reused by later processes while none of its inputs changed (a manifest of
 * their sizes and modification times beside it).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worker entry's file name in the electron-vite build. */
export const BUILT_WORKER_FILE = 'gateway-worker.js';

/** esbuild's API as used here (esbuild comes with vite and tsx). */
interface Esbuild {
  buildSync(o: Record<string, unknown>): {
    outputFiles?: Array<{ text: string }>;
    metafile?: { inputs: Record<string, unknown> };
  };
}

/** A bundle and what it was built from: `[path, size, mtimeMs]` per input. */
interface Manifest {
  file: string;
  inputs: Array<[string, number, number]>;
}

function stamp(path: string): [string, number, number] | null {
  try {
    const st = statSync(path);
    return [path, st.size, st.mtimeMs];
  } catch {
    return null;
  }
}

/** The bundle `manifestPath` describes, when it exists and no input changed since. */
function reusable(manifestPath: string): string | null {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (!existsSync(m.file)) return null;
    for (const [path, size, mtime] of m.inputs) {
      const now = stamp(path);
      if (!now || now[1] !== size || now[2] !== mtime) return null;
    }
    return m.file;
  } catch {
    return null;
  }
}

/** Write `text` to `path` aside and rename: another process may be reading it. */
function writeAtomically(path: string, text: string): void {
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, text);
  renameSync(part, path);
}

let entry: string | null = null;

/** Path of a file `new Worker()` can run; bundles the sources on first use when there is no build. */
export function gatewayWorkerEntry(): string {
  if (entry !== null) return entry;
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, BUILT_WORKER_FILE);
  if (existsSync(built)) return (entry = built);
  const source = join(here, 'gateway-worker.ts');
  if (!existsSync(source))
    throw new Error(
      `The gateway worker is missing: neither ${built} nor ${source} exists. Rebuild the app (npm run build:app).`,
    );
  return (entry = bundle(source));
}

/**
 * A directory only this user can write, for the bundle: `base` when it is
 * one (created with mode 0700 when missing), else a fresh private one. The
 * temporary directory is shared with every local user; a worker file or a
 * manifest planted there by someone else would run as the app.
 */
export function privateCacheDir(base: string): string {
  try {
    mkdirSync(base, { recursive: true, mode: 0o700 });
    const st = lstatSync(base);
    const uid = process.getuid?.();
    const ours = uid === undefined || st.uid === uid;
    if (st.isDirectory() && !st.isSymbolicLink() && ours && (st.mode & 0o077) === 0) return base;
  } catch {
    // Not usable: a private directory of our own below.
  }
  return mkdtempSync(join(tmpdir(), 'shardwatch-worker-'));
}

function bundle(source: string): string {
  const uid = process.getuid?.();
  const dir = privateCacheDir(
    join(tmpdir(), `shardwatch-workers${uid === undefined ? '' : `-${uid}`}`),
  );
  const sourceKey = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const manifestPath = join(dir, `gateway-worker-${sourceKey}.json`);
  const cached = reusable(manifestPath);
  if (cached !== null) return cached;
  const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
  const out = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    write: false,
    metafile: true,
    absWorkingDir: dirname(source),
    logLevel: 'silent',
    // `ws` is CommonJS and requires Node's modules: give the ES module a `require`.
    banner: {
      js: "import { createRequire as shardwatchRequire } from 'node:module'; const require = shardwatchRequire(import.meta.url);",
    },
  });
  const code = out.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error('Bundling the gateway worker produced no output.');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = join(dir, `gateway-worker-${hash}.mjs`);
  if (!existsSync(file)) writeAtomically(file, code);
  const inputs = Object.keys(out.metafile?.inputs ?? {})
    .map((p) => stamp(join(dirname(source), p)))
    .filter((x): x is [string, number, number] => x !== null);
  writeAtomically(manifestPath, JSON.stringify({ file, inputs } satisfies Manifest));
  return file;
}
