import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { user } from '../http/access.ts';
import { errors } from '../errors.ts';
import { contentDisposition } from './sniff.ts';
import { removeQuietly, type FileStore, type TempFile } from './storage.ts';
import { openContent, readableFile, storeUpload, toMeta, tooLarge } from './service.ts';

const uploaded = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

const meta = uploaded.extend({
  uploadedBy: z.string().nullable(),
  ownerEntity: z.string().nullable(),
  ownerId: z.string().nullable(),
});

/** Types a browser may show in place (?disposition=inline); everything else downloads. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

const badPart = (field: string) =>
  errors.field(field, 'unexpected_field', {
    'zh-CN': `不接受字段 ${field}：只能上传一个名为 file 的文件`,
    en: `Field ${field} is not accepted: send one file in the field "file"`,
  });

/** Reads the multipart request into one temp file; anything else in the request is refused. */
async function receive(
  req: FastifyRequest,
  store: FileStore,
  maxBytes: number,
): Promise<TempFile & { fileName: string; declaredType: string }> {
  if (!req.isMultipart()) {
    throw errors.field('file', 'multipart_required', {
      'zh-CN': '请以 multipart/form-data 方式上传文件',
      en: 'Upload the file as multipart/form-data',
    });
  }
  let received: (TempFile & { fileName: string; declaredType: string }) | null = null;
  try {
    // throwFileSizeLimit is read at run time but missing from the plugin's parts() type
    const options: Parameters<FastifyRequest['parts']>[0] & { throwFileSizeLimit: boolean } = {
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      throwFileSizeLimit: false,
    };
    const parts = req.parts(options);
    for await (const part of parts) {
      if (part.type === 'field') throw badPart(part.fieldname);
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw badPart(part.fieldname);
      }
      const temp = await store.writeTemp(part.file);
      received = { ...temp, fileName: part.filename, declaredType: part.mimetype };
      if (part.file.truncated) throw tooLarge(maxBytes);
    }
  } catch (e) {
    if (received) await removeQuietly(received.tmpPath);
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw errors.field('file', 'too_many_parts', {
        'zh-CN': '一次只能上传一个文件',
        en: 'Upload one file at a time',
      });
    }
    throw e;
  }
  if (!received) {
    throw errors.field('file', 'file_required', {
      'zh-CN': '请选择要上传的文件',
      en: 'Choose a file to upload',
    });
  }
  return received;
}

export function fileRoutes(app: FastifyInstance, ctx: AppContext, store: FileStore): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.object({ id: z.string().uuid() });

  r.post(
    '/api/files',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['files'],
        summary: 'Upload one file (multipart field "file"); attach it through the owning module afterwards',
        consumes: ['multipart/form-data'],
        response: { 201: uploaded },
      },
    },
    async (req, reply) => {
      const principal = user(req);
      const temp = await receive(req, store, ctx.config.fileMaxBytes);
      const file = await storeUpload(ctx.db, store, ctx.config, principal, req.goa.actor, {
        fileName: temp.fileName,
        declaredType: temp.declaredType,
        temp,
      });
      return reply.status(201).send({
        id: file.id,
        name: file.name,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        createdAt: file.createdAt,
      });
    },
  );

  r.get(
    '/api/files/:id/meta',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['files'],
        summary: "A file's metadata (its uploader, or whoever its owner admits)",
        params: idParams,
        response: { 200: meta },
      },
    },
    async (req) => toMeta(await readableFile(ctx.db, req.params.id, user(req))),
  );

  r.get(
    '/api/files/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['files'],
        summary: 'Download a file (its uploader, or whoever its owner admits)',
        params: idParams,
        querystring: z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') }),
      },
    },
    async (req, reply) => {
      const row = await readableFile(ctx.db, req.params.id, user(req));
      const etag = `"${row.sha256}"`;
      const inline = req.query.disposition === 'inline' && INLINE_TYPES.has(row.content_type);
      reply
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('etag', etag)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', row.name));
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      const stream = await openContent(store, row);
      return reply.type(row.content_type).header('content-length', String(row.size_bytes)).send(stream);
    },
  );
}
