import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../kernel/config.ts';
import { KEY_FILE } from './crypto.ts';
import { visitors } from './index.ts';

describe('the visitors data key in backups', () => {
  it('names the key file in the data directory for goa backup to carry', () => {
    const config = loadConfig({ GOA_DATA_DIR: '/srv/goa-data' });
    expect(visitors.dataKeys?.(config)).toEqual([
      { name: KEY_FILE, protects: 'visitor ID numbers', file: path.join('/srv/goa-data', KEY_FILE) },
    ]);
  });

  it('has no file to carry when the key comes from GOA_DATA_KEY', () => {
    const config = loadConfig({ GOA_DATA_DIR: '/srv/goa-data', GOA_DATA_KEY: 'ab'.repeat(32) });
    expect(visitors.dataKeys?.(config)).toEqual([
      { name: KEY_FILE, protects: 'visitor ID numbers', file: null },
    ]);
  });
});
