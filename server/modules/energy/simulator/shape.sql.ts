/**
 * The demo's consumption shape as SQL expressions, shared by the history seed. Per point: a base
 * load per 15 minutes (`p.base`, see POINT_BASES: sized by its institution's floor area or occupants);
 * a working-day profile (08–18 full, 07 and
 * 18 shoulders, nights and weekends at base load); HVAC seasonality (summer and winter peaks); heat
 * only in winter; gentle per-day noise. `simulator/shape.ts` is the same model in TypeScript.
 */
export const BASE = `p.base`;

/**
 * Yearly consumption per m² of floor area by institution kind (electricity kWh, natural gas m³, heat
 * GJ), chosen so that 综合能耗 lands where Chinese public institutions are (kgce/m²·a: organs and other
 * offices ≈ 12–15, schools ≈ 6–9, hospitals ≈ 28–40, venues ≈ 12–15; 2020 national mean 18.48), and
 * water m³ per person and year (national mean 21.53).
 */
export const YEARLY_PER_M2 = {
  electricity: { organ: 110, institution: 95, school: 50, hospital: 190, venue: 110, other: 95 },
  gas: { organ: 1.5, institution: 1.2, school: 1.2, hospital: 5, venue: 1, other: 1 },
  heat: { organ: 0, institution: 0, school: 0, hospital: 0.18, venue: 0, other: 0 },
} as const;
export const WATER_M3_PER_PERSON = 22;
/** a sub-item's share of its institution's electricity, split among the leaf meters of that sub-item */
export const SUB_ITEM_SHARE = { lighting_sockets: 0.4, hvac: 0.35, power: 0.15, special: 0.1 } as const;

const byKind = (t: Record<string, number>) =>
  `(case i.kind ${Object.entries(t)
    .map(([k, v]) => `when '${k}' then ${v}`)
    .join(' ')} else 0 end)`;

/**
 * The yearly mean of season × profile of a point (see season, profile): working-week profile
 * (5 × 14.2 + 2 × 6.8) / 24 / 7 = 0.50357; HVAC season 0.25 + 1.5/π; heat 0.05 + 1.2/π.
 */
const MEAN_SHAPE = `(case when p.sub_item = 'special' then 0.9 else 0.50357 end
  * case when p.sub_item = 'hvac' then 0.25 + 1.5 / pi() when p.energy_type = 'heat' then 0.05 + 1.2 / pi() else 1 end)`;

/**
 * Every metered, active point with its base load per 15 minutes (id, base): its institution's yearly
 * amount of the energy type (floor area × YEARLY_PER_M2, water by occupants), electricity split by
 * SUB_ITEM_SHARE, shared among the institution's leaf meters of the same kind, divided by the 35,040
 * quarters of a year and the mean shape, ±20 % by a hash of the point. Parent meters get a base too,
 * but calibrate.ts replaces their history by the sum of their sub-meters.
 */
export const POINT_BASES = `
  with area as (
    select institution_id, sum(floor_area)::float8 as a from energy_building group by 1
  ), parent as (
    select distinct parent_id as id from energy_point where parent_id is not null and kind = 'metered' and active
  ), leaf as (
    select p.id, count(*) over (partition by p.institution_id, p.energy_type, p.sub_item) as n
    from energy_point p left join parent x on x.id = p.id
    where p.kind = 'metered' and p.active and x.id is null
  )
  select p.id, greatest(0.0001, (case p.energy_type
      when 'electricity' then coalesce(a.a, 0) * ${byKind(YEARLY_PER_M2.electricity)}
        * (case p.sub_item ${Object.entries(SUB_ITEM_SHARE)
          .map(([k, v]) => `when '${k}' then ${v}`)
          .join(' ')} else 1 end)
      when 'gas' then coalesce(a.a, 0) * ${byKind(YEARLY_PER_M2.gas)}
      when 'heat' then coalesce(a.a, 0) * ${byKind(YEARLY_PER_M2.heat)}
      else greatest(i.occupants, 1) * ${WATER_M3_PER_PERSON} end)
    / coalesce(l.n, 1) / 35040.0 / ${MEAN_SHAPE}
    * (0.8 + (abs(hashtext(p.id::text)) % 400) / 1000.0)) as base
  from energy_point p
  join energy_institution i on i.id = p.institution_id
  left join area a on a.institution_id = p.institution_id
  left join leaf l on l.id = p.id
  where p.kind = 'metered' and p.active`;

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
