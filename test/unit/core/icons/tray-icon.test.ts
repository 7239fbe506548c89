import { describe, expect, it } from 'vitest';
import { TRAY_STATES } from '../../../../shared/tray';
import type { TrayState } from '../../../../shared/tray';
import { badgeText, renderTrayIcon, TRAY_COLORS } from '../../../../electron/core/icons/tray-icon';

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
});
