/** Great-circle distance in km between two WGS-84 points. */
export function haversineKm(
  a: { lon: number | string; lat: number | string },
  b: { lon: number | string; lat: number | string },
): number {
  const R = 6371.0088;
  const rad = Math.PI / 180;
  const la1 = Number(a.lat) * rad;
  const la2 = Number(b.lat) * rad;
  const dLat = la2 - la1;
  const dLon = (Number(b.lon) - Number(a.lon)) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
