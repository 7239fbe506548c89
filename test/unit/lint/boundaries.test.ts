/**
 * The import boundaries (docs/architecture.md §2) are allow-lists enforced by
 * ESLint (eslint.config.js). These tests lint in-memory files placed in each
 * folder through ESLint's Node API, with the repository's own config, and
 * expect every wrong arrow to be an error and every allowed one to pass.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const RULE = 'boundaries/dependencies';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Boundary errors for a file at `filePath` (repo-relative) importing `source`. */
async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const script = `import * as target from '${source}';\nexport const used = target;\n`;
  const code = filePath.endsWith('.vue') ? `<script lang="ts">\n${script}</script>\n` : script;
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`could not parse: ${fatal[0]?.message}`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** A local import must point at a real file, or the case would only test "unknown file". */
function expectTarget(from: string, source: string): void {
  if (!source.startsWith('.')) return;
  const base = join(ROOT, from, '..', source);
  const found = ['.ts', '.vue', '/index.ts'].some((ext) => existsSync(base + ext));
  expect(found, `${source} from ${from} must exist`).toBe(true);
}

// [file that imports, what it imports, why it is wrong]
const FORBIDDEN: Array<[string, string, string]> = [
  ['electron/core/probe.ts', '../sim/index', 'core → sim (the core never imports the simulator)'],
  ['electron/core/probe.ts', '../cli/index', 'core → cli'],
  ['electron/core/probe.ts', '../serve/server', 'core → serve'],
  ['electron/core/probe.ts', '../main/index', 'core → main'],
  ['electron/core/probe.ts', 'electron', 'core → electron'],
  ['electron/core/monitor/probe.ts', '../../../renderer/src/format', 'core → renderer'],
  ['electron/serve/probe.ts', '../cli/index', 'serve → cli'],
  ['electron/serve/probe.ts', '../main/index', 'serve → main'],
  ['electron/serve/probe.ts', '../sim/index', 'serve → sim'],
  ['electron/preload/probe.ts', '../core/api', 'preload → core'],
  ['electron/preload/probe.ts', '../main/index', 'preload → main'],
  ['electron/preload/probe.ts', 'node:fs', 'preload → node built-ins'],
  ['electron/main/probe.ts', '../cli/index', 'main → cli'],
  ['electron/main/probe.ts', '../serve/server', 'main → serve'],
  ['electron/sim/probe.ts', '../core/api', 'sim → core'],
  ['electron/sim/probe.ts', '../cli/index', 'sim → cli'],
  ['electron/sim/probe.ts', 'electron', 'sim → electron'],
  ['electron/cli/probe.ts', '../main/index', 'cli → main'],
  ['electron/cli/probe.ts', 'electron', 'cli → electron'],
  ['shared/probe.ts', 'node:fs', 'shared → node built-ins (IO)'],
  ['shared/probe.ts', 'node:sqlite', 'shared → node:sqlite (IO)'],
  ['shared/probe.ts', 'electron', 'shared → electron'],
  ['shared/probe.ts', 'ws', 'shared → ws (IO)'],
  ['shared/probe.ts', 'vue', 'shared → vue'],
  ['shared/probe.ts', '../electron/core/api', 'shared → core'],
  ['shared/probe.ts', '../renderer/src/format', 'shared → renderer'],
  ['renderer/src/probe.ts', 'electron', 'renderer → electron'],
  ['renderer/src/probe.ts', 'node:path', 'renderer → node built-ins'],
  ['renderer/src/probe.ts', '../../electron/core/api', 'renderer → electron/core'],
  ['renderer/src/views/Probe.vue', '../ipc/client', 'view → transport (views go through stores)'],
  ['renderer/src/views/probe.ts', '../ipc/client', 'view → transport'],
  ['renderer/src/components/probe.ts', '../ipc/client', 'component → transport'],
  ['renderer/src/ipc/probe.ts', '../stores/app', 'transport → stores (it is the bottom layer)'],
  ['renderer/src/ipc/probe.ts', 'vue', 'transport → vue'],
];

// Arrows the architecture allows; if these failed, the rule would deny everything.
const ALLOWED: Array<[string, string]> = [
  ['electron/core/probe.ts', '../../shared/clock'],
  ['electron/core/probe.ts', './api'],
  ['electron/core/probe.ts', 'node:fs'],
  ['electron/core/probe.ts', 'node:sqlite'],
  ['electron/core/probe.ts', 'ws'],
  ['electron/sim/probe.ts', '../../shared/protocol'],
  ['electron/sim/probe.ts', 'ws'],
  ['electron/serve/probe.ts', '../core/api'],
  ['electron/cli/probe.ts', '../core/api'],
  ['electron/cli/probe.ts', '../sim/index'],
  ['electron/cli/probe.ts', '../serve/server'],
  ['electron/main/probe.ts', '../core/api'],
  ['electron/main/probe.ts', '../sim/demo'],
  ['electron/main/probe.ts', 'electron'],
  ['electron/preload/probe.ts', '../../shared/bridge'],
  ['electron/preload/probe.ts', 'electron'],
  ['shared/probe.ts', './profile-model'],
  ['shared/probe.ts', '@intlify/core-base'],
  ['renderer/src/probe.ts', '../../shared/profile-model'],
  ['renderer/src/views/probe.ts', '../stores/app'],
  ['renderer/src/views/Probe.vue', 'vue'],
  ['renderer/src/stores/probe.ts', '../ipc/client'],
  ['renderer/src/stores/probe.ts', 'pinia'],
  ['renderer/src/components/probe.ts', 'uplot'],
  ['test/unit/probe.test.ts', '../../electron/main/index'],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(FORBIDDEN)('%s importing %s is an error: %s', async (file, source) => {
    expectTarget(file, source);
    const errors = await boundaryErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`"${source}"`);
    expect(errors[0]).toContain('docs/architecture.md §2');
  });

  it.each(ALLOWED)('%s may import %s', async (file, source) => {
    expectTarget(file, source);
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
