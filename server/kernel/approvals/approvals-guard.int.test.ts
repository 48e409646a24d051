import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJurisdiction, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { APPROVAL_TABLES, general, person, uploadedFile, world, type World } from './test-world.ts';

/** Refusals: missing approvers, callers out of scope, bad input and racing approvers. */
describe.each(dbKinds)('approval refusals on %s', (kind) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await world(t.app, t.ctx.db);
  });
  afterAll(() => t.close());

  const unchanged = async (fn: () => Promise<void>) => {
    const before = await countRows(t.ctx, APPROVAL_TABLES);
    await fn();
    expect(await countRows(t.ctx, APPROVAL_TABLES)).toEqual(before);
  };

  it('no_approver: a step nobody can approve stops the submission, naming the step; nothing is written', async () => {
    // this database has no bureau administrator at all
    await unchanged(async () => {
      const res = await w.requester.client.post('/api/approvals/matters', general('大额请示', 3_000_000));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'no_approver',
        details: [{ field: 'steps', step: 'bureau', role: 'bureau_admin', within: 'city' }],
      });
      expect(res.body.error.message).toContain('机关事务局审批');
    });
    const lonely = await buildUnit(t.ctx.db, { jurisdictionId: (await buildJurisdiction(t.ctx.db)).id });
    const alone = await person(t.app, t.ctx.db, {
      unitId: lonely.id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const draft = await alone.client.post('/api/approvals/matters', general('无人审批', undefined, false));
    expect(draft.status).toBe(201);
    await unchanged(async () => {
      const res = await alone.client.request({
        method: 'POST',
        url: `/api/approvals/matters/${draft.body.id}/submit`,
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('no_approver');
      expect(res.body.error.details[0].step).toBe('district');
      expect(res.body.error.message).toContain('District approval');
    });
    expect((await alone.client.get(`/api/approvals/matters/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('out of scope: strangers get 403 on every route of a matter, unknown ids 404', async () => {
    const created = await w.requester.client.post('/api/approvals/matters', general('范围测试'));
    const id = created.body.id;
    const otherJ = await buildJurisdiction(t.ctx.db);
    const stranger = await person(t.app, t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const otherDistrict = await person(t.app, t.ctx.db, {
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: otherJ.id }],
    });
    await unchanged(async () => {
      for (const caller of [stranger, otherDistrict]) {
        expect((await caller.client.get(`/api/approvals/matters/${id}`)).status).toBe(403);
        expect((await caller.client.patch(`/api/approvals/matters/${id}`, { title: 'x' })).status).toBe(403);
        expect((await caller.client.post(`/api/approvals/matters/${id}/submit`)).status).toBe(403);
        expect((await caller.client.post(`/api/approvals/matters/${id}/withdraw`)).status).toBe(403);
        const decide = await caller.client.post(`/api/approvals/matters/${id}/decide`, {
          decision: 'approve',
        });
        expect(decide.status).toBe(403);
        expect(decide.body.error.code).toBe('out_of_scope');
      }
    });
    const unknown = crypto.randomUUID();
    expect((await w.requester.client.get(`/api/approvals/matters/${unknown}`)).status).toBe(404);
    expect((await w.requester.client.post(`/api/approvals/matters/${unknown}/submit`)).status).toBe(404);
    expect((await w.requester.client.get('/api/approvals/matters/not-a-uuid')).status).toBe(400);
  });

  it('approvals.admin: auditors and admins read the matters in their scope only', async () => {
    const created = await w.requester.client.post('/api/approvals/matters', general('台账测试'));
    const id = created.body.id;
    const otherJ = await buildJurisdiction(t.ctx.db);
    const auditor = await person(t.app, t.ctx.db, {
      grants: [{ role: 'auditor', scope: 'jurisdiction', jurisdictionId: w.jurisdictionId }],
    });
    const farAuditor = await person(t.app, t.ctx.db, {
      grants: [{ role: 'auditor', scope: 'jurisdiction', jurisdictionId: otherJ.id }],
    });
    const cityAuditor = await person(t.app, t.ctx.db, { grants: [{ role: 'auditor', scope: 'city' }] });

    expect((await auditor.client.get(`/api/approvals/matters/${id}`)).body.can).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      decide: false,
    });
    const near = await auditor.client.get('/api/approvals/matters?status=submitted');
    expect(near.status).toBe(200);
    expect(near.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(near.body.items.every((r: { unitId: string }) => r.unitId === w.unitId)).toBe(true);
    const far = await farAuditor.client.get('/api/approvals/matters');
    expect(far.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await farAuditor.client.get(`/api/approvals/matters/${id}`)).status).toBe(403);
    // a draft stays the requester's own: it is not in the ledger
    await w.requester.client.post('/api/approvals/matters', general('台账草稿', undefined, false));
    const city = await cityAuditor.client.get(`/api/approvals/matters?unitId=${w.unitId}&q=台账`);
    expect(city.body).toMatchObject({ total: 1, items: [{ id, title: '台账测试', unitId: w.unitId }] });
    // an auditor may read but never decide
    const decide = await cityAuditor.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
    });
    expect(decide.status).toBe(403);

    expect((await w.requester.client.get('/api/approvals/matters')).status).toBe(403);
  });

  it('requesters: an account without a person, or a supplier, cannot raise a matter', async () => {
    const machineLike = await person(t.app, t.ctx.db, {
      personless: true,
      grants: [{ role: 'bureau_admin', scope: 'city' }],
    });
    const supplier = await person(t.app, t.ctx.db, {
      unitId: w.unitId,
      grants: [{ role: 'supplier', scope: 'self' }],
    });
    await unchanged(async () => {
      const a = await machineLike.client.post(
        '/api/approvals/matters',
        general('无人员档案', undefined, false),
      );
      expect(a.status).toBe(403);
      expect(a.body.error.code).toBe('no_person');
      const b = await supplier.client.post('/api/approvals/matters', general('供应商请示', undefined, false));
      expect(b.status).toBe(403);
    });
    // removing the bureau admin again keeps "no bureau administrator" true for this database
    await t.ctx.db.deleteFrom('auth_role_assignment').where('account_id', '=', machineLike.id).execute();
  });

  it('bad input: 400 with the offending field, and nothing written', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'invalid_input', 'type'],
      [{ ...general('x'), title: '长'.repeat(201) }, 'invalid_input', 'title'],
      [{ ...general('x'), title: '   ' }, 'invalid_input', 'title'],
      [{ ...general('x'), type: 'kernel.nope' }, 'unknown_type', 'type'],
      [{ ...general('x'), type: 'Not A Type' }, 'invalid_input', 'type'],
      [{ ...general('x'), payload: { body: '' } }, 'invalid_payload', 'payload.body'],
      [
        { ...general('x'), payload: { body: 'b', amountFen: 'many' } },
        'invalid_payload',
        'payload.amountFen',
      ],
      [{ ...general('x'), payload: { body: 'b', amountFen: 1.5 } }, 'invalid_payload', 'payload.amountFen'],
      [{ ...general('x'), payload: { body: 'b', amountFen: -1 } }, 'invalid_payload', 'payload.amountFen'],
      [{ ...general('x'), payload: 'text' }, 'invalid_payload', 'payload'],
      [{ ...general('x'), attachmentIds: ['nope'] }, 'invalid_input', 'attachmentIds.0'],
      [{ ...general('x'), attachmentIds: [crypto.randomUUID()] }, 'file_not_found', 'attachmentIds.0'],
      [{ ...general('x'), submit: 'yes' }, 'invalid_input', 'submit'],
    ];
    await unchanged(async () => {
      for (const [body, code, field] of cases) {
        const res = await w.requester.client.post('/api/approvals/matters', body);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.body.error.code).toBe(code);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    const theirs = await uploadedFile(t.ctx.db, w.district[0].id);
    const draft = await w.requester.client.post(
      '/api/approvals/matters',
      general('附件校验', undefined, false),
    );
    const id = draft.body.id;
    await unchanged(async () => {
      const notMine = await w.requester.client.patch(`/api/approvals/matters/${id}`, {
        attachmentIds: [theirs.id],
      });
      expect(notMine.status).toBe(403);
      expect(notMine.body.error.code).toBe('file_not_yours');
      const empty = await w.requester.client.patch(`/api/approvals/matters/${id}`, {});
      expect(empty.status).toBe(400);
      const badPayload = await w.requester.client.patch(`/api/approvals/matters/${id}`, {
        payload: { body: 1 },
      });
      expect(badPayload.status).toBe(400);
      expect(badPayload.body.error.details[0].field).toBe('payload.body');
      const badDecision = await w.district[0].client.post(`/api/approvals/matters/${id}/decide`, {
        decision: 'maybe',
      });
      expect(badDecision.status).toBe(400);
      const longOpinion = await w.district[0].client.post(`/api/approvals/matters/${id}/decide`, {
        decision: 'reject',
        opinion: '意'.repeat(2001),
      });
      expect(longOpinion.status).toBe(400);
      expect(longOpinion.body.error.details[0].field).toBe('opinion');
    });

    // a file already attached to another matter cannot be attached again
    const mine = await uploadedFile(t.ctx.db, w.requester.id);
    await w.requester.client.patch(`/api/approvals/matters/${id}`, { attachmentIds: [mine.id] });
    const other = await w.requester.client.post(
      '/api/approvals/matters',
      general('另一事项', undefined, false),
    );
    await unchanged(async () => {
      const res = await w.requester.client.patch(`/api/approvals/matters/${other.body.id}`, {
        attachmentIds: [mine.id],
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('file_in_use');
    });
  });

  it('concurrent decisions on an any-of step: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 3; round++) {
      const created = await w.requester.client.post('/api/approvals/matters', general(`并发审批${round}`));
      const id = created.body.id;
      const [d1, d2] = w.district;
      const results = await Promise.all([
        d1.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve', opinion: '甲同意' }),
        d2.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'reject', opinion: '乙驳回' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(['task_closed', 'invalid_transition']).toContain(loser.body.error.code);
      const tasks = await t.ctx.db
        .selectFrom('approval_task')
        .select('status')
        .where('matter_id', '=', id)
        .execute();
      expect(tasks.map((x) => x.status).sort()).toEqual(
        results[0]!.status === 200 ? ['approved', 'cancelled'] : ['cancelled', 'rejected'],
      );
      const decisions = await t.ctx.db
        .selectFrom('approval_event')
        .select('action')
        .where('matter_id', '=', id)
        .where('action', 'in', ['approve', 'reject'])
        .execute();
      expect(decisions).toHaveLength(1);
      const outcomes = await t.ctx.db
        .selectFrom('notification')
        .select('kind')
        .where('account_id', '=', w.requester.id)
        .where('link', '=', `/approvals/matters/${id}`)
        .execute();
      expect(outcomes).toHaveLength(1);
    }
  });
});
