import { z } from 'zod';
import { pageQuery } from '../../../kernel/http/paging.ts';
import { isoDate, optionalDate, optionalText, text } from '../shared.ts';
import { DRIVER_STATUSES, LICENCE_CLASSES } from '../tables.ts';

export const driverStatus = z.enum(DRIVER_STATUSES);
export const licenceClass = z.enum(LICENCE_CLASSES);

export const driver = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  personId: z.string().nullable(),
  accountId: z.string().nullable(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  licenceClass,
  licenceNo: z.string().nullable(),
  licenceExpiresOn: z.string(),
  contractStartsOn: z.string().nullable(),
  contractEndsOn: z.string().nullable(),
  uniformIssuedOn: z.string().nullable(),
  badgeNo: z.string().nullable(),
  maxDailyMinutes: z.number().int(),
  minRestMinutes: z.number().int(),
  status: driverStatus,
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  version: z.number().int(),
});
export type DriverView = z.infer<typeof driver>;

const base = {
  name: text(50),
  phone: optionalText(30),
  licenceClass,
  licenceNo: optionalText(30),
  licenceExpiresOn: isoDate,
  contractStartsOn: optionalDate,
  contractEndsOn: optionalDate,
  uniformIssuedOn: optionalDate,
  badgeNo: optionalText(30),
  maxDailyMinutes: z.number().int().min(60).max(960).default(600),
  minRestMinutes: z.number().int().min(0).max(240).default(30),
  personId: z.uuid().nullish(),
  accountId: z.uuid().nullish(),
};
export const driverCreate = z.object({ ...base, unitId: z.uuid() });
export type DriverCreate = z.infer<typeof driverCreate>;
export const driverPatch = z
  .object({
    ...base,
    maxDailyMinutes: z.number().int().min(60).max(960),
    minRestMinutes: z.number().int().min(0).max(240),
    status: driverStatus,
    version: z.number().int().optional(),
  })
  .partial();
export type DriverPatch = z.infer<typeof driverPatch>;

export const driverQuery = pageQuery.extend({
  jurisdictionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: driverStatus.optional(),
});
export type DriverQuery = z.infer<typeof driverQuery>;

export const training = z.object({
  id: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  hours: z.number(),
  passed: z.boolean(),
});
export const trainingCreate = z.object({
  heldOn: isoDate,
  topic: text(100),
  hours: z.number().positive().max(500),
  passed: z.boolean().default(true),
});
export type TrainingCreate = z.infer<typeof trainingCreate>;
