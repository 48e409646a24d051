import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, loadDataKey, parseDataKey, PersonalDataCipher } from './crypto.ts';

describe('personal data cipher', () => {
  const cipher = new PersonalDataCipher(crypto.randomBytes(32));

  it('round-trips through AES-256-GCM with a fresh IV each time', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('19491231');
    expect(cipher.decrypt(a)).toBe('11010519491231002X');
    expect(cipher.decrypt(b)).toBe('11010519491231002X');
  });

  it('refuses tampered cipher text and another key', () => {
    const stored = cipher.encrypt('320402199003071231');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() =>
      cipher.decrypt([parts[0], parts[1], parts[2], body.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => new PersonalDataCipher(crypto.randomBytes(32)).decrypt(stored)).toThrow();
  });

  it('hashes deterministically under its key only', () => {
    expect(cipher.hash('x')).toBe(cipher.hash('x'));
    expect(cipher.hash('x')).not.toBe(new PersonalDataCipher(crypto.randomBytes(32)).hash('x'));
  });

  it('reads hex and base64 keys and refuses short ones', () => {
    const key = crypto.randomBytes(32);
    expect(parseDataKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseDataKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseDataKey('abcd')).toThrow(/32 bytes/);
  });

  it('creates a key file on first start and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-key-'));
    try {
      const first = loadDataKey(undefined, dir);
      expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(loadDataKey(undefined, dir).equals(first)).toBe(true);
      const configured = crypto.randomBytes(32);
      expect(loadDataKey(configured.toString('hex'), dir).equals(configured)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
