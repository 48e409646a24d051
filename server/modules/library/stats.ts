import { sql } from 'kysely';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { Db } from '../../kernel/db/schema.ts';
import { startOfDay, endOfDay } from '../../kernel/calendar/businessDays.ts';
import './tables.ts';

/**
 * Library statistics over a period (default: the last twelve months): loans by month, category, title
 * and borrowers' unit, with the catalogue's size. Loans are counted by the borrower's unit (scope).
 */
export async function libraryStats(
  db: Db,
  scope: DataScope,
  timeZone: string,
  period: { from: string; to: string },
  today: string,
) {
  const from = startOfDay(period.from, timeZone);
  const to = endOfDay(period.to, timeZone);
  const inScope = scope.where({ jurisdiction: 'l.jurisdiction_id', unit: 'l.unit_id' });
  const loans = db
    .selectFrom('library_loan as l')
    .where(inScope)
    .where('l.borrowed_at', '>=', from)
    .where('l.borrowed_at', '<=', to);
  // a literal, not a parameter: GROUP BY must see the very same expression as SELECT
  const month = sql<string>`to_char(l.borrowed_at at time zone ${sql.lit(timeZone)}, 'YYYY-MM')`;
  const [totals, byMonth, byCategory, top, byUnit, catalogue] = await Promise.all([
    db
      .selectFrom('library_loan as l')
      .where(inScope)
      .select([
        sql<number>`count(*) filter (where l.borrowed_at between ${from} and ${to})::int`.as('loans'),
        sql<number>`count(*) filter (where l.returned_at is null)::int`.as('open'),
        sql<number>`count(*) filter (where l.returned_at is null and l.due_date < ${today})::int`.as(
          'overdue',
        ),
        sql<number>`count(distinct l.person_id) filter (where l.borrowed_at between ${from} and ${to})::int`.as(
          'readers',
        ),
      ])
      .executeTakeFirstOrThrow(),
    loans
      .select([month.as('month'), sql<number>`count(*)::int`.as('loans')])
      .groupBy(month)
      .orderBy(month)
      .execute(),
    loans
      .innerJoin('library_book as b', 'b.id', 'l.book_id')
      .select([
        'b.category',
        sql<number>`count(*)::int`.as('loans'),
        sql<number>`count(distinct b.id)::int`.as('titles'),
      ])
      .groupBy('b.category')
      .orderBy('b.category')
      .execute(),
    loans
      .innerJoin('library_book as b', 'b.id', 'l.book_id')
      .select(['b.id', 'b.title', 'b.author', sql<number>`count(*)::int`.as('loans')])
      .groupBy(['b.id', 'b.title', 'b.author'])
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('b.title')
      .limit(10)
      .execute(),
    loans
      .innerJoin('org_unit as u', 'u.id', 'l.unit_id')
      .select(['u.name', sql<number>`count(*)::int`.as('loans')])
      .groupBy('u.name')
      .orderBy(sql`count(*)`, 'desc')
      .limit(10)
      .execute(),
    db
      .selectFrom('library_book as b')
      .select([
        sql<number>`count(*)::int`.as('titles'),
        sql<number>`(select count(*)::int from library_copy c where c.status not in ('lost', 'withdrawn'))`.as(
          'copies',
        ),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    titles: catalogue.titles,
    copies: catalogue.copies,
    loansTotal: totals.loans,
    open: totals.open,
    overdue: totals.overdue,
    readers: totals.readers,
    byMonth,
    byCategory,
    top: top.map((t) => ({ bookId: t.id, title: t.title, author: t.author, loans: t.loans })),
    byUnit: byUnit.map((u) => ({ unitName: u.name, loans: u.loans })),
  };
}
