import { describe, expect, it } from 'vitest';
import type { Db } from '../db/schema.ts';
import { JobRegistry } from './registry.ts';
import { JobRunner } from './runner.ts';

// a runner with nothing registered never touches its database
const idle = (instanceId?: string) =>
  new JobRunner({} as Db, {
    registry: new JobRegistry(),
    pollMs: 60_000,
    timeZone: 'UTC',
    ...(instanceId ? { instanceId } : {}),
  });

describe('JobRunner.isActiveHere', () => {
  it('names the runners of this process from start to stop, and while they drain', async () => {
    const r = idle();
    expect(r.instanceId).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{6}$`));
    expect(JobRunner.isActiveHere(r.instanceId)).toBe(false);
    await r.start();
    expect(JobRunner.isActiveHere(r.instanceId)).toBe(true);
    expect(await r.drain()).toBe(0); // a started runner that drains stays active
    expect(JobRunner.isActiveHere(r.instanceId)).toBe(true);
    await r.stop();
    expect(JobRunner.isActiveHere(r.instanceId)).toBe(false);

    const d = idle('draining');
    const drained = d.drain();
    expect(JobRunner.isActiveHere('draining')).toBe(true);
    await drained;
    expect(JobRunner.isActiveHere('draining')).toBe(false);
    // another runner's id, even with this process's pid, is not one of ours
    expect(JobRunner.isActiveHere(`${r.instanceId.split(':').slice(0, 2).join(':')}:earlier`)).toBe(false);
  });
});
