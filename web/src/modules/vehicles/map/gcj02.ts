/**
 * WGS-84 → GCJ-02 (the datum Chinese web maps such as AMap draw in), the published standard
 * transform (Krasovsky ellipsoid constants). Positions are stored in WGS-84 (GPS); they are converted
 * only for display over GCJ-02 tiles. Outside China the two coincide.
 */
const A = 6378245.0;
const EE = 0.006693421622965943;

export interface LonLat {
  lon: number;
  lat: number;
}

export function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function dLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function dLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(p: LonLat): LonLat {
  if (outOfChina(p.lon, p.lat)) return { lon: p.lon, lat: p.lat };
  const rad = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(rad);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const lat =
    (dLat(p.lon - 105.0, p.lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const lon = (dLon(p.lon - 105.0, p.lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(rad) * Math.PI);
  return { lon: p.lon + lon, lat: p.lat + lat };
}

/** GCJ-02 → WGS-84 by fixed-point iteration (the forward transform has no closed inverse): < 1e-7°. */
export function gcj02ToWgs84(p: LonLat): LonLat {
  if (outOfChina(p.lon, p.lat)) return { lon: p.lon, lat: p.lat };
  let w = { lon: p.lon, lat: p.lat };
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const dx = p.lon - g.lon;
    const dy = p.lat - g.lat;
    w = { lon: w.lon + dx, lat: w.lat + dy };
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break;
  }
  return w;
}

/** The display conversion for a map's datum. */
export function toDisplay(crs: 'wgs84' | 'gcj02'): (p: LonLat) => LonLat {
  return crs === 'gcj02' ? wgs84ToGcj02 : (p) => p;
}
