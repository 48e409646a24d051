/**
 * The demo's consumption shape as SQL expressions, shared by the history seed. Per point: a base
 * load per 15 minutes from a hash of its id (2–40 units); a working-day profile (08–18 full, 07 and
 * 18 shoulders, nights and weekends at base load); HVAC seasonality (summer and winter peaks); heat
 * only in winter; gentle per-day noise. `simulator/shape.ts` is the same model in TypeScript.
 */
export const BASE = `(2 + (abs(hashtext(p.id::text)) % 3800) / 100.0)`;

/** seasonal factor of a point on local day-of-year `doy` */
export const season = (doy: string) => `(case
  when p.sub_item = 'hvac' then 0.25 + 0.9 * greatest(0, cos(2 * pi() * (${doy} - 205) / 365.0))
                                 + 0.6 * greatest(0, cos(2 * pi() * (${doy} - 15) / 365.0))
  when p.energy_type = 'heat' then 0.05 + 1.2 * greatest(0, cos(2 * pi() * (${doy} - 15) / 365.0))
  when p.sub_item = 'lighting_sockets' then 1 + 0.15 * cos(2 * pi() * (${doy} - 355) / 365.0)
  else 1 end)`;

/** the working-day profile at local hour `h` (0–23) on iso weekday `dow` (1–7) */
export const profile = (h: string, dow: string) => `(case
  when p.sub_item = 'special' then 0.9
  when ${dow} >= 6 then (case when ${h} between 9 and 16 then 0.35 else 0.25 end)
  when ${h} between 8 and 17 then 1.0
  when ${h} in (7, 18) then 0.6
  else 0.25 end)`;

/** the mean of profile over a day (for daily totals without hourly detail) */
export const dayProfile = (dow: string) => `(case
  when p.sub_item = 'special' then 0.9
  when ${dow} >= 6 then (8 * 0.35 + 16 * 0.25) / 24.0
  else (10 * 1.0 + 2 * 0.6 + 12 * 0.25) / 24.0 end)`;

/** per-day noise, ±8 % */
export const noise = (doy: string) =>
  `(1 + 0.08 * sin(${doy} * 1.7 + (abs(hashtext(p.id::text)) % 628) / 100.0))`;
