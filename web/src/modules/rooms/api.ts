import { api } from '../../shared/api.ts';

export const EQUIPMENT = [
  'projector',
  'screen',
  'video',
  'microphone',
  'whiteboard',
  'tv',
  'recording',
] as const;
export const SERVICES = ['tea', 'av', 'name_cards'] as const;
export type Policy = 'all' | 'units' | 'approval';
export type BookingStatus = 'pending' | 'confirmed' | 'checked_in' | 'cancelled' | 'rejected' | 'released';

export interface Building {
  id: string;
  code: string;
  name: string;
  address: string | null;
  jurisdictionId: string;
  jurisdictionName: string;
  unitId: string;
  unitName: string;
  floors: number;
  roomCount: number;
}

export interface Room {
  id: string;
  buildingId: string;
  buildingName: string;
  code: string;
  name: string;
  floor: number;
  capacity: number;
  equipment: string[];
  policy: Policy;
  unitIds: string[];
  unitNames: string[];
  photoFileId: string | null;
  description: string | null;
  active: boolean;
}

export interface Booking {
  id: string;
  roomId: string;
  roomName: string;
  buildingId: string;
  buildingName: string;
  floor: number;
  title: string;
  start: string;
  end: string;
  attendees: number | null;
  status: BookingStatus;
  services: string[];
  organizerName: string;
  organizerAccountId: string | null;
  seriesId: string | null;
  approvalMatterId: string | null;
  sequence: number;
}

export interface BookingInput {
  start: string;
  end: string;
  title: string;
  attendees?: number;
  services?: string[];
  serviceNote?: string;
  recurrence?: { rrule: string; exdates?: string[] };
}

export interface Feed {
  id: string;
  kind: 'person' | 'room';
  roomId: string | null;
  roomName: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastReadAt: string | null;
}

export const roomsApi = {
  buildings: () => api.get<Building[]>('/api/rooms/buildings'),
  rooms: (q: {
    buildingId?: string;
    capacity?: number;
    equipment?: string[];
    start?: string;
    end?: string;
  }) => {
    const params = new URLSearchParams();
    if (q.buildingId) params.set('buildingId', q.buildingId);
    if (q.capacity) params.set('capacity', String(q.capacity));
    for (const e of q.equipment ?? []) params.append('equipment', e);
    if (q.start && q.end) {
      params.set('start', q.start);
      params.set('end', q.end);
    }
    const s = params.toString();
    return api.get<Room[]>(`/api/meeting-rooms${s ? `?${s}` : ''}`);
  },
  managed: () => api.get<Room[]>('/api/rooms/managed'),
  createRoom: (body: Record<string, unknown>) => api.post<Room>('/api/rooms/rooms', body),
  updateRoom: (id: string, body: Record<string, unknown>) => api.patch<Room>(`/api/rooms/rooms/${id}`, body),
  createBuilding: (body: Record<string, unknown>) => api.post<Building>('/api/rooms/buildings', body),
  book: (roomId: string, body: BookingInput) =>
    api.post<Booking & { occurrences: number }>(`/api/meeting-rooms/${roomId}/bookings`, body),
  bookings: (q: { roomId?: string; buildingId?: string; from: string; to: string }) =>
    api.get<Booking[]>('/api/rooms/bookings', q),
  mine: () => api.get<Booking[]>('/api/rooms/mine'),
  cancel: (id: string, series = false) => api.post<Booking>(`/api/rooms/bookings/${id}/cancel`, { series }),
  checkIn: (id: string) => api.post<Booking>(`/api/rooms/bookings/${id}/check-in`),
  ics: (id: string) => api.download(`/api/rooms/bookings/${id}/ics`, undefined, 'booking.ics'),
  feeds: () => api.get<Feed[]>('/api/rooms/feeds'),
  createFeed: (body: { kind: 'person' } | { kind: 'room'; roomId: string }) =>
    api.post<Feed & { url: string }>('/api/rooms/feeds', body),
  revokeFeed: (id: string) => api.del(`/api/rooms/feeds/${id}`),
};

export const STATUS_COLORS: Record<BookingStatus, string> = {
  pending: 'gold',
  confirmed: 'blue',
  checked_in: 'green',
  cancelled: 'default',
  rejected: 'red',
  released: 'default',
};

/** A room photo as an inline image (the rooms module lets every catalogue reader see it). */
export const photoUrl = (id: string) => `/api/files/${id}?disposition=inline`;
export const uploadPhoto = (file: File) => api.upload<{ id: string }>('/api/files', file);
