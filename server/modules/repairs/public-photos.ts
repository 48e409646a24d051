import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../kernel/db/schema.ts';
import { auditMany } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { DomainError, errors } from '../../kernel/errors.ts';
import { FileStore, removeQuietly, type TempFile } from '../../kernel/files/storage.ts';
import { cleanFileName, normalizeType, typeProblem } from '../../kernel/files/sniff.ts';
import '../../kernel/files/tables.ts';

/** Photo types a public report accepts: checked against the content's signature, not only the name. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PhotoLimits {
  maxFiles: number;
  maxBytes: number;
}

export interface ReceivedPhoto extends TempFile {
  fileName: string;
  contentType: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);
export const publicReportFields = z.object({
  name: text(50),
  phone: text(20),
  categoryId: z.uuid(),
  description: text(1000),
});

const tooMany = (max: number) =>
  errors.field('photos', 'too_many_photos', {
    'zh-CN': `每次报修最多上传 ${max} 张照片`,
    en: `A report takes at most ${max} photos`,
  });

const tooLarge = (maxBytes: number) => {
  const mb = (maxBytes / 1_048_576).toFixed(maxBytes % 1_048_576 === 0 ? 0 : 1);
  return new DomainError(
    'photo_too_large',
    'too_large',
    { 'zh-CN': `照片超过大小上限（${mb} MB）`, en: `A photo is larger than the limit of ${mb} MB` },
    [{ field: 'photos', code: 'photo_too_large', maxBytes }],
  );
};

const notAPhoto = (name: string) =>
  errors.field('photos', 'photo_type_not_allowed', {
    'zh-CN': `“${name}”不是 JPEG、PNG 或 WebP 图片`,
    en: `"${name}" is not a JPEG, PNG or WebP image`,
  });

/**
 * Reads a public report sent as multipart/form-data: its text fields and up to `maxFiles` photos in
 * the field "photos". Every refusal removes the temp files it wrote, so nothing is left behind.
 */
export async function receivePublicReport(
  req: FastifyRequest,
  store: FileStore,
  limits: PhotoLimits,
): Promise<{ fields: z.infer<typeof publicReportFields>; photos: ReceivedPhoto[] }> {
  if (!req.isMultipart()) {
    throw errors.field('photos', 'multipart_required', {
      'zh-CN': '请以 multipart/form-data 方式提交',
      en: 'Send the report as multipart/form-data',
    });
  }
  const photos: ReceivedPhoto[] = [];
  const raw: Record<string, string> = {};
  try {
    const options: Parameters<FastifyRequest['parts']>[0] & { throwFileSizeLimit: boolean } = {
      limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 8, fieldSize: 4000, parts: 20 },
      throwFileSizeLimit: false,
    };
    for await (const part of req.parts(options)) {
      if (part.type === 'field') {
        raw[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'photos') {
        part.file.resume();
        throw errors.field(part.fieldname, 'unexpected_field', {
          'zh-CN': `不接受字段 ${part.fieldname}`,
          en: `Field ${part.fieldname} is not accepted`,
        });
      }
      const temp = await store.writeTemp(part.file);
      const photo = {
        ...temp,
        fileName: cleanFileName(part.filename),
        contentType: normalizeType(part.mimetype),
      };
      photos.push(photo);
      if (part.file.truncated) throw tooLarge(limits.maxBytes);
      if (temp.sizeBytes === 0 || typeProblem(photo.contentType, photo.fileName, temp.head, PHOTO_TYPES)) {
        throw notAPhoto(photo.fileName);
      }
    }
    const parsed = publicReportFields.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'body');
      throw errors.field(field, 'invalid_field', {
        'zh-CN': `字段 ${field} 无效`,
        en: `Field ${field} is invalid`,
      });
    }
    return { fields: parsed.data, photos };
  } catch (e) {
    await Promise.all(photos.map((p) => removeQuietly(p.tmpPath)));
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw tooMany(limits.maxFiles);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw errors.field('photos', 'too_many_parts', {
        'zh-CN': '提交的内容过多',
        en: 'The report has too many parts',
      });
    }
    throw e;
  }
}

/** Moves received photos into the file store; returns their storage keys (removed again on failure). */
export async function commitPhotos(store: FileStore, photos: ReceivedPhoto[]): Promise<string[]> {
  const keys: string[] = [];
  try {
    for (const p of photos) {
      const key = FileStore.newKey();
      await store.commit(p.tmpPath, key);
      keys.push(key);
    }
    return keys;
  } catch (e) {
    await Promise.all(photos.map((p) => removeQuietly(p.tmpPath)));
    await Promise.all(keys.map((k) => store.remove(k)));
    throw e;
  }
}

/** The photos' file rows, attached to the new request, in the report's own transaction. */
export async function insertPhotoRows(
  tx: Tx,
  actor: Actor,
  request: { id: string; jurisdiction_id: string; unit_id: string },
  photos: ReceivedPhoto[],
  keys: string[],
): Promise<void> {
  if (photos.length === 0) return;
  const rows = await tx
    .insertInto('file_object')
    .values(
      photos.map((p, i) => ({
        name: p.fileName,
        content_type: p.contentType,
        size_bytes: p.sizeBytes,
        sha256: p.sha256,
        storage_key: keys[i]!,
        uploaded_by: null,
        jurisdiction_id: request.jurisdiction_id,
        unit_id: request.unit_id,
        owner_entity: 'repairs.request',
        owner_id: request.id,
      })),
    )
    .returning(['id', 'name', 'content_type', 'size_bytes'])
    .execute();
  await auditMany(
    tx,
    actor,
    rows.map((r) => ({
      entity: 'files.file',
      entityId: r.id,
      action: 'upload',
      after: {
        name: r.name,
        contentType: r.content_type,
        sizeBytes: Number(r.size_bytes),
        ownerEntity: 'repairs.request',
        ownerId: request.id,
      },
      jurisdictionId: request.jurisdiction_id,
      unitId: request.unit_id,
    })),
  );
}
