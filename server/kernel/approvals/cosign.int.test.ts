import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJurisdiction, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { APPROVAL_TABLES, person, type Person } from './test-world.ts';

type Task = { approverAccountId: string; status: string; opinion: string | null };
type Step = { key: string; label: string; mode: string; status: string; tasks: Task[] };

/** A district unit with a staff requester, two unit admins (the co-signers) and a district admin. */
async function cosignWorld(t: TestApp) {
  const j = await buildJurisdiction(t.ctx.db);
  const unit = await buildUnit(t.ctx.db, { jurisdictionId: j.id });
  const requester = await person(t.app, t.ctx.db, {
    unitId: unit.id,
    grants: [{ role: 'staff', scope: 'self' }],
  });
  const unitAdmin = [{ role: 'unit_admin' as const, scope: 'unit' as const, unitId: unit.id }];
  const cosigners: [Person, Person] = [
    await person(t.app, t.ctx.db, { unitId: unit.id, grants: unitAdmin }),
    await person(t.app, t.ctx.db, { unitId: unit.id, grants: unitAdmin }),
  ];
  const district = await person(t.app, t.ctx.db, {
    grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: j.id }],
  });
  return { unitId: unit.id, requester, cosigners, district };
}

const cosigned = (title: string) => ({
  type: 'kernel.general',
  title,
  payload: { body: `${title}的具体内容`, coSign: true },
  submit: true,
});

const taskOf = (step: Step, accountId: string) => step.tasks.find((x) => x.approverAccountId === accountId);

describe.each(dbKinds)('general requests with a co-sign (会签) step on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('without coSign the request keeps its old steps', async () => {
    const w = await cosignWorld(t);
    const res = await w.requester.client.post('/api/approvals/matters', {
      ...cosigned('普通请示'),
      payload: { body: '内容' },
    });
    expect(res.status).toBe(201);
    expect(res.body.steps.map((s: Step) => s.key)).toEqual(['district']);
  });

  it('waits for every co-signer, each in their inbox, then moves on to the district', async () => {
    const w = await cosignWorld(t);
    const [a, b] = w.cosigners;
    const created = await w.requester.client.post('/api/approvals/matters', cosigned('会签请示'));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.steps.map((s: Step) => s.key)).toEqual(['cosign', 'district']);
    expect(created.body.steps[0]).toMatchObject({ label: '单位会签', mode: 'all', status: 'in_progress' });
    expect(created.body.steps[0].tasks.map((x: Task) => x.approverAccountId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    for (const c of [a, b]) {
      const inbox = await c.client.get('/api/approvals/inbox');
      expect(inbox.body.items).toEqual([
        expect.objectContaining({ id, stepKey: 'cosign', stepLabel: '单位会签', taskStatus: 'pending' }),
      ]);
    }
    expect((await w.district.client.get('/api/approvals/inbox')).body.total).toBe(0);

    const first = await a.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
      opinion: '同意',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'submitted', currentStep: 'cosign' });
    expect(taskOf(first.body.steps[0], a.id)).toMatchObject({ status: 'approved', opinion: '同意' });
    expect(taskOf(first.body.steps[0], b.id)?.status).toBe('pending');
    expect((await b.client.get('/api/approvals/inbox')).body.total).toBe(1);
    expect((await a.client.get('/api/approvals/inbox')).body.total).toBe(0);
    expect((await w.district.client.get('/api/approvals/inbox')).body.total).toBe(0);
    // a co-signer who has decided cannot decide twice
    const again = await a.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
      opinion: '再次同意',
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    const second = await b.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
      opinion: '同意，报区局。',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'submitted', currentStep: 'district' });
    expect(second.body.steps[0].status).toBe('approved');
    expect(second.body.steps[0].tasks.map((x: Task) => x.status)).toEqual(['approved', 'approved']);
    expect(second.body.steps[1].status).toBe('in_progress');
    const districtInbox = await w.district.client.get('/api/approvals/inbox');
    expect(districtInbox.body.items).toEqual([expect.objectContaining({ id, stepKey: 'district' })]);

    const done = await w.district.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
      opinion: '同意',
    });
    expect(done.body.status).toBe('approved');
  });

  it("one co-signer's rejection ends the request; the other's task is closed", async () => {
    const w = await cosignWorld(t);
    const [a, b] = w.cosigners;
    const id = (await w.requester.client.post('/api/approvals/matters', cosigned('被否决的会签'))).body.id;
    await a.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve', opinion: '同意' });
    const rejected = await b.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'reject',
      opinion: '预算不足，不同意。',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', currentStep: null });
    expect(taskOf(rejected.body.steps[0], b.id)).toMatchObject({ status: 'rejected' });
    expect(taskOf(rejected.body.steps[0], a.id)?.status).toBe('approved');
    expect(rejected.body.steps[1].tasks).toEqual([]);
    expect((await w.district.client.get('/api/approvals/inbox')).body.total).toBe(0);

    // a rejection before anyone else decided closes the other co-signer's pending task
    const id2 = (await w.requester.client.post('/api/approvals/matters', cosigned('直接否决'))).body.id;
    const r2 = await a.client.post(`/api/approvals/matters/${id2}/decide`, {
      decision: 'reject',
      opinion: '不同意。',
    });
    expect(r2.body.status).toBe('rejected');
    expect(taskOf(r2.body.steps[0], b.id)?.status).toBe('cancelled');
    expect((await b.client.get('/api/approvals/inbox')).body.total).toBe(0);
  });

  it('a unit without unit administrators cannot ask for a co-sign; nothing is written', async () => {
    const lonely = await buildUnit(t.ctx.db, { jurisdictionId: (await buildJurisdiction(t.ctx.db)).id });
    const alone = await person(t.app, t.ctx.db, {
      unitId: lonely.id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const before = await countRows(t.ctx, APPROVAL_TABLES);
    const res = await alone.client.post('/api/approvals/matters', cosigned('无人会签'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'no_approver', details: [{ step: 'cosign' }] });
    expect(await countRows(t.ctx, APPROVAL_TABLES)).toEqual(before);
  });
});
