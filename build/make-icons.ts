/**
 * Writes every packaging icon from the one drawing in
 * electron/core/icons/app-icon.ts (see electron/core/icons/icon-files.ts):
 *
 * - build/icons/<N>x<N>.png for N in 16…1024 (Linux; electron-builder's
 *   `linux.icon` folder naming),
 * - build/icon.png (1024 px, the fallback electron-builder looks for),
 * - build/icon.ico (Windows: 16–128 px as 32-bit BMP entries, which every
 *   Windows tool reads, and 256 px as PNG),
 * - build/icon.icns (macOS: PNG entries from 16 to 1024 px),
 * - renderer/public/icon.png (64 px: the page's favicon and the logo in the
 *   top bar, so the page never asks for a missing /favicon.ico).
 *
 * Run with `npx tsx build/make-icons.ts` after changing the drawing, and
 * commit the output.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIconSet } from '../electron/core/icons/icon-files';

const here = dirname(fileURLToPath(import.meta.url));
for (const file of writeIconSet(here)) {
  process.stdout.write(`wrote ${file}\n`);
}
const favicon = join(here, '..', 'renderer', 'public', 'icon.png');
mkdirSync(dirname(favicon), { recursive: true });
copyFileSync(join(here, 'icons', '64x64.png'), favicon);
process.stdout.write(`wrote ${favicon}\n`);
