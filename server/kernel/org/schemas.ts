import { z } from 'zod';
import { pageQuery } from '../http/paging.ts';
import { RANK_CODES } from './ranks.ts';

/** Request and response contracts of the organisation API (also the shapes the web client uses). */

export const LIMITS = {
  unitCode: 40,
  unitName: 100,
  shortName: 50,
  address: 200,
  departmentName: 100,
  employeeNo: 32,
  personName: 50,
  position: 50,
  phone: 30,
  email: 120,
  establishment: 100_000,
} as const;

export const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const PHONE_PATTERN = /^[0-9+\-() ]+$/;
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const idParams = z.object({ id: z.uuid() });

export const unitKind = z.enum(['organ', 'institution']);
export const unitLevel = z.enum(['city', 'district', 'county', 'township']);
export const personStatus = z.enum(['active', 'transferred', 'retired']);
export const gender = z.enum(['male', 'female']);
export const rank = z.enum(RANK_CODES);

export const rankItem = z.object({ code: z.string(), label: z.string(), order: z.number().int() });

export const jurisdiction = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
});

export const treeUnit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: unitKind,
  level: unitLevel,
  jurisdictionId: z.string(),
  parentId: z.string().nullable(),
  establishment: z.number().int(),
  headcount: z.number().int(),
});

export const unit = treeUnit.extend({
  jurisdictionName: z.string(),
  parentName: z.string().nullable(),
  parentCode: z.string().nullable(),
  address: z.string().nullable(),
  sort: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitDto = z.infer<typeof unit>;

export const unitFilters = z.object({
  jurisdictionId: z.uuid().optional(),
  kind: unitKind.optional(),
  level: unitLevel.optional(),
  parentId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  sort: pageQuery.shape.sort,
});
export const unitQuery = pageQuery.extend(unitFilters.shape);
export type UnitFilters = z.infer<typeof unitFilters>;

export const unitCreate = z.object({
  code: text(LIMITS.unitCode).regex(CODE_PATTERN),
  name: text(LIMITS.unitName),
  shortName: optionalText(LIMITS.shortName),
  kind: unitKind,
  level: unitLevel,
  jurisdictionId: z.uuid(),
  parentId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  establishment: z.number().int().min(0).max(LIMITS.establishment).default(0),
  address: optionalText(LIMITS.address),
  sort: z.number().int().min(-1_000_000).max(1_000_000).default(0),
});
export type UnitCreate = z.infer<typeof unitCreate>;

export const unitPatch = z
  .object({
    code: text(LIMITS.unitCode).regex(CODE_PATTERN),
    name: text(LIMITS.unitName),
    shortName: optionalText(LIMITS.shortName),
    kind: unitKind,
    level: unitLevel,
    jurisdictionId: z.uuid(),
    parentId: z.uuid().nullable(),
    establishment: z.number().int().min(0).max(LIMITS.establishment),
    address: optionalText(LIMITS.address),
    sort: z.number().int().min(-1_000_000).max(1_000_000),
  })
  .partial()
  .strict();
export type UnitPatch = z.infer<typeof unitPatch>;

export const department = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  sort: z.number().int(),
  headcount: z.number().int(),
});

export const departmentCreate = z.object({
  unitId: z.uuid(),
  name: text(LIMITS.departmentName),
  sort: z.number().int().min(-1_000_000).max(1_000_000).default(0),
});
export const departmentPatch = departmentCreate.omit({ unitId: true }).partial().strict();

export const person = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  jurisdictionId: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  employeeNo: z.string(),
  name: z.string(),
  gender: gender.nullable(),
  rank: z.string(),
  rankLabel: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: personStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonDto = z.infer<typeof person>;

export const personFilters = z.object({
  jurisdictionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  rank: rank.optional(),
  status: personStatus.optional(),
  q: z.string().trim().max(100).optional(),
  sort: pageQuery.shape.sort,
});
export const personQuery = pageQuery.extend(personFilters.shape);
export type PersonFilters = z.infer<typeof personFilters>;

export const personCreate = z.object({
  unitId: z.uuid(),
  departmentId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  employeeNo: text(LIMITS.employeeNo).regex(CODE_PATTERN),
  name: text(LIMITS.personName),
  gender: gender.nullish().transform((v) => v ?? null),
  rank,
  position: optionalText(LIMITS.position),
  phone: optionalText(LIMITS.phone).refine((v) => v === null || PHONE_PATTERN.test(v)),
  email: optionalText(LIMITS.email).refine((v) => v === null || EMAIL_PATTERN.test(v)),
  status: personStatus.default('active'),
});
export type PersonCreate = z.infer<typeof personCreate>;

export const personPatch = z
  .object({
    unitId: z.uuid(),
    departmentId: z.uuid().nullable(),
    employeeNo: text(LIMITS.employeeNo).regex(CODE_PATTERN),
    name: text(LIMITS.personName),
    gender: gender.nullable(),
    rank,
    position: optionalText(LIMITS.position),
    phone: optionalText(LIMITS.phone).refine((v) => v === null || PHONE_PATTERN.test(v)),
    email: optionalText(LIMITS.email).refine((v) => v === null || EMAIL_PATTERN.test(v)),
    status: personStatus,
  })
  .partial()
  .strict();
export type PersonPatch = z.infer<typeof personPatch>;

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
