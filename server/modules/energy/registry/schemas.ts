import { z } from 'zod';
import { pageQuery } from '../../../kernel/http/paging.ts';

/** Request and response contracts of the registry (also read by the web client). */

export const INSTITUTION_KINDS = ['organ', 'institution', 'school', 'hospital', 'venue', 'other'] as const;
export const DEMONSTRATIONS = ['national', 'provincial'] as const;
export const ENERGY_TYPES = ['electricity', 'water', 'gas', 'heat'] as const;
export const SUB_ITEMS = ['lighting_sockets', 'hvac', 'power', 'special'] as const;
export const POINT_KINDS = ['metered', 'virtual', 'manual'] as const;
export const POINT_UNITS = ['kWh', 'm3', 'GJ'] as const;
export const INTERVALS = [1, 5, 15, 30, 60] as const;
/** the unit every energy type is metered in */
export const UNIT_OF = { electricity: 'kWh', water: 'm3', gas: 'm3', heat: 'GJ' } as const;

export const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
export const idParams = z.object({ id: z.uuid() });

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();

export const institutionCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/),
  name: text(120),
  jurisdictionId: z.uuid(),
  unitId: z.uuid().nullish(),
  kind: z.enum(INSTITUTION_KINDS),
  address: optText(200),
  lon: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  occupants: z.number().int().min(0).max(1_000_000).default(0),
  demonstration: z.enum(DEMONSTRATIONS).nullish(),
});
export type InstitutionCreate = z.infer<typeof institutionCreate>;
export const institutionPatch = institutionCreate.partial();
export type InstitutionPatch = z.infer<typeof institutionPatch>;

export const institution = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  jurisdictionId: z.uuid(),
  jurisdictionName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  kind: z.enum(INSTITUTION_KINDS),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  occupants: z.number().int(),
  demonstration: z.enum(DEMONSTRATIONS).nullable(),
  floorArea: z.number(),
  buildings: z.number().int(),
  points: z.number().int(),
  updatedAt: z.string(),
});
export type InstitutionDto = z.infer<typeof institution>;

export const institutionFilters = z.object({
  jurisdictionId: z.uuid().optional(),
  kind: z.enum(INSTITUTION_KINDS).optional(),
  demonstration: z.enum([...DEMONSTRATIONS, 'any']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type InstitutionFilters = z.infer<typeof institutionFilters>;
export const institutionQuery = pageQuery.extend(institutionFilters.shape);
export type InstitutionQuery = z.infer<typeof institutionQuery>;

export const buildingCreate = z.object({
  institutionId: z.uuid(),
  name: text(120),
  floorArea: z.number().positive().max(10_000_000),
  occupants: z.number().int().min(0).max(1_000_000).default(0),
  builtYear: z.number().int().min(1900).max(2100).nullish(),
});
export type BuildingCreate = z.infer<typeof buildingCreate>;
export const buildingPatch = buildingCreate.omit({ institutionId: true }).partial();
export type BuildingPatch = z.infer<typeof buildingPatch>;
export const building = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  name: z.string(),
  floorArea: z.number(),
  occupants: z.number().int(),
  builtYear: z.number().int().nullable(),
});
export type BuildingDto = z.infer<typeof building>;

export const pointCreate = z.object({
  code: z.string().trim().regex(CODE),
  name: text(120),
  institutionId: z.uuid(),
  buildingId: z.uuid().nullish(),
  energyType: z.enum(ENERGY_TYPES),
  subItem: z.enum(SUB_ITEMS).nullish(),
  parentId: z.uuid().nullish(),
  kind: z.enum(POINT_KINDS).default('metered'),
  formula: z.string().trim().max(500).nullish(),
  multiplier: z.number().positive().max(100_000).default(1),
  registerMax: z.number().positive().nullish(),
  intervalMinutes: z
    .union([z.literal(1), z.literal(5), z.literal(15), z.literal(30), z.literal(60)])
    .default(15),
  active: z.boolean().default(true),
  installedAt: z.iso.datetime({ offset: true }).nullish(),
});
export type PointCreate = z.infer<typeof pointCreate>;
export const pointPatch = pointCreate.omit({ institutionId: true }).partial();
export type PointPatch = z.infer<typeof pointPatch>;

export const point = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  institutionId: z.uuid(),
  institutionCode: z.string(),
  institutionName: z.string(),
  jurisdictionId: z.uuid(),
  buildingId: z.uuid().nullable(),
  buildingName: z.string().nullable(),
  energyType: z.enum(ENERGY_TYPES),
  subItem: z.enum(SUB_ITEMS).nullable(),
  parentId: z.uuid().nullable(),
  parentCode: z.string().nullable(),
  kind: z.enum(POINT_KINDS),
  formula: z.string().nullable(),
  unit: z.enum(POINT_UNITS),
  multiplier: z.number(),
  registerMax: z.number().nullable(),
  intervalMinutes: z.number().int(),
  active: z.boolean(),
  installedAt: z.string().nullable(),
});
export type PointDto = z.infer<typeof point>;

export const pointFilters = z.object({
  institutionId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
  energyType: z.enum(ENERGY_TYPES).optional(),
  kind: z.enum(POINT_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type PointFilters = z.infer<typeof pointFilters>;
export const pointQuery = pageQuery.extend(pointFilters.shape);
export type PointQuery = z.infer<typeof pointQuery>;

export const manualEntryInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  value: z.number().min(0).max(1e12),
  note: optText(200),
});
export type ManualEntryInput = z.infer<typeof manualEntryInput>;
export const manualEntry = z.object({
  id: z.uuid(),
  pointId: z.uuid(),
  month: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  enteredBy: z.string(),
  updatedAt: z.string(),
});

export const importResult = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
