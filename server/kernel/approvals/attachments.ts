import type { Tx } from '../db/schema.ts';
import { DomainError, errors } from '../errors.ts';
import * as repo from './repository.ts';

/**
 * Makes the files a person attached to a matter equal `fileIds` ('replace'), or adds them ('add').
 * Only files the person uploaded may be attached, and a file belongs to one owner at a time.
 * Attachments added by others (approvers) are never touched by a replace.
 */
export async function syncAttachments(
  tx: Tx,
  matterId: string,
  accountId: string,
  fileIds: readonly string[],
  mode: 'replace' | 'add' = 'replace',
): Promise<void> {
  const wanted = [...new Set(fileIds)];
  const files = wanted.length > 0 ? await repo.filesById(tx, wanted) : [];
  const byId = new Map(files.map((f) => [f.id, f]));
  wanted.forEach((id) => {
    const field = `attachmentIds.${fileIds.indexOf(id)}`;
    const f = byId.get(id);
    if (!f) {
      throw errors.field(field, 'file_not_found', {
        'zh-CN': '附件不存在',
        en: 'The attached file does not exist',
      });
    }
    if (f.uploaded_by !== accountId) {
      throw new DomainError(
        'file_not_yours',
        'forbidden',
        { 'zh-CN': '只能附加本人上传的文件', en: 'You can attach only files you uploaded' },
        [{ field, code: 'file_not_yours' }],
      );
    }
    if (f.owner_entity !== null && !(f.owner_entity === 'approvals.matter' && f.owner_id === matterId)) {
      throw errors.conflict(
        'file_in_use',
        { 'zh-CN': '该文件已附加到其他记录', en: 'The file is already attached elsewhere' },
        [{ field, code: 'file_in_use' }],
      );
    }
  });
  const current = await tx
    .selectFrom('approval_attachment')
    .select('file_id')
    .where('matter_id', '=', matterId)
    .where('added_by', '=', accountId)
    .execute();
  const have = new Set(current.map((r) => r.file_id));
  await repo.addAttachments(
    tx,
    matterId,
    wanted.filter((id) => !have.has(id)),
    accountId,
  );
  if (mode === 'replace') {
    await repo.removeAttachments(
      tx,
      matterId,
      [...have].filter((id) => !wanted.includes(id)),
    );
  }
}
