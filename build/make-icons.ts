/**
 * Writes every packaging icon from the one drawing in
 * electron/core/icons/app-icon.ts (see electron/core/icons/icon-files.ts):
 *
 * - build/icons/<N>x<N>.png for N in 16…1024 (Linux; electron-builder's
 *   `linux.icon` folder naming),
 * - build/icon.png (1024 px, the fallback electron-builder looks for),
 * - build/icon.ico (Windows: 16–128 px as 32-bit BMP entries, which every
 *   Windows tool reads, and 256 px as PNG),
 * - build/icon.icns (macOS: PNG entries from 16 to 1024 px).
 *
 * Run with `npx tsx build/make-icons.ts` after changing the drawing, and
 * commit the output.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIconSet } from '../electron/core/icons/icon-files';

for (const file of writeIconSet(dirname(fileURLToPath(import.meta.url)))) {
  process.stdout.write(`wrote ${file}\n`);
}
