import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_STATES } from '../../../shared/model';
import type { TrayState } from '../../../shared/model';
import { crc32, encodePng } from '../../../electron/main/png';
import { badgeText, renderTrayIcon, TRAY_COLORS } from '../../../electron/main/tray-icon';
import { renderAppIcon } from '../../../electron/main/app-icon';

/** Decode what encodePng writes (8-bit RGBA, filter 0), checking every CRC. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    expect(png.readUInt32BE(off + 8 + len)).toBe(crc32(png.subarray(off + 4, off + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

function alphaMask(img: { rgba: Buffer }): string {
  let s = '';
  for (let i = 3; i < img.rgba.length; i += 4) s += (img.rgba[i] as number) > 127 ? '#' : '.';
  return s;
}

describe('renderTrayIcon', () => {
  it('draws 16 and 22 px icons at 1× and 2×', () => {
    for (const state of TRAY_STATES) {
      for (const [base, scale, size] of [
        [16, 1, 16],
        [16, 2, 32],
        [22, 1, 22],
        [22, 2, 44],
      ] as const) {
        const img = renderTrayIcon(state, 3, scale, { base });
        expect(img.width).toBe(size);
        expect(img.height).toBe(size);
        expect(img.rgba.length).toBe(size * size * 4);
      }
    }
  });

  it('gives every state its own shape, so the state does not depend on colour', () => {
    const masks = new Map<TrayState, string>();
    for (const state of TRAY_STATES) masks.set(state, alphaMask(renderTrayIcon(state, 0, 2)));
    const distinct = new Set(masks.values());
    expect(distinct.size).toBe(TRAY_STATES.length);
  });

  it('uses the state colour for the body', () => {
    // The pixel at the centre-left of the body is painted for every state but offline/no-profiles rings.
    for (const state of ['ok', 'down', 'snoozed'] as const) {
      const img = renderTrayIcon(state, 0, 2);
      const o = (16 * 32 + 3) * 4;
      expect([...img.rgba.subarray(o, o + 3)]).toEqual(TRAY_COLORS[state].slice(0, 3));
    }
  });

  it('draws the down count into the icon, capped at 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-2)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    const none = renderTrayIcon('down', 0, 1);
    const three = renderTrayIcon('down', 3, 1);
    const four = renderTrayIcon('down', 4, 1);
    expect(three.rgba.equals(none.rgba)).toBe(false);
    expect(three.rgba.equals(four.rgba)).toBe(false);
    expect(renderTrayIcon('down', 150, 1).rgba.equals(renderTrayIcon('down', 999, 1).rgba)).toBe(
      true,
    );
  });

  it('makes macOS template images from black and alpha only', () => {
    for (const state of TRAY_STATES) {
      const img = renderTrayIcon(state, 12, 2, { template: true });
      for (let i = 0; i < img.rgba.length; i += 4) {
        if ((img.rgba[i + 3] as number) === 0) continue;
        expect([img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]]).toEqual([0, 0, 0]);
      }
    }
  });

  it('encodes to a valid PNG that decodes to the same pixels', () => {
    const img = renderTrayIcon('degraded', 42, 2, { base: 22 });
    const back = decodePng(encodePng(img));
    expect(back.width).toBe(44);
    expect(back.height).toBe(44);
    expect(back.rgba.equals(img.rgba)).toBe(true);
  });

  it('refuses an RGBA buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, rgba: Buffer.alloc(15) })).toThrow(RangeError);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('draws the app icon at any size', () => {
    for (const size of [16, 48, 256]) {
      const img = renderAppIcon(size);
      expect(img.width).toBe(size);
      // The corner is transparent (rounded tile), the centre opaque.
      expect(img.rgba[3]).toBe(0);
      const c = ((size / 2) * size + size / 2) * 4;
      expect(img.rgba[c + 3]).toBe(255);
    }
  });
});
