import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HEAD_BYTES } from './sniff.ts';

export interface TempFile {
  tmpPath: string;
  sizeBytes: number;
  sha256: string;
  /** the first bytes, for type checks */
  head: Buffer;
}

/**
 * File content on local disk: `<root>/<k0k1>/<k2k3>/<key>` by a random storage key, so that no
 * directory grows large and nothing about a file can be guessed from its path. Content is written
 * to `<root>/.tmp` first and renamed into place (same file system, so the rename is atomic).
 */
export class FileStore {
  constructor(readonly root: string) {}

  static newKey(): string {
    return crypto.randomBytes(16).toString('hex');
  }

  pathOf(key: string): string {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  /** Streams into a temp file, hashing and counting; the caller commits or removes it. */
  async writeTemp(source: Readable): Promise<TempFile> {
    const dir = path.join(this.root, '.tmp');
    await fs.promises.mkdir(dir, { recursive: true });
    const tmpPath = path.join(dir, `${crypto.randomBytes(12).toString('hex')}.part`);
    const hash = crypto.createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let sizeBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (headLength < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
    } catch (e) {
      await removeQuietly(tmpPath);
      throw e;
    }
    return { tmpPath, sizeBytes, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
  }

  /** Moves a temp file to its storage key's place. */
  async commit(tmpPath: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(tmpPath, target);
  }

  async remove(key: string): Promise<void> {
    await removeQuietly(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  open(key: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(key));
  }
}

export async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}
