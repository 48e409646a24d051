import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerMatterType, type StepDef } from './registry.ts';
import { buildJurisdiction, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { APPROVAL_TABLES, general, person, world, type Person } from './test-world.ts';

/** Escalation chains (a step's `fallback`) and the withdraw hook. */

const withdrawn: { id: string; inTransaction: boolean; title: string }[] = [];

const UNIT: StepDef = {
  key: 'unit',
  label: { 'zh-CN': '单位审批', en: 'Unit approval' },
  mode: 'any',
  role: 'unit_admin',
  within: 'requester_unit',
  fallback: [
    { role: 'district_admin', within: 'requester_jurisdiction' },
    { role: 'bureau_admin', within: 'city' },
  ],
};

registerMatterType({
  type: 'test.escalating',
  label: { 'zh-CN': '上报测试', en: 'Escalation test' },
  payload: z.object({ note: z.string() }),
  steps: [UNIT],
  async onWithdrawn(tx, m) {
    withdrawn.push({ id: m.id, inTransaction: tx.isTransaction, title: m.title });
  },
});

registerMatterType({
  type: 'test.escalating_two',
  label: { 'zh-CN': '两步上报测试', en: 'Two-step escalation test' },
  payload: z.object({ note: z.string() }),
  steps: [
    {
      key: 'check',
      label: { 'zh-CN': '审核', en: 'Check' },
      mode: 'single',
      role: 'inspector',
      within: 'requester_unit',
    },
    UNIT,
  ],
});

const matter = (type: string, title: string) => ({ type, title, payload: { note: title }, submit: true });

interface StepView {
  key: string;
  label: string;
  approverRole: string;
  escalated: boolean;
  tasks: { approverAccountId: string; status: string }[];
}

describe.each(dbKinds)('approval escalation on %s', (kind) => {
  let t: TestApp;
  const staffOf = async (unitId: string) =>
    person(t.app, t.ctx.db, { unitId, grants: [{ role: 'staff', scope: 'self' }] });
  const storedSteps = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('approval_matter')
        .select('steps')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).steps;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('a step whose whole chain finds nobody is still no_approver, naming the chain; nothing is written', async () => {
    // this database has no bureau administrator yet, and the new district has no administrator
    const j = await buildJurisdiction(t.ctx.db);
    const lonely = await staffOf((await buildUnit(t.ctx.db, { jurisdictionId: j.id })).id);
    const before = await countRows(t.ctx, APPROVAL_TABLES);
    const res = await lonely.client.request({
      method: 'POST',
      url: '/api/approvals/matters',
      payload: matter('test.escalating', '无人可批'),
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'no_approver',
      details: [
        {
          field: 'steps',
          step: 'unit',
          role: 'unit_admin',
          fallback: [
            { role: 'district_admin', within: 'requester_jurisdiction' },
            { role: 'bureau_admin', within: 'city' },
          ],
        },
      ],
    });
    expect(res.body.error.message).toContain('District administrator, Bureau administrator');
    expect(await countRows(t.ctx, APPROVAL_TABLES)).toEqual(before);
  });

  describe('with a bureau', () => {
    let bureau: Person;
    beforeAll(async () => {
      bureau = await person(t.app, t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    });

    it('a unit in a district without administrators goes up to the bureau, and the step says so', async () => {
      const j = await buildJurisdiction(t.ctx.db);
      const requester = await staffOf((await buildUnit(t.ctx.db, { jurisdictionId: j.id })).id);
      const created = await requester.client.post(
        '/api/approvals/matters',
        matter('test.escalating', '上报局'),
      );
      expect(created.status).toBe(201);
      const step: StepView = created.body.steps[0];
      expect(step).toMatchObject({
        key: 'unit',
        label: '单位审批（机关事务局管理员代审）',
        approverRole: 'bureau_admin',
        approverRoleLabel: '机关事务局管理员',
        escalated: true,
      });
      expect(step.tasks.map((x) => x.approverAccountId)).toEqual([bureau.id]);
      expect((await storedSteps(created.body.id))![0]).toMatchObject({
        role: 'unit_admin',
        assignedRole: 'bureau_admin',
        assignedWithin: 'city',
      });
      const inbox = await bureau.client.get('/api/approvals/inbox');
      expect(inbox.body.items).toContainEqual(
        expect.objectContaining({ id: created.body.id, stepLabel: '单位审批（机关事务局管理员代审）' }),
      );
      const decided = await bureau.client.post(`/api/approvals/matters/${created.body.id}/decide`, {
        decision: 'approve',
      });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('approved');
      expect(decided.body.history.at(-1)).toMatchObject({
        action: 'approve',
        stepLabel: '单位审批（机关事务局管理员代审）',
      });
    });

    it('the step’s own role comes first; the district comes before the bureau', async () => {
      const w = await world(t.app, t.ctx.db);
      // w.requester is the unit admin of w.unitId: a colleague's request goes to them, no escalation
      const colleague = await staffOf(w.unitId);
      const own = await colleague.client.post('/api/approvals/matters', matter('test.escalating', '本单位'));
      expect(own.body.steps[0]).toMatchObject({
        label: '单位审批',
        approverRole: 'unit_admin',
        escalated: false,
      });
      expect(own.body.steps[0].tasks.map((x: { approverAccountId: string }) => x.approverAccountId)).toEqual([
        w.requester.id,
      ]);
      // the unit admin's own request: nobody else holds unit_admin there, so both district admins get it
      const up = await w.requester.client.post(
        '/api/approvals/matters',
        matter('test.escalating', '上报辖区'),
      );
      expect(up.body.steps[0]).toMatchObject({
        label: '单位审批（辖区管理员代审）',
        approverRole: 'district_admin',
        escalated: true,
      });
      const ids = up.body.steps[0].tasks.map((x: { approverAccountId: string }) => x.approverAccountId);
      expect(ids.sort()).toEqual(w.district.map((d) => d.id).sort());
      expect(ids).not.toContain(bureau.id);
      const decided = await w.district[1].client.post(`/api/approvals/matters/${up.body.id}/decide`, {
        decision: 'approve',
      });
      expect(decided.body.status).toBe('approved');
    });

    it('a later step is assigned, and recorded, when the matter enters it', async () => {
      const w = await world(t.app, t.ctx.db);
      const unitId = (await buildUnit(t.ctx.db, { jurisdictionId: w.jurisdictionId })).id;
      const inspector = await person(t.app, t.ctx.db, {
        unitId,
        grants: [{ role: 'inspector', scope: 'unit', unitId }],
      });
      const requester = await staffOf(unitId);
      const created = await requester.client.post(
        '/api/approvals/matters',
        matter('test.escalating_two', '两步'),
      );
      expect(created.status).toBe(201);
      const stored = (await storedSteps(created.body.id))!;
      expect(stored[0]).toMatchObject({ assignedRole: 'inspector' });
      expect(stored[1]).not.toHaveProperty('assignedRole');
      const checked = await inspector.client.post(`/api/approvals/matters/${created.body.id}/decide`, {
        decision: 'approve',
      });
      expect(checked.body).toMatchObject({ status: 'submitted', currentStep: 'unit' });
      expect(checked.body.steps[1]).toMatchObject({ approverRole: 'district_admin', escalated: true });
      expect((await storedSteps(created.body.id))![1]).toMatchObject({
        assignedRole: 'district_admin',
        assignedWithin: 'requester_jurisdiction',
      });
    });

    it('a general request of a district without administrators goes to the bureau', async () => {
      const j = await buildJurisdiction(t.ctx.db);
      const requester = await staffOf((await buildUnit(t.ctx.db, { jurisdictionId: j.id })).id);
      const created = await requester.client.post('/api/approvals/matters', general('区级无人审批'));
      expect(created.status).toBe(201);
      expect(created.body.steps[0]).toMatchObject({
        key: 'district',
        label: '辖区审批（机关事务局管理员代审）',
        approverRole: 'bureau_admin',
      });
      const decided = await bureau.client.post(`/api/approvals/matters/${created.body.id}/decide`, {
        decision: 'approve',
      });
      expect(decided.body.status).toBe('approved');
    });

    it('withdrawing runs the type’s onWithdrawn hook inside the withdrawing transaction', async () => {
      const j = await buildJurisdiction(t.ctx.db);
      const requester = await staffOf((await buildUnit(t.ctx.db, { jurisdictionId: j.id })).id);
      const created = await requester.client.post(
        '/api/approvals/matters',
        matter('test.escalating', '撤回我'),
      );
      expect(withdrawn.filter((w) => w.id === created.body.id)).toEqual([]);
      const res = await requester.client.post(`/api/approvals/matters/${created.body.id}/withdraw`, {
        opinion: '不需要了',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('withdrawn');
      expect(withdrawn.filter((w) => w.id === created.body.id)).toEqual([
        { id: created.body.id, inTransaction: true, title: '撤回我' },
      ]);
      // a withdrawn matter cannot be withdrawn again, and the hook does not run twice
      const again = await requester.client.post(`/api/approvals/matters/${created.body.id}/withdraw`, {});
      expect(again.status).toBe(409);
      expect(withdrawn.filter((w) => w.id === created.body.id)).toHaveLength(1);
    });
  });
});
