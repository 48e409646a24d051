import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { errors } from '../../kernel/errors.ts';
import { user } from '../../kernel/http/access.ts';
import * as rooms from './rooms.ts';
import * as s from './schemas.ts';
import {
  cancelBooking,
  checkIn,
  createBooking,
  getBooking,
  listBookings,
  managesRoom,
  myBookings,
  toBooking,
} from './bookings.ts';
import { invitation } from './ical.ts';
import { usernames } from './feeds.ts';
import type { RoomsConfig } from './config.ts';
import './permissions.ts';

const tags = ['rooms'];
const book = { permission: 'rooms.book', scope: 'global' } as const;
/** the catalogue, the calendars and booking details: city-wide, read-only roles included */
const read = { permission: 'rooms.read', scope: 'global' } as const;

/** Rooms, bookings and the public booking API (`/api/meeting-rooms`). */
export function roomRoutes(app: FastifyInstance, ctx: AppContext, cfg: RoomsConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/meeting-rooms',
    {
      // the catalogue is city-wide; each room's policy says who may book it
      config: { access: read },
      schema: {
        tags,
        summary: 'Meeting rooms; with start and end only the rooms free for the whole span',
        querystring: rooms.roomQuery,
        response: { 200: z.array(rooms.room) },
      },
    },
    async (req) => rooms.listRooms(db, req.query),
  );

  r.post(
    '/api/meeting-rooms/:roomId/bookings',
    {
      config: { access: book },
      schema: {
        tags,
        summary: 'Book a room: 201, or 409 room_booked when the time is taken (one-off or recurring)',
        params: z.object({ roomId: z.uuid() }),
        body: s.bookingCreate,
        response: { 201: s.bookingCreated },
      },
    },
    async (req, reply) => {
      const created = await createBooking(
        db,
        user(req),
        req.goa.actor,
        req.params.roomId,
        req.body,
        ctx.config.timeZone,
      );
      return reply.status(201).send({ ...created.booking, occurrences: created.occurrences });
    },
  );

  r.get(
    '/api/rooms/rooms/:id',
    {
      config: { access: read },
      schema: { tags, summary: 'One meeting room', params: s.idParams, response: { 200: rooms.room } },
    },
    async (req) =>
      (await rooms.getRoom(db, req.params.id)) ??
      Promise.reject(errors.notFound('rooms.room', req.params.id)),
  );

  r.get(
    '/api/rooms/managed',
    {
      config: { access: { permission: 'rooms.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'The rooms the caller manages (active or not)',
        querystring: rooms.roomQuery,
        response: { 200: z.array(rooms.room) },
      },
    },
    async (req) => rooms.listRooms(db, { ...req.query, includeInactive: true }, req.goa.scope),
  );

  r.post(
    '/api/rooms/rooms',
    {
      config: {
        access: { permission: 'rooms.manage', scope: { entity: 'rooms.building', body: 'buildingId' } },
      },
      schema: {
        tags,
        summary: 'Add a meeting room to a building',
        body: rooms.roomCreate,
        response: { 201: rooms.room },
      },
    },
    async (req, reply) => reply.status(201).send(await rooms.createRoom(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/rooms/rooms/:id',
    {
      config: { access: { permission: 'rooms.manage', scope: { entity: 'rooms.room', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a meeting room (active: false takes it out of the catalogue)',
        params: s.idParams,
        body: rooms.roomPatch,
        response: { 200: rooms.room },
      },
    },
    async (req) => rooms.updateRoom(db, req.goa.actor, req.params.id, req.body),
  );

  r.get(
    '/api/rooms/bookings',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Bookings of a room or a building over a span (day and week calendars)',
        querystring: s.bookingQuery,
        response: { 200: z.array(s.booking) },
      },
    },
    async (req) => listBookings(db, req.query),
  );

  r.get(
    '/api/rooms/bookings/:id',
    {
      config: { access: read },
      schema: { tags, summary: 'One booking', params: s.idParams, response: { 200: s.booking } },
    },
    async (req) => {
      const row = await getBooking(db, req.params.id);
      if (!row) throw errors.notFound('rooms.booking', req.params.id);
      return toBooking(row);
    },
  );

  r.get(
    '/api/rooms/bookings/:id/ics',
    {
      config: { access: book },
      schema: {
        tags,
        summary: "A booking's iCalendar invitation (organiser or the room's managers)",
        params: s.idParams,
      },
    },
    async (req, reply) => {
      const p = user(req);
      const row = await getBooking(db, req.params.id);
      if (!row) throw errors.notFound('rooms.booking', req.params.id);
      if (row.organizer_account_id !== p.accountId && !managesRoom(p, row)) throw errors.forbidden();
      const text = invitation(row, {
        mailDomain: cfg.GOA_ROOMS_MAIL_DOMAIN,
        usernames: await usernames(db, [row.organizer_account_id]),
      });
      return reply
        .header(
          'content-type',
          'text/calendar; charset=utf-8; method=' + (row.status === 'cancelled' ? 'CANCEL' : 'REQUEST'),
        )
        .header('content-disposition', `attachment; filename="booking-${row.id.slice(0, 8)}.ics"`)
        .send(text);
    },
  );

  r.post(
    '/api/rooms/bookings/:id/cancel',
    {
      config: { access: book },
      schema: {
        tags,
        summary: 'Cancel a booking (series: true cancels it and the later occurrences of its series)',
        params: s.idParams,
        body: z.object({ series: z.boolean().default(false) }).default({ series: false }),
        response: { 200: s.booking },
      },
    },
    async (req) => cancelBooking(db, user(req), req.goa.actor, req.params.id, req.body.series),
  );

  r.post(
    '/api/rooms/bookings/:id/check-in',
    {
      config: { access: book },
      schema: {
        tags,
        summary: 'Check in to a booking around its start',
        params: s.idParams,
        response: { 200: s.booking },
      },
    },
    async (req) => checkIn(db, user(req), req.goa.actor, req.params.id, cfg.GOA_ROOMS_CHECKIN_EARLY_MINUTES),
  );

  r.get(
    '/api/rooms/mine',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The caller's bookings from a week ago on",
        response: { 200: z.array(s.booking) },
      },
    },
    async (req) => myBookings(db, user(req).accountId),
  );
}
