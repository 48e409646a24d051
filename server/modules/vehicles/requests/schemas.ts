import { z } from 'zod';
import { pageQuery } from '../../../kernel/http/paging.ts';
import { instant, optionalText, text } from '../shared.ts';
import { CATEGORIES, REQUEST_KINDS, REQUEST_STATUSES } from '../tables.ts';

export const requestStatus = z.enum(REQUEST_STATUSES);
export const requestKind = z.enum(REQUEST_KINDS);

export const requestBody = z.object({
  passengers: z.number().int().min(1, '乘车人数至少 1 人').max(60),
  passengerNames: optionalText(500),
  contactPhone: optionalText(30),
  originId: z.uuid(),
  destinationIds: z.array(z.uuid()).min(1).max(5),
  departsAt: instant,
  returnsAt: instant,
  kind: requestKind,
  purpose: text(200),
  needCategory: z.enum(CATEGORIES).nullish(),
  specialWork: z.boolean().default(false),
});
export type RequestBody = z.infer<typeof requestBody>;

const place = z.object({ id: z.string(), name: z.string(), lon: z.number(), lat: z.number() });

export const tripRequest = z.object({
  id: z.string(),
  no: z.string(),
  requesterName: z.string(),
  requesterAccountId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string(),
  matterId: z.string().nullable(),
  passengers: z.number().int(),
  passengerNames: z.string().nullable(),
  contactPhone: z.string().nullable(),
  origin: place,
  destinations: z.array(place),
  departsAt: z.string(),
  returnsAt: z.string(),
  kind: requestKind,
  purpose: z.string(),
  needCategory: z.string().nullable(),
  specialWork: z.boolean(),
  /** the use of a sealed vehicle for this open request: approved, waiting for approval, or not asked */
  sealedUse: z.enum(['approved', 'pending']).nullable(),
  plannedKm: z.number().int(),
  status: requestStatus,
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  confirmedAt: z.string().nullable(),
  trips: z.array(
    z.object({
      id: z.string(),
      no: z.string(),
      leg: z.string(),
      status: z.string(),
      plate: z.string(),
      driverName: z.string(),
      driverPhone: z.string().nullable(),
      startsAt: z.string(),
      endsAt: z.string(),
      km: z.number().nullable(),
    }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TripRequestView = z.infer<typeof tripRequest>;

export const requestQuery = pageQuery.extend({
  status: requestStatus.optional(),
  mine: z.enum(['true', 'false']).optional(),
  jurisdictionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export type RequestQuery = z.infer<typeof requestQuery>;

export const cancelBody = z.object({ reason: text(200) });
export const confirmBody = z.object({ rating: z.number().int().min(1).max(5), comment: optionalText(200) });
