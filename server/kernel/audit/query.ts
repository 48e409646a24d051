import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { DomainError, errors, type Locale } from '../errors.ts';
import type { DataScope } from '../access/scope.ts';
import { likePattern, type PageQuery } from '../http/paging.ts';
import './tables.ts';

/** Searching and exporting the audit trail, always within the caller's data scope. */
export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** an actor label (username, `machine:…`, `cli`) or an account id */
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorAccountId: string | null;
  actorLabel: string;
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export const EXPORT_MAX_ROWS = 100_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filtered(db: Db, scope: DataScope, f: AuditFilter) {
  if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to)) {
    throw errors.field('to', 'range_reversed', {
      'zh-CN': '结束时间不能早于开始时间',
      en: 'The end of the range is before its start',
    });
  }
  let query = db
    .selectFrom('audit_log as l')
    .where(scope.where({ jurisdiction: 'l.jurisdiction_id', unit: 'l.unit_id' }));
  if (f.entity) query = query.where('l.entity', '=', f.entity);
  if (f.entityId) query = query.where('l.entity_id', '=', f.entityId);
  if (f.action) query = query.where('l.action', '=', f.action);
  if (f.actor) {
    const actor = f.actor;
    query = query.where((eb) =>
      UUID.test(actor)
        ? eb.or([eb('l.actor_account_id', '=', actor), eb('l.actor_label', '=', actor)])
        : eb(sql`lower(l.actor_label)`, '=', actor.toLowerCase()),
    );
  }
  if (f.from) query = query.where('l.at', '>=', new Date(f.from));
  if (f.to) query = query.where('l.at', '<=', new Date(f.to));
  if (f.q) {
    const like = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('l.actor_label', 'ilike', like),
        eb('l.entity', 'ilike', like),
        eb('l.entity_id', 'ilike', like),
        eb('l.action', 'ilike', like),
        eb(sql`l.before::text`, 'ilike', like),
        eb(sql`l.after::text`, 'ilike', like),
      ]),
    );
  }
  return query;
}

const columns = [
  'l.id',
  'l.at',
  'l.actor_account_id',
  'l.actor_label',
  'l.ip',
  'l.entity',
  'l.entity_id',
  'l.action',
  'l.before',
  'l.after',
] as const;

type Row = {
  id: number | string;
  at: Date;
  actor_account_id: string | null;
  actor_label: string;
  ip: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
};

const record = (r: Row): AuditRecord => ({
  id: Number(r.id),
  at: new Date(r.at).toISOString(),
  actorAccountId: r.actor_account_id,
  actorLabel: r.actor_label,
  ip: r.ip,
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  before: r.before ?? null,
  after: r.after ?? null,
});

/** One page of the audit trail, newest first. */
export async function listAudit(db: Db, scope: DataScope, q: PageQuery & AuditFilter) {
  const query = filtered(db, scope, q);
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .select(columns)
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(record), total: Number(total), page: q.page, pageSize: q.pageSize };
}

/** `YYYY-MM-DD HH:mm:ss` in the deployment's time zone: what a reader of the sheet expects. */
function localTime(timeZone: string) {
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return (d: Date) => fmt.format(d);
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/**
 * The matching records as an .xlsx workbook, streamed: rows are read in batches (keyset on
 * at, id) and written by exceljs's streaming writer, so memory stays flat up to the row limit.
 * More matches than the limit are refused before anything is sent.
 */
/** The export's sheet name and column headers in the reader's language. */
const EXPORT_TEXT = {
  'zh-CN': {
    sheet: '审计日志',
    headers: [
      '编号',
      '时间',
      '操作人',
      '操作人账号ID',
      'IP',
      '对象类型',
      '对象ID',
      '操作',
      '变更前',
      '变更后',
    ],
  },
  en: {
    sheet: 'Audit log',
    headers: [
      'No.',
      'Time',
      'Actor',
      'Actor account id',
      'IP',
      'Entity',
      'Record id',
      'Action',
      'Before',
      'After',
    ],
  },
} as const;

/** The export's file name (without the date and extension) in the reader's language. */
export const exportFileName = (locale: Locale) => (locale === 'en' ? 'audit-log' : '审计日志');

export async function exportAudit(
  db: Db,
  scope: DataScope,
  f: AuditFilter,
  timeZone: string,
  locale: Locale = 'zh-CN',
): Promise<{ stream: Readable; rows: number }> {
  const { total } = await filtered(db, scope, f)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = Number(total);
  if (rows > EXPORT_MAX_ROWS) {
    throw new DomainError(
      'export_too_large',
      'too_large',
      {
        'zh-CN': `符合条件的记录有 ${rows} 条，超过导出上限 ${EXPORT_MAX_ROWS} 条，请缩小时间范围或增加筛选条件`,
        en: `${rows} records match, more than the export limit of ${EXPORT_MAX_ROWS}; narrow the time range or add filters`,
      },
      [{ total: rows, max: EXPORT_MAX_ROWS }],
    );
  }
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const text = EXPORT_TEXT[locale];
  const sheet = book.addWorksheet(text.sheet);
  const keys = ['id', 'at', 'actor', 'actorId', 'ip', 'entity', 'entityId', 'action', 'before', 'after'];
  const widths = [10, 21, 18, 38, 16, 22, 38, 18, 50, 50];
  sheet.columns = keys.map((key, i) => ({
    key,
    width: widths[i],
    header: i !== 1 ? text.headers[i] : locale === 'en' ? `Time (${timeZone})` : `时间(${timeZone})`,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const format = localTime(timeZone);

  const produce = async () => {
    // the cursor keeps `at` as text: a JS Date would drop its microseconds and skip rows
    let cursor: { at: string; id: number } | null = null;
    for (;;) {
      let batch = filtered(db, scope, f)
        .select(columns)
        .select(sql<string>`l.at::text`.as('at_key'));
      if (cursor) {
        const c: { at: string; id: number } = cursor;
        batch = batch.where(sql<boolean>`(l.at, l.id) < (${c.at}::timestamptz, ${c.id}::bigint)`);
      }
      const chunk = await batch.orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(2000).execute();
      for (const r of chunk) {
        sheet
          .addRow({
            id: Number(r.id),
            at: format(new Date(r.at)),
            actor: r.actor_label,
            actorId: r.actor_account_id ?? '',
            ip: r.ip ?? '',
            entity: r.entity,
            entityId: r.entity_id ?? '',
            action: r.action,
            before: json(r.before),
            after: json(r.after),
          })
          .commit();
      }
      if (chunk.length < 2000) break;
      const last = chunk[chunk.length - 1]!;
      cursor = { at: last.at_key, id: Number(last.id) };
    }
    sheet.commit();
    await book.commit();
  };
  produce().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return { stream: out, rows };
}
