import { z } from 'zod';
import { pageQuery } from '../../../kernel/http/paging.ts';
import { fen, isoDate, optionalDate, optionalText, text } from '../shared.ts';
import { BODY_TYPES, CATEGORIES, ENERGY_TYPES, RECORD_KINDS, VEHICLE_STATUSES } from '../tables.ts';

export const category = z.enum(CATEGORIES);
export const bodyType = z.enum(BODY_TYPES);
export const energyType = z.enum(ENERGY_TYPES);
export const vehicleStatus = z.enum(VEHICLE_STATUSES);
export const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6}[\u4e00-\u9fa5]?$/;

export const violation = z.object({
  rule: z.string(),
  kind: z.enum(['price', 'displacement']),
  limit: z.number(),
  actual: z.number(),
  message: z.string(),
});

export const vehicle = z.object({
  id: z.string(),
  plate: z.string(),
  category,
  bodyType,
  brand: z.string(),
  model: z.string(),
  energyType,
  displacementL: z.number().nullable(),
  priceFen: z.number().int(),
  seats: z.number().int(),
  purchaseDate: z.string(),
  odometerKm: z.number().int(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  status: vehicleStatus,
  violations: z.array(violation),
  replacement: z.object({ eligible: z.boolean(), reason: z.enum(['age', 'mileage']).nullable() }),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type VehicleView = z.infer<typeof vehicle>;

const base = {
  plate: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase().replace(/\s|·/g, ''))
    .pipe(z.string().regex(PLATE, '如 苏D12345')),
  category,
  bodyType: bodyType.default('sedan'),
  brand: text(40),
  model: text(60),
  energyType,
  displacementL: z.number().min(0.5).max(9.9).nullish(),
  priceFen: fen.max(1_000_000_000),
  seats: z.number().int().min(2).max(60),
  purchaseDate: isoDate,
  odometerKm: z.number().int().min(0).max(2_000_000).default(0),
  note: optionalText(500),
};

export const vehicleCreate = z.object({ ...base, unitId: z.uuid() });
export type VehicleCreate = z.infer<typeof vehicleCreate>;

export const vehiclePatch = z
  .object({
    ...base,
    bodyType,
    odometerKm: z.number().int().min(0).max(2_000_000),
    status: z.enum(['available', 'maintenance', 'retired']),
    unitId: z.uuid(),
    version: z.number().int().optional(),
  })
  .partial();
export type VehiclePatch = z.infer<typeof vehiclePatch>;

export const vehicleFilters = z.object({
  jurisdictionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: vehicleStatus.optional(),
  category: category.optional(),
  violating: z.enum(['true', 'false']).optional(),
  replaceable: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});
export const vehicleQuery = pageQuery.extend(vehicleFilters.shape);
export type VehicleFilters = z.infer<typeof vehicleFilters>;

export const recordKind = z.enum(RECORD_KINDS);
export const record = z.object({
  id: z.string(),
  vehicleId: z.string(),
  plate: z.string(),
  kind: recordKind,
  doneOn: z.string(),
  dueOn: z.string().nullable(),
  costFen: z.number().int(),
  vendor: z.string().nullable(),
  note: z.string().nullable(),
});
export const recordCreate = z.object({
  kind: recordKind,
  doneOn: isoDate,
  dueOn: optionalDate,
  costFen: fen.default(0),
  vendor: optionalText(100),
  note: optionalText(500),
});
export type RecordCreate = z.infer<typeof recordCreate>;

export const reminder = z.object({
  kind: z.enum(['maintenance', 'insurance', 'annual_inspection', 'licence', 'contract']),
  subjectId: z.string(),
  subject: z.string(),
  dueOn: z.string(),
  daysLeft: z.number().int(),
});
