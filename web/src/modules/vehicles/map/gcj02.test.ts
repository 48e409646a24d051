import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, toDisplay, wgs84ToGcj02 } from './gcj02.ts';

describe('WGS-84 → GCJ-02', () => {
  // reference pairs published with widely used implementations of the standard transform; the
  // second implementation rounds its constants differently (agreement to ~1 cm, 1e-6°)
  it.each([
    [116.404, 39.915, 116.41024449916938, 39.91640428150164, 9],
    [121.0917077, 30.6107779, 121.09626935575027, 30.608604331756705, 6],
  ])('converts (%f, %f)', (lon, lat, glon, glat, digits) => {
    const g = wgs84ToGcj02({ lon, lat });
    expect(g.lon).toBeCloseTo(glon, digits);
    expect(g.lat).toBeCloseTo(glat, digits);
  });

  it('shifts Changzhou by a few hundred metres, as AMap shows it', () => {
    const g = wgs84ToGcj02({ lon: 119.974, lat: 31.811 });
    expect(g.lon - 119.974).toBeGreaterThan(0.003);
    expect(g.lon - 119.974).toBeLessThan(0.006);
    expect(Math.abs(g.lat - 31.811)).toBeLessThan(0.003);
  });

  it('leaves positions outside China unchanged', () => {
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02({ lon: 2.35, lat: 48.85 })).toEqual({ lon: 2.35, lat: 48.85 });
  });

  it('inverts within a centimetre', () => {
    const p = { lon: 119.948, lat: 31.701 };
    const back = gcj02ToWgs84(wgs84ToGcj02(p));
    expect(Math.abs(back.lon - p.lon)).toBeLessThan(1e-7);
    expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-7);
  });

  it('converts for display only over GCJ-02 tiles', () => {
    const p = { lon: 119.974, lat: 31.811 };
    expect(toDisplay('wgs84')(p)).toEqual(p);
    expect(toDisplay('gcj02')(p)).toEqual(wgs84ToGcj02(p));
  });
});
