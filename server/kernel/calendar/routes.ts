import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { isIsoDate, localDate } from './businessDays.ts';
import {
  calendarService,
  countBusinessDays,
  deleteDay,
  listDays,
  putDay,
  shiftBusinessDays,
} from './service.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date');

const day = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  nameEn: z.string().nullable(),
  note: z.string().nullable(),
});

const dayBody = z.object({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100).nullish(),
  note: z.string().trim().max(500).nullish(),
});

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = calendarService(ctx);

  r.get(
    '/api/calendar/days',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['calendar'],
        summary: 'The holidays and make-up workdays (调休) of a year (default: this year)',
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() }),
        response: { 200: z.array(day) },
      },
    },
    async (req) => {
      const year = req.query.year ?? Number(localDate(new Date(), ctx.config.timeZone).slice(0, 4));
      return listDays(ctx.db, year);
    },
  );

  r.put(
    '/api/calendar/days/:date',
    {
      config: { access: { permission: 'calendar.write', scope: 'global' } },
      schema: {
        tags: ['calendar'],
        summary: 'Mark a date as a holiday or a make-up workday (creates or replaces)',
        params: z.object({ date: isoDate }),
        body: dayBody,
        response: { 200: day, 201: day },
      },
    },
    async (req, reply) => {
      const { day: saved, created } = await putDay(service, ctx.db, req.params.date, req.body, req.goa.actor);
      return reply.status(created ? 201 : 200).send(saved);
    },
  );

  r.delete(
    '/api/calendar/days/:date',
    {
      config: { access: { permission: 'calendar.write', scope: 'global' } },
      schema: {
        tags: ['calendar'],
        summary: 'Remove an entry: the date follows the ordinary week again',
        params: z.object({ date: isoDate }),
      },
    },
    async (req, reply) => {
      await deleteDay(service, ctx.db, req.params.date, req.goa.actor);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/calendar/business-days',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['calendar'],
        summary: 'The number of business days after `from` up to and including `to`',
        querystring: z.object({ from: isoDate, to: isoDate }),
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    async (req) => ({ count: await countBusinessDays(service, req.query.from, req.query.to) }),
  );

  r.get(
    '/api/calendar/add-business-days',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['calendar'],
        summary: 'The date `days` business days after `date` (before it when negative)',
        querystring: z.object({ date: isoDate, days: z.coerce.number().int().min(-2000).max(2000) }),
        response: { 200: z.object({ date: z.string() }) },
      },
    },
    async (req) => ({ date: await shiftBusinessDays(service, req.query.date, req.query.days) }),
  );
}
