import type { Generated } from 'kysely';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    office_building: {
      id: Generated<string>;
      code: string;
      name: string;
      address: string | null;
      jurisdiction_id: string;
      unit_id: string;
      floors: Generated<number>;
      lon: number | null;
      lat: number | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
  }
}

export type RoomPolicy = 'all' | 'units' | 'approval';
export type BookingStatus = 'pending' | 'confirmed' | 'checked_in' | 'cancelled' | 'rejected' | 'released';
export type BookingService = 'tea' | 'av' | 'name_cards';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    meeting_room: {
      id: Generated<string>;
      building_id: string;
      jurisdiction_id: string;
      unit_id: string;
      code: string;
      name: string;
      floor: number;
      capacity: number;
      equipment: Generated<string[]>;
      policy: Generated<RoomPolicy>;
      photo_file_id: string | null;
      description: string | null;
      active: Generated<boolean>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    meeting_room_unit: { room_id: string; unit_id: string };
    room_booking_series: {
      id: Generated<string>;
      room_id: string;
      rrule: string;
      first_start: Date | string;
      duration_minutes: number;
      exdates: Generated<Date[]>;
      organizer_account_id: string | null;
      created_at: Generated<Date>;
    };
    room_booking: {
      id: Generated<string>;
      room_id: string;
      series_id: string | null;
      title: string;
      starts_at: Date | string;
      ends_at: Date | string;
      attendees: number | null;
      status: Generated<BookingStatus>;
      services: Generated<string[]>;
      service_note: string | null;
      organizer_account_id: string | null;
      organizer_person_id: string | null;
      unit_id: string | null;
      jurisdiction_id: string | null;
      organizer_name: string;
      approval_matter_id: string | null;
      sequence: Generated<number>;
      checked_in_at: Date | null;
      cancelled_at: Date | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    room_calendar_feed: {
      id: Generated<string>;
      kind: 'person' | 'room';
      account_id: string;
      room_id: string | null;
      token_hash: string;
      created_at: Generated<Date>;
      revoked_at: Date | null;
      last_read_at: Date | null;
    };
  }
}
