import { sql } from 'kysely';
import type { Db, Executor } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { errors } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../http/access.ts';
import { addBusinessDays, businessDaysBetween, isWeekend, type BusinessCalendar } from './businessDays.ts';
import type { DayKind } from './tables.ts';
import './tables.ts';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  nameEn: string | null;
  note: string | null;
}

export interface CalendarDayInput {
  kind: DayKind;
  name: string;
  nameEn?: string | null | undefined;
  note?: string | null | undefined;
}

/** The longest span the HTTP API computes over (ten years). */
export const MAX_API_SPAN_DAYS = 3660;

const toDay = (r: {
  date: string;
  kind: DayKind;
  name: string;
  name_en: string | null;
  note: string | null;
}): CalendarDay => ({ date: r.date, kind: r.kind, name: r.name, nameEn: r.name_en, note: r.note });

export async function loadCalendar(db: Executor, timeZone: string): Promise<BusinessCalendar> {
  const rows = await db.selectFrom('calendar_day').select(['date', 'kind']).execute();
  return { timeZone, days: new Map(rows.map((r) => [r.date, r.kind])) };
}

/**
 * The loaded calendar, cached per database. An edit through this service reloads it at once; edits
 * made by another app instance are picked up within `ttlMs`.
 */
export class CalendarService {
  private cached: { at: number; value: Promise<BusinessCalendar> } | null = null;

  constructor(
    private readonly db: Db,
    readonly timeZone: string,
    private readonly ttlMs = 60_000,
  ) {}

  /** The calendar; pass the open transaction when calling from inside one (PGlite has one connection). */
  get(executor: Executor = this.db): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = loadCalendar(executor, this.timeZone);
    this.cached = { at: Date.now(), value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = null;
    });
    return value;
  }

  invalidate(): void {
    this.cached = null;
  }
}

const services = new WeakMap<Db, CalendarService>();

/** The calendar service of a database (one per app instance and database). */
export function calendarService(ctx: { db: Db; config: { timeZone: string } }): CalendarService {
  let s = services.get(ctx.db);
  if (!s) {
    s = new CalendarService(ctx.db, ctx.config.timeZone);
    services.set(ctx.db, s);
  }
  return s;
}

export async function listDays(db: Executor, year: number): Promise<CalendarDay[]> {
  const rows = await db
    .selectFrom('calendar_day')
    .select(['date', 'kind', 'name', 'name_en', 'note'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map(toDay);
}

export async function putDay(
  service: CalendarService,
  db: Db,
  date: string,
  input: CalendarDayInput,
  actor: Actor,
): Promise<{ day: CalendarDay; created: boolean }> {
  if (input.kind === 'workday' && !isWeekend(date)) {
    throw errors.field('kind', 'workday_not_weekend', {
      'zh-CN': '调休上班日只能设在星期六或星期日（星期一至五本就是工作日）',
      en: 'A make-up workday must be a Saturday or Sunday (Monday to Friday are working days anyway)',
    });
  }
  const values = {
    kind: input.kind,
    name: input.name,
    name_en: input.nameEn ?? null,
    note: input.note ?? null,
  };
  const result = await inTransaction(db, async (tx) => {
    const before = await tx
      .selectFrom('calendar_day')
      .select(['date', 'kind', 'name', 'name_en', 'note'])
      .where('date', '=', date)
      .forUpdate()
      .executeTakeFirst();
    const row = await tx
      .insertInto('calendar_day')
      .values({ date, ...values })
      .onConflict((oc) => oc.column('date').doUpdateSet({ ...values, updated_at: sql`now()` }))
      .returning(['date', 'kind', 'name', 'name_en', 'note'])
      .executeTakeFirstOrThrow();
    const day = toDay(row);
    await audit(tx, actor, {
      entity: 'calendar.day',
      entityId: date,
      action: before ? 'update' : 'create',
      before: before ? toDay(before) : undefined,
      after: day,
    });
    return { day, created: !before };
  });
  service.invalidate();
  return result;
}

export async function deleteDay(service: CalendarService, db: Db, date: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .deleteFrom('calendar_day')
      .where('date', '=', date)
      .returning(['date', 'kind', 'name', 'name_en', 'note'])
      .executeTakeFirst();
    if (!row) throw errors.notFound('calendar day', date);
    await audit(tx, actor, { entity: 'calendar.day', entityId: date, action: 'delete', before: toDay(row) });
  });
  service.invalidate();
}

function assertSpan(from: string, to: string, field: string): void {
  const span = Math.abs(Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span > MAX_API_SPAN_DAYS) {
    throw errors.field(field, 'span_too_large', {
      'zh-CN': `日期跨度不能超过 ${MAX_API_SPAN_DAYS} 天`,
      en: `The dates may be at most ${MAX_API_SPAN_DAYS} days apart`,
    });
  }
}

export async function countBusinessDays(service: CalendarService, from: string, to: string): Promise<number> {
  assertSpan(from, to, 'to');
  return businessDaysBetween(await service.get(), from, to);
}

export async function shiftBusinessDays(
  service: CalendarService,
  date: string,
  days: number,
): Promise<string> {
  return addBusinessDays(await service.get(), date, days);
}
