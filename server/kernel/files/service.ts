import type { Readable } from 'node:stream';
import type { Db, Executor, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors } from '../errors.ts';
import { audit, auditMany } from '../audit/audit.ts';
import type { Actor, UserPrincipal } from '../http/access.ts';
import { FileStore, removeQuietly, type TempFile } from './storage.ts';
import { cleanFileName, normalizeType, typeProblem, type TypeProblem } from './sniff.ts';
import '../auth/tables.ts';
import './tables.ts';

export interface FileMeta {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  uploadedBy: string | null;
  ownerEntity: string | null;
  ownerId: string | null;
}

export interface FileRow {
  id: string;
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  jurisdiction_id: string | null;
  unit_id: string | null;
  owner_entity: string | null;
  owner_id: string | null;
  created_at: Date;
}

export const toMeta = (r: FileRow): FileMeta => ({
  id: r.id,
  name: r.name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  createdAt: r.created_at.toISOString(),
  uploadedBy: r.uploaded_by,
  ownerEntity: r.owner_entity,
  ownerId: r.owner_id,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may read a file attached to an owner of this kind, besides its uploader. Modules register one
 * rule per owner entity (approvals registers 'approvals.matter': the matter's participants).
 */
export type FileAccessRule = (
  db: Executor,
  ownerId: string,
  principal: UserPrincipal,
) => boolean | Promise<boolean>;

const accessRules = new Map<string, FileAccessRule>();

export function registerFileAccess(ownerEntity: string, rule: FileAccessRule): void {
  accessRules.set(ownerEntity, rule);
}

export function tooLarge(maxBytes: number): DomainError {
  const mb = (maxBytes / 1_048_576).toFixed(maxBytes % 1_048_576 === 0 ? 0 : 1);
  return new DomainError(
    'file_too_large',
    'too_large',
    { 'zh-CN': `文件超过大小上限（${mb} MB）`, en: `The file is larger than the limit of ${mb} MB` },
    [{ field: 'file', code: 'file_too_large', maxBytes }],
  );
}

function typeRefused(problem: TypeProblem, contentType: string): DomainError {
  const messages = {
    declared: {
      'zh-CN': `不允许上传该类型的文件（${contentType}）`,
      en: `Files of type ${contentType} are not allowed`,
    },
    extension: { 'zh-CN': '不允许上传该扩展名的文件', en: 'Files with this extension are not allowed' },
    content: {
      'zh-CN': '文件内容与声明的类型不符',
      en: `The file's content does not match its declared type (${contentType})`,
    },
  }[problem];
  return new DomainError('file_type_not_allowed', 'invalid', messages, [
    { field: 'file', code: 'file_type_not_allowed', reason: problem, contentType },
  ]);
}

export interface UploadInput {
  fileName: string;
  declaredType: string;
  temp: TempFile;
}

export interface UploadSettings {
  fileTypes: readonly string[];
}

/**
 * Stores an uploaded temp file: checks its type, moves it into place, then writes its row and the
 * audit record in one transaction. The temp file (or the stored file, when the transaction fails)
 * is removed on every failure, so a refused upload leaves nothing behind.
 */
export async function storeUpload(
  db: Db,
  store: FileStore,
  settings: UploadSettings,
  principal: UserPrincipal,
  actor: Actor,
  input: UploadInput,
): Promise<FileMeta> {
  const { temp } = input;
  const name = cleanFileName(input.fileName);
  const contentType = normalizeType(input.declaredType);
  try {
    if (temp.sizeBytes === 0) {
      throw errors.field('file', 'file_empty', { 'zh-CN': '文件为空', en: 'The file is empty' });
    }
    const problem = typeProblem(contentType, name, temp.head, settings.fileTypes);
    if (problem) throw typeRefused(problem, contentType);
  } catch (e) {
    await removeQuietly(temp.tmpPath);
    throw e;
  }
  const key = FileStore.newKey();
  try {
    await store.commit(temp.tmpPath, key);
  } catch (e) {
    await removeQuietly(temp.tmpPath);
    throw e;
  }
  try {
    return await inTransaction(db, async (tx) => {
      const row = await tx
        .insertInto('file_object')
        .values({
          name,
          content_type: contentType,
          size_bytes: temp.sizeBytes,
          sha256: temp.sha256,
          storage_key: key,
          uploaded_by: principal.accountId,
          jurisdiction_id: principal.jurisdictionId,
          unit_id: principal.unitId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const meta = toMeta(row);
      await audit(tx, actor, {
        entity: 'files.file',
        entityId: row.id,
        action: 'upload',
        after: { name, contentType, sizeBytes: meta.sizeBytes, sha256: meta.sha256 },
        jurisdictionId: row.jurisdiction_id,
        unitId: row.unit_id,
      });
      return meta;
    });
  } catch (e) {
    await store.remove(key);
    throw e;
  }
}

/** The file, when the principal may read it: its uploader, or whoever its owner's rule admits. */
export async function readableFile(db: Executor, id: string, principal: UserPrincipal): Promise<FileRow> {
  const row = UUID_RE.test(id)
    ? await db.selectFrom('file_object').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw errors.notFound('file', id);
  if (row.uploaded_by === principal.accountId) return row;
  const rule = row.owner_entity && row.owner_id ? accessRules.get(row.owner_entity) : undefined;
  if (rule && row.owner_id && (await rule(db, row.owner_id, principal))) return row;
  throw errors.forbidden({ 'zh-CN': '无权查看该文件', en: 'You are not allowed to read this file' });
}

/**
 * Attaches uploaded files to an owner, inside the owning module's transaction: only files that
 * `accountId` uploaded and that are not attached yet. Any other id fails the whole call (and so the
 * module's transaction). Returns the attached files' metadata.
 */
export async function attachFiles(
  tx: Tx,
  fileIds: readonly string[],
  ownerEntity: string,
  ownerId: string,
  accountId: string,
): Promise<FileMeta[]> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return [];
  const valid = ids.filter((id) => UUID_RE.test(id));
  const rows = valid.length
    ? await tx
        .selectFrom('file_object')
        .selectAll()
        .where('id', 'in', valid)
        .where('uploaded_by', '=', accountId)
        .where('owner_entity', 'is', null)
        .forUpdate()
        .execute()
    : [];
  const found = new Set(rows.map((r) => r.id));
  const refused = ids.filter((id) => !found.has(id));
  if (refused.length > 0) {
    throw errors.invalid(
      'file_not_attachable',
      {
        'zh-CN': '附件不存在、不是您上传的或已被使用',
        en: 'An attachment does not exist, was not uploaded by you, or is already attached',
      },
      refused.map((id) => ({ field: 'fileIds', code: 'file_not_attachable', id })),
    );
  }
  const updated = await tx
    .updateTable('file_object')
    .set({ owner_entity: ownerEntity, owner_id: ownerId })
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  const account = await tx
    .selectFrom('auth_account')
    .select('username')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const actor: Actor = { accountId, label: account?.username ?? accountId, ip: null };
  await auditMany(
    tx,
    actor,
    updated.map((r) => ({
      entity: 'files.file',
      entityId: r.id,
      action: 'attach',
      after: { ownerEntity, ownerId },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    })),
  );
  return updated.map(toMeta);
}

/** A file's content for a module's own use (an import, a preview); no access check. */
export async function readFileContent(
  db: Executor,
  store: FileStore,
  fileId: string,
): Promise<{ file: FileMeta; stream: Readable }> {
  const row = UUID_RE.test(fileId)
    ? await db.selectFrom('file_object').selectAll().where('id', '=', fileId).executeTakeFirst()
    : undefined;
  if (!row) throw errors.notFound('file', fileId);
  return { file: toMeta(row), stream: await openContent(store, row) };
}

export async function openContent(store: FileStore, row: FileRow): Promise<Readable> {
  if (!(await store.exists(row.storage_key))) {
    throw new DomainError(
      'file_content_missing',
      'not_found',
      {
        'zh-CN': '文件内容已丢失，请联系管理员',
        en: "The file's content is missing; contact the administrator",
      },
      [{ entity: 'file', id: row.id }],
    );
  }
  return store.open(row.storage_key);
}
