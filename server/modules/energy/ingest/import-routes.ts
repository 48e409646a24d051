import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { errors } from '../../../kernel/errors.ts';
import { user } from '../../../kernel/http/access.ts';
import { FileStore, removeQuietly, type TempFile } from '../../../kernel/files/storage.ts';
import { tooLarge } from '../../../kernel/files/service.ts';
import type { EnergyConfig } from '../config.ts';
import { interruptImports, registerImportJob, releaseAbandonedImports } from './import/job.ts';
import { cancelImport, listImports, quarantineOf, startWebImport } from './import/service.ts';
import type { ImportStatus, ImportView } from './import/view.types.ts';
import './permissions.ts';

const tags = ['energy'];
/** An upload's ceiling: a year of one institution's points at 15 minutes is far below it. */
const MAX_UPLOAD = 2 * 1024 ** 3;
/**
 * Readings per batch (one transaction, one resume point) of a web import. Smaller on the embedded
 * database, where a batch holds the event loop and the one connection while it runs.
 */
export const webImportBatchRows = (ctx: AppContext) => (ctx.database.kind === 'pglite' ? 5_000 : 20_000);

const importView = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(['csv', 'xlsx']),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  totalBytes: z.number().nullable(),
  processedBytes: z.number(),
  rows: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  quarantined: z.number(),
  batches: z.number(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  error: z.string().nullable(),
  fileId: z.string().nullable(),
  createdBy: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const importStatus = importView.extend({
  /** the first quarantined rows of this import, with their reason */
  quarantine: z.array(
    z.object({
      pointCode: z.string().nullable(),
      ts: z.string().nullable(),
      value: z.string().nullable(),
      reason: z.string(),
      detail: z.string().nullable(),
    }),
  ),
});

// the routes answer exactly the wire types the web imports (import/view.types.ts)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof importView>, ImportView>,
  Same<z.infer<typeof importStatus>, ImportStatus>,
] = [true, true];
void sameShapes;

const fileRequired = () =>
  errors.field('file', 'file_required', {
    'zh-CN': '请选择要导入的 CSV 或 Excel（.xlsx）文件',
    en: 'Choose a CSV or Excel (.xlsx) file to import',
  });

/** Streams the multipart field "file" into the file store's temp area (never held in memory whole). */
async function receive(req: FastifyRequest, store: FileStore): Promise<TempFile & { fileName: string }> {
  if (!req.isMultipart()) throw fileRequired();
  let got: (TempFile & { fileName: string }) | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD, files: 1, fields: 0 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        if (part.type === 'file') part.file.resume();
        continue;
      }
      if (!/\.(csv|txt|xlsx)$/i.test(part.filename)) {
        part.file.resume();
        throw errors.field('file', 'unsupported_file', {
          'zh-CN': '只接受 CSV（.csv）或 Excel（.xlsx）文件',
          en: 'Only CSV (.csv) or Excel (.xlsx) files are accepted',
        });
      }
      got = { ...(await store.writeTemp(part.file)), fileName: part.filename };
      if (part.file.truncated) throw tooLarge(MAX_UPLOAD);
    }
  } catch (e) {
    if (got) await removeQuietly(got.tmpPath);
    throw e;
  }
  if (!got || got.sizeBytes === 0) {
    if (got) await removeQuietly(got.tmpPath);
    throw fileRequired();
  }
  return got;
}

/** Stops the imports running in this process after their batch in hand (platform stop); their jobs resume later. */
export const importsSettled = interruptImports;

/**
 * The web import of historical readings: the upload is kept in the file store and imported by a job
 * (kernel jobs) in batches that each commit with the import's progress, so it survives restarts;
 * the page polls its progress and may cancel it.
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext, _cfg: EnergyConfig): void {
  registerImportJob(ctx);
  // an import whose process died resumes at once after a restart on the same host
  app.addHook('onReady', async () => {
    if (ctx.config.jobs) await releaseAbandonedImports(ctx.db);
  });
  const store = new FileStore(ctx.config.filesDir);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'energy.import', scope: 'global' } as const;

  r.post(
    '/api/energy/imports',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Import historical readings: a CSV (point,ts,value[,kind]) or .xlsx file in the multipart field "file"; answers 202 with the import, which a background job runs (GET /api/energy/imports/:id shows its progress)',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const temp = await receive(req, store);
      const id = await startWebImport(ctx, user(req), req.goa.actor, {
        fileName: temp.fileName,
        temp,
        batchRows: webImportBatchRows(ctx),
      });
      return reply.status(202).send({ id });
    },
  );

  r.get(
    '/api/energy/imports',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The most recent imports, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(importView) }) },
      },
    },
    async (req) => ({ items: await listImports(ctx.db, { limit: req.query.limit }) }),
  );

  r.get(
    '/api/energy/imports/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: "An import's progress and summary, with its first 200 quarantined rows",
        params: z.object({ id: z.uuid() }),
        response: { 200: importStatus },
      },
    },
    async (req) => {
      const [x] = await listImports(ctx.db, { id: req.params.id, limit: 1 });
      if (!x) throw errors.notFound('energy.import', req.params.id);
      return { ...x, quarantine: await quarantineOf(ctx.db, x.id) };
    },
  );

  r.post(
    '/api/energy/imports/:id/cancel',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Cancel a running import: it stops before its next batch; what was committed stays (409 once it has ended)',
        params: z.object({ id: z.uuid() }),
        response: { 200: importView },
      },
    },
    async (req) => {
      await cancelImport(ctx.db, req.params.id, req.goa.actor);
      const [x] = await listImports(ctx.db, { id: req.params.id, limit: 1 });
      return x!;
    },
  );
}
