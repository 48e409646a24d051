import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest: ID numbers are encrypted with AES-256-GCM (random 12-byte IV, 16-byte tag,
 * stored as `v1.<iv>.<tag>.<ciphertext>` in base64url) and found again through a keyed hash
 * (HMAC-SHA256 under a key derived from the data key), so equality search never needs decryption.
 */
export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The data key must be 32 bytes');
    this.encKey = crypto.createHmac('sha256', key).update('goa.visitors.encrypt').digest();
    this.hashKey = crypto.createHmac('sha256', key).update('goa.visitors.hash').digest();
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv, c.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string {
    const [v, iv, tag, body] = stored.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown cipher text format');
    const d = crypto.createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  }

  /** The keyed hash used to search by ID number and to match the blacklist. */
  hash(plain: string): string {
    return crypto.createHmac('sha256', this.hashKey).update(plain).digest('hex');
  }
}

/** Reads a configured key: 64 hex characters or base64 of 32 bytes. */
export function parseDataKey(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) throw new Error('GOA_DATA_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

export const KEY_FILE = 'visitors-data.key';

/**
 * The data key: GOA_DATA_KEY when set, otherwise `<data dir>/visitors-data.key`, created (mode 0600)
 * with a random key on first start. Losing the key file makes stored ID numbers unreadable: `goa backup`
 * carries it (the module's dataKeys) unless run with --without-keys.
 */
export function loadDataKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseDataKey(configured);
  const file = path.join(dataDir, KEY_FILE);
  try {
    return parseDataKey(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // another instance created it first
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseDataKey(fs.readFileSync(file, 'utf8'));
    throw e;
  }
}
