import type { BookingStatus } from './tables.ts';

/** The statuses that hold a room's time (the exclusion constraint's WHERE clause says the same). */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'checked_in'];
