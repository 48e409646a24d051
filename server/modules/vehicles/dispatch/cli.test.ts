import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkMdvspText } from './check/mdvsp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const run = promisify(execFile);

describe('goa dispatch solve --format mdvsp', () => {
  it('prints one JSON object with vehicles, cost, seconds and blocks that the checker accepts', async () => {
    const file = path.join(here, 'mdvsp', 'testdata', 'n50m2s1.inp');
    const { stdout } = await run(
      process.execPath,
      ['bin/goa.mjs', 'dispatch', 'solve', '--format', 'mdvsp', file, '--time-limit', '20', '--seed', '3'],
      { cwd: root, timeout: 55_000 },
    );
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['blocks', 'cost', 'seconds', 'vehicles']);
    expect(result).toMatchObject({ vehicles: 17, cost: 188271 });
    expect(typeof result.seconds).toBe('number');
    const blocks = result.blocks as { depot: number; trips: number[] }[];
    expect(blocks[0]).toEqual({ depot: expect.any(Number), trips: expect.any(Array) });
    const check = checkMdvspText(fs.readFileSync(file, 'utf8'), { blocks, cost: 188271, vehicles: 17 });
    expect(check.violations).toEqual([]);
  });
});
