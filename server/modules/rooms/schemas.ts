import { z } from 'zod';
import { EQUIPMENT } from './rooms.ts';

/** Booking contracts (the public API's `{ start, end, title }` is the core of `bookingCreate`). */

export const SERVICES = ['tea', 'av', 'name_cards'] as const;
const instant = z.iso.datetime({ offset: true });

export const recurrence = z.object({
  /** an RFC 5545 RRULE with COUNT or UNTIL, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10 */
  rrule: z.string().trim().min(1).max(500),
  /** excluded start times (EXDATE) */
  exdates: z.array(instant).max(400).default([]),
});

export const bookingCreate = z.object({
  start: instant,
  end: instant,
  title: z.string().trim().min(1).max(200),
  attendees: z.number().int().min(1).max(2000).optional(),
  services: z.array(z.enum(SERVICES)).max(3).default([]),
  serviceNote: z.string().trim().max(500).optional(),
  recurrence: recurrence.optional(),
});
export type BookingCreate = z.infer<typeof bookingCreate>;

export const bookingStatus = z.enum([
  'pending',
  'confirmed',
  'checked_in',
  'cancelled',
  'rejected',
  'released',
]);

export const booking = z.object({
  id: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  floor: z.number().int(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  attendees: z.number().int().nullable(),
  status: bookingStatus,
  services: z.array(z.string()),
  serviceNote: z.string().nullable(),
  organizerName: z.string(),
  organizerAccountId: z.string().nullable(),
  seriesId: z.string().nullable(),
  approvalMatterId: z.string().nullable(),
  sequence: z.number().int(),
  checkedInAt: z.string().nullable(),
});
export type BookingDto = z.infer<typeof booking>;

/** What POST answers: one booking, or the first of a series with the series' size. */
export const bookingCreated = booking.extend({ occurrences: z.number().int() });

export const bookingQuery = z.object({
  roomId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  from: instant,
  to: instant,
  includeInactive: z.stringbool().optional(),
});
export type BookingQuery = z.infer<typeof bookingQuery>;

export const idParams = z.object({ id: z.uuid() });
export const equipment = z.enum(EQUIPMENT);
