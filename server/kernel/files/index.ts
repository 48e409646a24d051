import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../db/schema.ts';
import type { AppContext, GoaModule } from '../module.ts';
import { registerOwnerResolver } from '../http/access.ts';
import { fileRoutes } from './routes.ts';
import { readFileContent, type FileMeta } from './service.ts';
import { FileStore } from './storage.ts';
import '../auth/tables.ts';
import './tables.ts';

export { attachFiles, registerFileAccess, type FileAccessRule, type FileMeta } from './service.ts';

/** A file's content and metadata for a module's own use (e.g. an import); no access check. */
export function readFileStream(
  ctx: Pick<AppContext, 'db' | 'config'>,
  fileId: string,
  executor: Executor = ctx.db,
): Promise<{ file: FileMeta; stream: Readable }> {
  return readFileContent(executor, new FileStore(ctx.config.filesDir), fileId);
}

/**
 * Attachments: uploaded by any signed-in user, stored on local disk (config.filesDir), attached to
 * their owner by the owning module's service, and read by their uploader or whoever the owner's
 * registered rule admits.
 */
export const files: GoaModule = {
  name: 'kernel.files',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    // the owner of a file for scope checks of other routes: its uploader's person, unit, jurisdiction
    registerOwnerResolver('files.file', async (db, id) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = await db
        .selectFrom('file_object as f')
        .leftJoin('auth_account as a', 'a.id', 'f.uploaded_by')
        .select(['f.jurisdiction_id', 'f.unit_id', 'a.person_id'])
        .where('f.id', '=', id)
        .executeTakeFirst();
      return row
        ? { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.person_id }
        : undefined;
    });
    fileRoutes(app, ctx, new FileStore(ctx.config.filesDir));
  },
};
