import { sql } from 'kysely';
import type { Db } from '../../../../kernel/db/schema.ts';
import { inTransaction } from '../../../../kernel/db/tx.ts';
import { audit } from '../../../../kernel/audit/audit.ts';
import { errors } from '../../../../kernel/errors.ts';
import type { Actor, UserPrincipal } from '../../../../kernel/http/access.ts';
import type { AppContext } from '../../../../kernel/module.ts';
import { attachFiles } from '../../../../kernel/files/index.ts';
import { storeUpload } from '../../../../kernel/files/service.ts';
import { FileStore, removeQuietly, type TempFile } from '../../../../kernel/files/storage.ts';
import { enqueue } from '../../../../kernel/jobs/index.ts';
import '../../../../kernel/jobs/tables.ts';
import { IMPORT_JOB } from './job.ts';
import { FileUnreadable, kindOf, probe } from './source.ts';
import type { ImportStatus as TableState } from '../../storage/tables.ts';
import type { ImportState, ImportView, QuarantinedRow } from './view.types.ts';
import './tables.ts';

export type { ImportState, ImportStatus, ImportView, QuarantinedRow } from './view.types.ts';

// the wire's states are the table's (view.types.ts cannot import the server's tables)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStates: Same<ImportState, TableState> = true;
void sameStates;

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const unreadable = (why: string) =>
  errors.field('file', 'import_file_unreadable', {
    'zh-CN': `无法读取该文件：${why}。请上传 UTF-8 编码的 CSV（point,ts,value[,kind]）或 Excel（.xlsx）文件`,
    en: `The file cannot be read: ${why}. Upload a UTF-8 CSV (point,ts,value[,kind]) or an Excel (.xlsx) file`,
  });

export const noRows = () =>
  errors.field('file', 'import_no_rows', {
    'zh-CN': '文件中没有读数行：每行应为 计量点编码,时间,读数[,kind]（逗号分隔）',
    en: 'The file holds no readings: each line must be point,ts,value[,kind] (comma-separated)',
  });

/**
 * Starts a web import from an uploaded temp file: checks that it reads as readings (else refuses it,
 * writing nothing), keeps it in the kernel's file store, then records the import, attaches the file to
 * it and queues its job in one transaction. Returns the import's id.
 */
export async function startWebImport(
  ctx: Pick<AppContext, 'db' | 'config'>,
  principal: UserPrincipal,
  actor: Actor,
  upload: { fileName: string; temp: TempFile; batchRows: number },
): Promise<string> {
  const { fileName, temp } = upload;
  const kind = kindOf(fileName);
  try {
    if (!(await probe(temp.tmpPath, kind))) throw noRows();
  } catch (e) {
    await removeQuietly(temp.tmpPath);
    if (e instanceof FileUnreadable) throw unreadable(kind === 'xlsx' ? 'not an Excel workbook' : e.message);
    throw e;
  }
  const file = await storeUpload(ctx.db, new FileStore(ctx.config.filesDir), ctx.config, principal, actor, {
    fileName,
    declaredType: MIME[kind],
    temp,
  });
  return inTransaction(ctx.db, async (tx) => {
    const row = await tx
      .insertInto('energy_import')
      .values({
        file_name: file.name,
        total_bytes: file.sizeBytes,
        kind,
        created_by: actor.accountId,
        created_by_label: actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachFiles(tx, [file.id], 'energy.import', row.id, principal.accountId);
    const jobId = await enqueue(tx, IMPORT_JOB, { importId: row.id });
    await tx
      .insertInto('energy_import_run')
      .values({ import_id: row.id, file_id: file.id, job_id: jobId, batch_rows: upload.batchRows })
      .execute();
    await audit(tx, actor, {
      entity: 'energy.import',
      entityId: row.id,
      action: 'start',
      after: { file: file.name, bytes: file.sizeBytes, fileId: file.id },
    });
    return row.id;
  });
}

/**
 * Cancels a running import: its job stops before its next batch (a batch in flight rolls back);
 * what was committed stays. Refused (409) once the import has ended.
 */
export async function cancelImport(db: Db, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('energy_import')
      .set({ status: sql`'cancelled'`, finished_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returning(['rows_read', 'rows_stored', 'file_name'])
      .executeTakeFirst();
    if (!row) {
      const x = await tx.selectFrom('energy_import').select('status').where('id', '=', id).executeTakeFirst();
      if (!x) throw errors.notFound('energy.import', id);
      throw errors.conflict('import_not_running', {
        'zh-CN': '该导入已结束，不能取消',
        en: 'This import has already ended and cannot be cancelled',
      });
    }
    await tx
      .updateTable('energy_import_run')
      .set({ cancelled_by_label: actor.label, updated_at: sql`now()` })
      .where('import_id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'energy.import',
      entityId: id,
      action: 'cancel',
      after: { file: row.file_name, rows: Number(row.rows_read), stored: Number(row.rows_stored) },
    });
  });
}

/** The imports, newest first; `id` picks one. A running import whose job is dead shows as failed. */
export async function listImports(db: Db, o: { id?: string; limit: number }): Promise<ImportView[]> {
  let q = db
    .selectFrom('energy_import as i')
    .leftJoin('energy_import_run as r', 'r.import_id', 'i.id')
    .leftJoin('job as j', 'j.id', 'r.job_id')
    .selectAll('i')
    .select([
      'r.batches',
      'r.file_id',
      'r.cancelled_by_label',
      'j.status as job_status',
      'j.attempts as job_attempts',
      'j.last_error as job_error',
    ])
    .orderBy('i.started_at', 'desc')
    .orderBy('i.id')
    .limit(o.limit);
  if (o.id) q = q.where('i.id', '=', o.id);
  const rows = await q.execute();
  return rows.map((x) => {
    const status = String(x.status) as ImportView['status'];
    const dead = status === 'running' && x.job_status === 'dead';
    const firstLine = (s: string | null) => (s ? s.split('\n')[0]!.slice(0, 300) : null);
    return {
      id: x.id,
      fileName: x.file_name,
      kind: x.kind,
      status: dead ? 'failed' : status,
      totalBytes: x.total_bytes === null ? null : Number(x.total_bytes),
      processedBytes: Number(x.processed_bytes),
      rows: Number(x.rows_read),
      stored: Number(x.rows_stored),
      duplicates: Number(x.rows_duplicate),
      quarantined: Number(x.rows_quarantined),
      batches: Number(x.batches ?? 0),
      attempts: Number(x.job_attempts ?? 0),
      lastError: status === 'running' ? firstLine(x.job_error) : null,
      error: x.error ?? (dead ? firstLine(x.job_error) : null),
      fileId: x.file_id ?? null,
      createdBy: x.created_by_label,
      cancelledBy: x.cancelled_by_label ?? null,
      startedAt: new Date(x.started_at).toISOString(),
      finishedAt: x.finished_at ? new Date(x.finished_at).toISOString() : null,
    };
  });
}

/** The first quarantined rows of an import, with their reason. */
export async function quarantineOf(db: Db, importId: string, limit = 200): Promise<QuarantinedRow[]> {
  const q = await db
    .selectFrom('energy_quarantine')
    .select(['point_code', 'ts', 'value', 'reason', 'detail'])
    .where('import_id', '=', importId)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return q.map((y) => ({
    pointCode: y.point_code,
    ts: y.ts,
    value: y.value,
    reason: y.reason,
    detail: y.detail,
  }));
}
