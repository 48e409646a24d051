import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { z } from 'zod';
import {
  BackupError,
  countOf,
  listStoredFiles,
  totalBytes,
  type BackupKind,
  type StoredFile,
} from './common.ts';
import { KEYS_DIR, verifyKeys } from './keys.ts';

/**
 * The backup archive: a gzipped tar holding manifest.json first, then the database dump, then the
 * files directory's tree under files/. Everything streams from disk to disk; no file is held in
 * memory. The manifest comes first so that a restore learns what it holds before unpacking it.
 */
export const FORMAT = 'goa-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const FILES_DIR = 'files';
export const DATABASE_FILE: Record<BackupKind, string> = {
  pglite: 'database.tar.gz',
  postgres: 'database.pgdump',
};

const count = z.number().int().nonnegative();
const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  kind: z.enum(['pglite', 'postgres']),
  createdAt: z.iso.datetime(),
  migrations: z.object({ count, last: z.record(z.string(), z.string()) }),
  database: z.object({ file: z.string(), bytes: count, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  files: z.object({ count, bytes: count }),
  /** absent in archives of a goa before backups carried data keys */
  keys: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable(),
        carried: z.boolean(),
      }),
    )
    .optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

const MAX_MANIFEST_BYTES = 1 << 20;

export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  await pipeline(fs.createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes the archive to `target`. `work` holds the manifest and the database dump; the stored
 * files are reached through a link to the files directory, listed one by one, so that a file
 * arriving meanwhile (a server on PostgreSQL keeps running) is not half in the backup.
 */
export async function writeArchive(
  target: string,
  work: string,
  filesDir: string,
  files: readonly StoredFile[],
  manifest: Manifest,
): Promise<void> {
  fs.writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  if (files.length > 0) fs.symlinkSync(filesDir, path.join(work, FILES_DIR), 'junction');
  const keys = (manifest.keys ?? []).filter((k) => k.carried).map((k) => `${KEYS_DIR}/${k.name}`);
  const entries = [MANIFEST, manifest.database.file, ...keys, ...files.map((f) => `${FILES_DIR}/${f.rel}`)];
  try {
    await tar.create(
      { cwd: work, file: target, gzip: true, portable: true, noDirRecurse: true, strict: true, mode: 0o600 },
      entries,
    );
  } catch (e) {
    throw new BackupError(`The backup could not be written to ${target}: ${(e as Error).message}`);
  }
}

export type ArchiveHead = { format: 'archive'; manifest: Manifest } | { format: 'legacy' };

const damaged = (source: string, why: string) =>
  new BackupError(`${source} is damaged (${why}); it cannot be restored`);

/**
 * Reads only the start of a gzipped file: a goa archive begins with its manifest. A gzip stream
 * without one is a backup of the embedded database from before backups carried the files.
 */
export async function readHead(source: string): Promise<ArchiveHead> {
  const raw = await new Promise<Buffer | null>((resolve, reject) => {
    const input = fs.createReadStream(source);
    const parser = new tar.Parser({ strict: true });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      input.destroy();
      fn();
    };
    parser.on('entry', (entry: tar.ReadEntry) => {
      if (entry.path !== MANIFEST || entry.size > MAX_MANIFEST_BYTES) {
        entry.resume();
        settle(() => resolve(null));
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    });
    parser.on('error', (e: Error) => settle(() => reject(e)));
    parser.on('end', () => settle(() => resolve(null)));
    input.on('error', (e) => settle(() => reject(e)));
    input.on('data', (chunk) => {
      if (!parser.write(chunk as Buffer)) input.pause();
    });
    parser.on('drain', () => input.resume());
    input.on('end', () => parser.end());
    // a gzip stream that is no tar, or is cut off before its first entry: not an archive; the
    // legacy path reads it whole and refuses it as damaged or as no database
  }).catch(() => null);
  if (!raw) return { format: 'legacy' };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BackupError(`${source} is not a goa backup: its manifest cannot be read`);
  }
  const head = z.object({ format: z.literal(FORMAT), version: z.number().int() }).safeParse(json);
  if (!head.success) throw new BackupError(`${source} is not a goa backup: its manifest is not one`);
  if (head.data.version > FORMAT_VERSION) {
    throw new BackupError(
      `${source} was written in backup format ${head.data.version} by a newer goa; this goa reads ` +
        `format ${FORMAT_VERSION}. Restore it with the goa version that made it or a later one.`,
    );
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) {
    throw damaged(source, `its manifest is incomplete: ${manifest.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { format: 'archive', manifest: manifest.data };
}

/**
 * Unpacks the archive into `staging` and checks it against its manifest: the database dump's size
 * and digest, the number and total size of the files. Entries a goa archive never holds (links,
 * devices, other paths) refuse the whole archive.
 */
export async function extractArchive(source: string, staging: string, manifest: Manifest): Promise<void> {
  const refused: string[] = [];
  const carriedKeys = new Set(
    (manifest.keys ?? []).filter((k) => k.carried).map((k) => `${KEYS_DIR}/${k.name}`),
  );
  const allowed = (p: string, type: string): boolean => {
    const name = p.replace(/\/+$/, '');
    if (name === MANIFEST || name === manifest.database.file) return type === 'File';
    if (name === FILES_DIR || name === KEYS_DIR) return type === 'Directory';
    if (carriedKeys.has(name)) return type === 'File';
    return name.startsWith(`${FILES_DIR}/`) && (type === 'File' || type === 'Directory');
  };
  fs.mkdirSync(staging, { recursive: true });
  try {
    await tar.extract({
      file: source,
      cwd: staging,
      strict: true,
      preserveOwner: false,
      // our own archives: a database of empty pages compresses far beyond tar's default bound
      maxDecompressionRatio: Infinity,
      filter: (p, entry) => {
        const type = 'type' in entry ? entry.type : 'File';
        if (allowed(p, type)) return true;
        refused.push(p);
        return false;
      },
    });
  } catch (e) {
    throw damaged(source, (e as Error).message);
  }
  if (refused.length > 0) {
    throw new BackupError(
      `${source} holds entries a goa backup never has (${refused.slice(0, 3).join(', ')}); it cannot be restored`,
    );
  }
  const dump = path.join(staging, manifest.database.file);
  if (!fs.existsSync(dump)) throw damaged(source, 'its database dump is missing');
  const digest = await hashFile(dump);
  if (digest.bytes !== manifest.database.bytes || digest.sha256 !== manifest.database.sha256) {
    throw damaged(source, 'its database dump does not match its manifest');
  }
  const keyProblem = verifyKeys(manifest.keys ?? [], staging);
  if (keyProblem) throw damaged(source, keyProblem);
  const files = await listStoredFiles(path.join(staging, FILES_DIR));
  if (files.length !== manifest.files.count || totalBytes(files) !== manifest.files.bytes) {
    throw damaged(
      source,
      `it holds ${countOf(files.length, 'file')} of ${totalBytes(files)} bytes where its manifest lists ` +
        `${countOf(manifest.files.count, 'file')} of ${manifest.files.bytes} bytes`,
    );
  }
}
