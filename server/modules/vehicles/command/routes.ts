import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endOfDay, startOfDay } from '../../../kernel/calendar/businessDays.ts';
import type { AppContext } from '../../../kernel/module.ts';
import type { VehiclesConfig } from '../config.ts';
import { dateIn, fieldError, idParams, instant, isoDate } from '../shared.ts';
import { VEHICLE_STATUSES } from '../tables.ts';
import { board, openAlerts } from './board.ts';
import { POSITION_SOURCES } from './board.types.ts';
import { boundaries, mapConfig } from './map-config.ts';
import { tripsBetween, tripTrack, vehicleTrack } from './track.ts';

const tags = ['vehicles'];
const read = { permission: 'vehicles.fleet.read' } as const;
/** the longest vehicle + period track one request may ask for */
const MAX_TRACK_HOURS = 48;

const counts = z.object(
  Object.fromEntries(VEHICLE_STATUSES.map((s) => [s, z.number()])) as Record<
    (typeof VEHICLE_STATUSES)[number],
    z.ZodNumber
  >,
);
const boardView = z.object({
  at: z.string(),
  staleMinutes: z.number(),
  counts,
  pools: z.array(
    z.object({ jurisdictionId: z.string(), jurisdictionName: z.string(), total: z.number(), counts }),
  ),
  vehicles: z.array(
    z.object({
      id: z.string(),
      plate: z.string(),
      category: z.string(),
      label: z.string(),
      status: z.enum(VEHICLE_STATUSES),
      jurisdictionId: z.string(),
      jurisdictionName: z.string(),
      unitName: z.string(),
      position: z
        .object({
          at: z.string(),
          lon: z.number(),
          lat: z.number(),
          speedKmh: z.number().nullable(),
          stale: z.boolean(),
          source: z.enum(POSITION_SOURCES),
        })
        .nullable(),
      trip: z
        .object({
          id: z.string(),
          no: z.string(),
          status: z.string(),
          driverName: z.string(),
          startsAt: z.string(),
          endsAt: z.string(),
          route: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});
const point = z.object({
  at: z.string(),
  lon: z.number(),
  lat: z.number(),
  speedKmh: z.number().nullable(),
  source: z.enum(POSITION_SOURCES),
});
const track = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  points: z.array(point),
  sources: z.partialRecord(z.enum(POSITION_SOURCES), z.number()),
});
const tripInfo = z.object({
  id: z.string(),
  no: z.string(),
  status: z.string(),
  vehicleId: z.string(),
  plate: z.string(),
  driverName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  km: z.number().nullable(),
  stops: z.array(z.object({ name: z.string(), lon: z.number(), lat: z.number() })),
});
const maxPoints = z.coerce.number().int().min(50).max(5000).default(1500);

/** The command view (指挥): live board, alerts, trip replay tracks, and the map's settings and outlines. */
export function commandRoutes(app: FastifyInstance, ctx: AppContext, cfg: VehiclesConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  r.get(
    '/api/vehicles/command/board',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Live board: the vehicles of the pools in scope, their status, last position and current trip',
        response: { 200: boardView },
      },
    },
    async (req) => board(db, req.goa.scope, cfg.staleMinutes),
  );

  r.get(
    '/api/vehicles/command/alerts',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Open alerts in scope (red first, then newest)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (req) => openAlerts(db, req.goa.scope, req.query.limit),
  );

  r.get(
    '/api/vehicles/command/trips',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Trips of a day (of the pools in scope or booked in scope), to pick one for replay',
        querystring: z.object({ date: isoDate.optional(), vehicleId: z.uuid().optional() }),
        response: { 200: z.array(tripInfo) },
      },
    },
    async (req) => {
      const d = req.query.date ?? dateIn(new Date(), tz);
      return tripsBetween(db, req.goa.scope, startOfDay(d, tz), endOfDay(d, tz), req.query.vehicleId);
    },
  );

  r.get(
    '/api/vehicles/command/trips/:id/track',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.trip', param: 'id' } } },
      schema: {
        tags,
        summary: 'A trip and its track (positions in time order, simplified to at most maxPoints)',
        params: idParams,
        querystring: z.object({ maxPoints }),
        response: { 200: z.object({ trip: tripInfo, track }) },
      },
    },
    async (req) => tripTrack(db, req.params.id, req.query.maxPoints),
  );

  r.get(
    '/api/vehicles/command/vehicles/:id/track',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: {
        tags,
        summary: `A vehicle's track over a period of at most ${MAX_TRACK_HOURS} hours`,
        params: idParams,
        querystring: z.object({ from: instant, to: instant, maxPoints }),
        response: { 200: track },
      },
    },
    async (req) => {
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (to <= from)
        throw fieldError('to', 'track_period_order', {
          'zh-CN': '结束时间须晚于开始时间',
          en: 'The end must come after the start',
        });
      if (to.getTime() - from.getTime() > MAX_TRACK_HOURS * 3_600_000)
        throw fieldError('to', 'track_period_too_long', {
          'zh-CN': `轨迹查询时段不能超过 ${MAX_TRACK_HOURS} 小时`,
          en: `A track covers at most ${MAX_TRACK_HOURS} hours`,
        });
      return vehicleTrack(db, req.params.id, from, to, req.query.maxPoints);
    },
  );

  r.get(
    '/api/vehicles/map/config',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'The map settings: tile layers (if any), their datum, the default view' },
    },
    async () => mapConfig(cfg),
  );

  r.get(
    '/api/vehicles/map/boundaries',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          'District boundaries (GeoJSON, WGS-84): GOA_VEHICLES_BOUNDARIES or the bundled simplified outlines',
      },
    },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('cache-control', 'private, max-age=3600')
        .send(boundaries(cfg)),
  );
}
