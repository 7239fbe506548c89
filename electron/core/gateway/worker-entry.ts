/**
 * Where the gateway worker's code is (docs/architecture.md §3.12). The
 * electron-vite build emits it beside the main bundle (`gateway-worker.js`,
 * an entry of `electron.vite.config.ts`); run from the TypeScript sources
 * (vitest, the CLI and browser mode through tsx) it is bundled once per
 * process with esbuild into one file in the temporary directory, named by
 * its content hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worker entry's file name in the electron-vite build. */
export const BUILT_WORKER_FILE = 'gateway-worker.js';

/** esbuild's API as used here (esbuild comes with vite and tsx). */
interface Esbuild {
  buildSync(o: Record<string, unknown>): { outputFiles?: Array<{ text: string }> };
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

function bundle(source: string): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
  const out = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    write: false,
    logLevel: 'silent',
    // `ws` is CommonJS and requires Node's modules: give the ES module a `require`.
    banner: {
      js: "import { createRequire as shardwatchRequire } from 'node:module'; const require = shardwatchRequire(import.meta.url);",
    },
  });
  const code = out.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error('Bundling the gateway worker produced no output.');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'shardwatch-workers');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gateway-worker-${hash}.mjs`);
  if (!existsSync(file)) {
    // Written aside and renamed: another process may be reading the same file.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  return file;
}
