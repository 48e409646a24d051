import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { BookingRow } from './bookings.ts';

/**
 * iCalendar (RFC 5545) for bookings, read by Outlook and Apple Calendar: times in UTC (…Z, so no
 * VTIMEZONE is needed), a stable UID per booking, SEQUENCE bumped on every change, METHOD:REQUEST for an
 * invitation (METHOD:CANCEL once cancelled) and METHOD:PUBLISH for subscribed feeds.
 */

const PROD_ID = { company: 'goa', product: 'meeting-rooms', language: 'ZH' };

export interface IcsOptions {
  /** mail domain for organiser addresses (accounts have no mail address) */
  mailDomain: string;
  /** organiser usernames by account id */
  usernames: ReadonlyMap<string, string>;
  /** the calendar's name (feeds) */
  name?: string;
}

export const bookingUid = (id: string, domain: string) => `${id}@${domain}`;

function eventStatus(status: BookingRow['status']): ICalEventStatus {
  if (status === 'pending') return ICalEventStatus.TENTATIVE;
  if (status === 'cancelled' || status === 'rejected' || status === 'released')
    return ICalEventStatus.CANCELLED;
  return ICalEventStatus.CONFIRMED;
}

function addEvent(cal: ReturnType<typeof ical>, b: BookingRow, o: IcsOptions) {
  const username = (b.organizer_account_id && o.usernames.get(b.organizer_account_id)) || 'rooms';
  cal.createEvent({
    id: bookingUid(b.id, o.mailDomain),
    sequence: b.sequence,
    start: new Date(b.starts_at),
    end: new Date(b.ends_at),
    stamp: new Date(b.updated_at),
    created: new Date(b.created_at),
    lastModified: new Date(b.updated_at),
    summary: b.title,
    location: `${b.building_name} ${b.room_name}（${b.floor}F）`,
    description: [
      `会议室 Room: ${b.building_name} ${b.room_name}`,
      b.building_address ? `地址 Address: ${b.building_address}` : null,
      `预订人 Organiser: ${b.organizer_name}`,
      b.attendees ? `人数 Attendees: ${b.attendees}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
    organizer: { name: b.organizer_name, email: `${username}@${o.mailDomain}` },
    status: eventStatus(b.status),
  });
}

/** The invitation of one booking (an .ics attachment or download). */
export function invitation(b: BookingRow, o: IcsOptions): string {
  const cancelled = eventStatus(b.status) === ICalEventStatus.CANCELLED;
  const cal = ical({
    prodId: PROD_ID,
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: b.title,
  });
  addEvent(cal, b, o);
  return cal.toString();
}

/** A subscribable calendar of bookings (a person's or a room's). */
export function feed(rows: readonly BookingRow[], o: IcsOptions): string {
  const cal = ical({
    prodId: PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: o.name ?? 'goa',
    ttl: 15 * 60,
  });
  for (const b of rows) addEvent(cal, b, o);
  return cal.toString();
}
