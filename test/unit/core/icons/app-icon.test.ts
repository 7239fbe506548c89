import { describe, expect, it } from 'vitest';
import { renderAppIcon } from '../../../../electron/core/icons/app-icon';

describe('renderAppIcon', () => {
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
