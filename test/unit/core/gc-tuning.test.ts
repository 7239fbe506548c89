/**
 * The collector tuning the app sets at start (electron/core/gc-tuning.ts).
 * What it saves is CPU, measured by `npm run bench` (part a′ with
 * SHARDWATCH_BENCH_GC_TUNING=off beside it, docs/benchmarks.md); here: every
 * flag is one this runtime's V8 knows, and setting them at run time, as the
 * app does, is accepted without a word. A flag V8 renamed or dropped would
 * otherwise do nothing but print "unrecognized flag".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GC_TUNING_FLAGS } from '../../../electron/core/gc-tuning';

const MODULE = fileURLToPath(new URL('../../../electron/core/gc-tuning.ts', import.meta.url));

describe('garbage collector tuning', () => {
  it('names only flags this V8 knows', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(GC_TUNING_FLAGS.length).toBeGreaterThan(0);
    for (const flag of GC_TUNING_FLAGS) {
      const name = flag.replace(/=.*$/, '');
      expect(options, `${name} in --v8-options`).toContain(`  ${name} (`);
    }
  });

  it('is accepted at run time by a fresh process, without a warning, twice over', () => {
    const script = `import { tuneGarbageCollector } from ${JSON.stringify(MODULE)};
tuneGarbageCollector(); tuneGarbageCollector(); console.log('tuned');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('tuned');
    expect(r.status).toBe(0);
  });

  it('would be heard if a flag were unknown (the check above can fail)', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', "require('node:v8').setFlagsFromString('--incremental-marking-soft-triggerx=80')"],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toContain('unrecognized flag');
  });
});
