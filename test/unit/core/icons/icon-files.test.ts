import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG_SIZES, writeIconSet } from '../../../../electron/core/icons/icon-files';
import { encodePng } from '../../../../electron/core/icons/png';
import { renderAppIcon } from '../../../../electron/core/icons/app-icon';
import { createTempDirs } from '../../../support/temp-dir';

const dirs = createTempDirs('shardwatch-icons-');
const out = dirs.make();
afterAll(() => dirs.cleanup());

describe('packaging icons from one drawing', () => {
  const written = writeIconSet(out);

  it('writes a PNG per size, the ICO and the ICNS', () => {
    expect(written.map((f) => f.slice(out.length + 1)).sort()).toEqual(
      [
        ...PNG_SIZES.map((s) => join('icons', `${s}x${s}.png`)),
        'icon.icns',
        'icon.ico',
        'icon.png',
      ].sort(),
    );
    const png = readFileSync(join(out, 'icons', '48x48.png'));
    expect(png.equals(encodePng(renderAppIcon(48)))).toBe(true);
    expect(png.readUInt32BE(16)).toBe(48);
  });

  it('writes a well-formed ICO with 7 sizes up to 256 px', () => {
    const ico = readFileSync(join(out, 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBe(7);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      sizes.push(ico[e] === 0 ? 256 : (ico[e] as number));
      const len = ico.readUInt32LE(e + 8);
      const off = ico.readUInt32LE(e + 12);
      expect(off + len).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(off, off + len);
      if (ico[e] === 0) expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
      else expect(data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('writes a well-formed ICNS up to 1024 px', () => {
    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let off = 8; off < icns.length;) {
      const len = icns.readUInt32BE(off + 4);
      types.push(icns.toString('latin1', off, off + 4));
      expect(icns.subarray(off + 9, off + 12).toString('latin1')).toBe('PNG');
      off += len;
    }
    expect(types).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic09', 'ic10', 'ic14']));
  });
});
