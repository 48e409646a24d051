import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from '../module.ts';
import { BackupError } from './common.ts';

/**
 * Data keys: secrets a module keeps beside the database (the visitors' key for ID numbers, say)
 * without which part of a backup's data cannot be read. A backup carries each key file in its
 * archive under keys/ unless told not to; the manifest always records each key's fingerprint so
 * that a restore can tell whether the deployment it lands in holds the right one.
 */
export interface DataKey {
  /** the key file's name, a plain file name: `visitors-data.key` */
  name: string;
  /** what the key protects, for messages: "visitor ID numbers" */
  protects: string;
  /** the key file; null when the deployment takes the key from its environment instead */
  file: string | null;
}

export const KEYS_DIR = 'keys';
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface KeyEntry {
  name: string;
  /** sha256 of the key file, null when the key came from the environment */
  sha256: string | null;
  /** whether the archive holds the key file under keys/ */
  carried: boolean;
}

const digest = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function checkNames(keys: readonly DataKey[]): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (!NAME.test(k.name) || seen.has(k.name))
      throw new Error(`Invalid or repeated data key name ${k.name}`);
    seen.add(k.name);
  }
}

/**
 * Copies the key files that exist into `work/keys/` (when `carry`) and returns their manifest
 * entries. A key that has not been created yet protects nothing and is left out.
 */
export function stageKeys(keys: readonly DataKey[], work: string, carry: boolean, log: Log): KeyEntry[] {
  checkNames(keys);
  const entries: KeyEntry[] = [];
  for (const k of keys) {
    if (k.file === null) {
      entries.push({ name: k.name, sha256: null, carried: false });
      log(`note: the key for ${k.protects} comes from the environment; keep it with this backup`);
      continue;
    }
    if (!fs.existsSync(k.file)) continue;
    const bytes = fs.readFileSync(k.file);
    entries.push({ name: k.name, sha256: digest(bytes), carried: carry });
    if (carry) {
      fs.mkdirSync(path.join(work, KEYS_DIR), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(work, KEYS_DIR, k.name), bytes, { mode: 0o600 });
    } else {
      log(`note: the key for ${k.protects} (${k.file}) is not in this backup; keep a copy of it apart`);
    }
  }
  return entries;
}

/** What a restore will do with each key of the archive, decided before anything is replaced. */
export interface KeyPlan {
  install: { from: string; to: string }[];
  notes: string[];
}

/**
 * Compares the archive's keys with the deployment's. A carried key goes where the deployment keeps
 * it; a different key already there is refused unless forced, because replacing it would make the
 * deployment's own encrypted data unreadable. A key the archive does not carry is checked by
 * fingerprint, and a missing or different one is named in a note.
 */
export function planKeys(
  entries: readonly KeyEntry[],
  keys: readonly DataKey[],
  staging: string,
  force: boolean,
): KeyPlan {
  checkNames(keys);
  const plan: KeyPlan = { install: [], notes: [] };
  for (const entry of entries) {
    const local = keys.find((k) => k.name === entry.name);
    if (!local) continue; // a module this goa no longer has
    if (local.file === null) {
      plan.notes.push(
        `the backup's data for ${local.protects} needs the key it was made with; this deployment takes its ` +
          `key from the environment: make sure it is the same key` +
          (entry.sha256 ? ` (the backup's key file has sha256 ${entry.sha256})` : ''),
      );
      continue;
    }
    const present = fs.existsSync(local.file) ? digest(fs.readFileSync(local.file)) : null;
    if (entry.carried) {
      if (present === entry.sha256) continue;
      if (present !== null && !force) {
        throw new BackupError(
          `${local.file} holds a different key for ${local.protects} than the backup; pass --force to ` +
            `replace it with the backup's (data encrypted under the current key becomes unreadable)`,
        );
      }
      plan.install.push({ from: path.join(staging, KEYS_DIR, entry.name), to: local.file });
    } else if (entry.sha256 !== null && present !== entry.sha256) {
      plan.notes.push(
        `warning: the backup's ${local.protects} were encrypted under a key the backup does not hold ` +
          `(sha256 ${entry.sha256}); put that key file at ${local.file} before starting goa` +
          (present === null ? '' : ` (the key there now is a different one)`),
      );
    }
  }
  return plan;
}

/** Writes the planned keys in place (mode 0600), each through a temporary file and a rename. */
export function installKeys(plan: KeyPlan, log: Log): void {
  for (const { from, to } of plan.install) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const tmp = `${to}.restoring`;
    fs.copyFileSync(from, tmp);
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, to);
    log(`restored the key ${path.basename(to)} into ${path.dirname(to)}`);
  }
  for (const note of plan.notes) log(note);
}

/** Checks the unpacked key files against the manifest. */
export function verifyKeys(entries: readonly KeyEntry[], staging: string): string | null {
  for (const e of entries.filter((x) => x.carried)) {
    const file = path.join(staging, KEYS_DIR, e.name);
    if (!fs.existsSync(file)) return `its key ${e.name} is missing`;
    if (digest(fs.readFileSync(file)) !== e.sha256) return `its key ${e.name} does not match its manifest`;
  }
  return null;
}
