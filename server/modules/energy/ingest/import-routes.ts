import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { errors } from '../../../kernel/errors.ts';
import type { EnergyConfig } from '../config.ts';
import { createImport, importFile } from './import-file.ts';
import './permissions.ts';

const tags = ['energy'];
/** An upload's ceiling: a year of one institution's points at 15 minutes is far below it. */
const MAX_UPLOAD = 2 * 1024 ** 3;

const importStatus = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(['csv', 'xlsx']),
  status: z.enum(['running', 'done', 'failed']),
  totalBytes: z.number().nullable(),
  processedBytes: z.number(),
  rows: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  quarantined: z.number(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
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

const fileRequired = () =>
  errors.field('file', 'file_required', {
    'zh-CN': '请选择要导入的 CSV 或 Excel（.xlsx）文件',
    en: 'Choose a CSV or Excel (.xlsx) file to import',
  });

/** Streams the multipart field "file" into a temp file (never held in memory whole). */
async function receive(req: FastifyRequest): Promise<{ tmp: string; fileName: string; bytes: number }> {
  if (!req.isMultipart()) throw fileRequired();
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'goa-energy-import-'));
  let got: { tmp: string; fileName: string; bytes: number } | null = null;
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
      const tmp = path.join(dir, `${crypto.randomBytes(8).toString('hex')}${path.extname(part.filename)}`);
      await pipeline(part.file, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      got = { tmp, fileName: part.filename, bytes: (await fs.promises.stat(tmp)).size };
    }
  } catch (e) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw e;
  }
  if (!got || got.bytes === 0) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw fileRequired();
  }
  return got;
}

/** Imports in flight in this process, so that tests and shutdown can wait for them. */
const running = new Set<Promise<unknown>>();
export const importsSettled = () => Promise.allSettled([...running]);

/** The web import of historical readings: upload (answers at once with the import's id), then poll its progress. */
export function importRoutes(app: FastifyInstance, ctx: AppContext, cfg: EnergyConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/energy/imports',
    {
      config: { access: { permission: 'energy.import', scope: 'global' } },
      schema: {
        tags,
        summary:
          'Import historical readings: a CSV (point,ts,value[,kind]) or .xlsx file in the multipart field "file"; answers 202 with the import, whose progress GET /api/energy/imports/:id shows',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const got = await receive(req);
      const id = await createImport(ctx.db, {
        fileName: got.fileName,
        totalBytes: got.bytes,
        actor: req.goa.actor,
      });
      const work = importFile(ctx.db, got.tmp, {
        timeZone: cfg.timeZone,
        actor: req.goa.actor,
        fileName: got.fileName,
        importId: id,
        batchRows: 20_000,
      })
        .catch(() => {}) // recorded on the import (status failed, error) and audited
        .finally(() => fs.promises.rm(path.dirname(got.tmp), { recursive: true, force: true }));
      running.add(work);
      void work.finally(() => running.delete(work));
      return reply.status(202).send({ id });
    },
  );

  r.get(
    '/api/energy/imports/:id',
    {
      config: { access: { permission: 'energy.import', scope: 'global' } },
      schema: {
        tags,
        summary: "An import's progress and summary, with its first 200 quarantined rows",
        params: z.object({ id: z.uuid() }),
        response: { 200: importStatus },
      },
    },
    async (req) => {
      const x = await ctx.db
        .selectFrom('energy_import')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!x) throw errors.notFound('energy.import', req.params.id);
      const q = await ctx.db
        .selectFrom('energy_quarantine')
        .select(['point_code', 'ts', 'value', 'reason', 'detail'])
        .where('import_id', '=', x.id)
        .orderBy('received_at')
        .orderBy('id')
        .limit(200)
        .execute();
      return {
        id: x.id,
        fileName: x.file_name,
        kind: x.kind,
        status: x.status,
        totalBytes: x.total_bytes === null ? null : Number(x.total_bytes),
        processedBytes: Number(x.processed_bytes),
        rows: Number(x.rows_read),
        stored: Number(x.rows_stored),
        duplicates: Number(x.rows_duplicate),
        quarantined: Number(x.rows_quarantined),
        error: x.error,
        createdBy: x.created_by_label,
        startedAt: new Date(x.started_at).toISOString(),
        finishedAt: x.finished_at ? new Date(x.finished_at).toISOString() : null,
        quarantine: q.map((y) => ({
          pointCode: y.point_code,
          ts: y.ts,
          value: y.value,
          reason: y.reason,
          detail: y.detail,
        })),
      };
    },
  );
}
