/**
 * Icon files for packaging, all drawn from the one app icon (app-icon.ts) and
 * encoded here without image tools or extra packages: PNGs per size, an ICO
 * for Windows and an ICNS for macOS. Used by `build/make-icons.ts`; not part
 * of the app at run time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderAppIcon } from './app-icon';
import type { RgbaImage } from './png';
import { encodePng } from './png';

/** Sizes written as build/icons/<N>x<N>.png. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** A 32-bit BMP (DIB) as stored inside an ICO: bottom-up BGRA plus an empty AND mask. */
function icoBitmap(img: RgbaImage): Buffer {
  const { width: w, height: h, rgba } = img;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // header size
  header.writeInt32LE(w, 4);
  header.writeInt32LE(h * 2, 8); // XOR + AND masks
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(0, 16); // BI_RGB
  const pixels = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 4;
      const d = ((h - 1 - y) * w + x) * 4;
      pixels[d] = rgba[s + 2] as number;
      pixels[d + 1] = rgba[s + 1] as number;
      pixels[d + 2] = rgba[s] as number;
      pixels[d + 3] = rgba[s + 3] as number;
    }
  }
  const maskRow = Math.ceil(w / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * h)]);
}

/** An ICO file from square images (≤ 256 px). */
export function encodeIco(images: RgbaImage[]): Buffer {
  const entries = images.map((img) => ({
    img,
    data: img.width >= 256 ? encodePng(img) : icoBitmap(img),
  }));
  const head = Buffer.alloc(6);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(entries.length, 4);
  let offset = 6 + 16 * entries.length;
  const dir = entries.map(({ img, data }) => {
    const e = Buffer.alloc(16);
    e[0] = img.width >= 256 ? 0 : img.width;
    e[1] = img.height >= 256 ? 0 : img.height;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bit count
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...dir, ...entries.map((e) => e.data)]);
}

/** ICNS entry types holding PNG data, by pixel size (the @2x types reuse the same pixels). */
const ICNS_TYPES: Array<[string, number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** An ICNS file from PNGs by size. */
export function encodeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`no ${size} px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** Render and write every icon file under `outDir`; returns the files written. */
export function writeIconSet(outDir: string): string[] {
  const images = new Map<number, RgbaImage>();
  const pngs = new Map<number, Buffer>();
  for (const size of PNG_SIZES) {
    const img = renderAppIcon(size);
    images.set(size, img);
    pngs.set(size, encodePng(img));
  }
  const written: string[] = [];
  const write = (file: string, data: Buffer): void => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    written.push(file);
  };
  for (const size of PNG_SIZES)
    write(join(outDir, 'icons', `${size}x${size}.png`), pngs.get(size) as Buffer);
  write(join(outDir, 'icon.png'), pngs.get(1024) as Buffer);
  write(
    join(outDir, 'icon.ico'),
    encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => images.get(s) as RgbaImage)),
  );
  write(join(outDir, 'icon.icns'), encodeIcns(pngs));
  return written;
}
