import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalCache } from '../auth/principal-cache.ts';
import { z } from 'zod';
import { registerMatterType } from './registry.ts';
import { buildUnit } from '../testing/factories.ts';
import { createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { general, person, uploadedFile, world, type Person } from './test-world.ts';

const hookCalls: { id: string; inTransaction: boolean; event: string }[] = [];

registerMatterType({
  type: 'test.countersign',
  label: { 'zh-CN': '会签测试', en: 'Countersign test' },
  payload: z.object({ note: z.string().min(1) }),
  steps: [
    {
      key: 'sign',
      label: { 'zh-CN': '会签', en: 'Countersign' },
      mode: 'all',
      role: 'inspector',
      within: 'requester_unit',
    },
  ],
  async onApproved(tx, m) {
    hookCalls.push({ id: m.id, inTransaction: tx.isTransaction, event: 'approved' });
  },
  async onRejected(tx, m) {
    hookCalls.push({ id: m.id, inTransaction: tx.isTransaction, event: 'rejected' });
  },
});

registerMatterType({
  type: 'test.single_unit',
  label: { 'zh-CN': '单人审批测试', en: 'Single approver test' },
  payload: z.object({ note: z.string().min(1) }),
  steps: [
    {
      key: 'check',
      label: { 'zh-CN': '审核', en: 'Check' },
      mode: 'single',
      role: 'inspector',
      within: 'requester_unit',
    },
  ],
});

describe.each(dbKinds)('approval workflow on %s', (kind) => {
  let t: TestApp;
  let bureau: [Person, Person];
  beforeAll(async () => {
    t = await createTestApp(kind);
    // the only city-wide bureau admins of this database; usernames sort first so 'single' picks 0bureau1
    const grants = [{ role: 'bureau_admin' as const, scope: 'city' as const }];
    bureau = [
      await person(t.app, t.ctx.db, { grants, username: '0bureau1' }),
      await person(t.app, t.ctx.db, { grants, username: '0bureau2' }),
    ];
  });
  afterAll(() => t.close());

  const kinds = async (accountId: string) =>
    (
      await t.ctx.db
        .selectFrom('notification')
        .select(['kind', 'title_zh', 'body', 'link'])
        .where('account_id', '=', accountId)
        .orderBy('seq')
        .execute()
    ).map((n) => n.kind);

  it('lists the registered matter types in the caller’s language', async () => {
    const w = await world(t.app, t.ctx.db);
    const zh = await w.requester.client.get('/api/approvals/types');
    expect(zh.status).toBe(200);
    expect(zh.body).toContainEqual({ type: 'kernel.general', label: '一般事项请示' });
    const en = await w.requester.client.request({
      method: 'GET',
      url: '/api/approvals/types',
      headers: { 'accept-language': 'en' },
    });
    expect(en.body).toContainEqual({ type: 'kernel.general', label: 'General request' });
  });

  it('any-of step: either district admin approves a small general request; the other task closes', async () => {
    const w = await world(t.app, t.ctx.db);
    const [d1, d2] = w.district;
    const created = await w.requester.client.post('/api/approvals/matters', general('购置办公桌椅', 250_000));
    expect(created.status).toBe(201);
    const m = created.body;
    expect(m).toMatchObject({
      type: 'kernel.general',
      typeLabel: '一般事项请示',
      title: '购置办公桌椅',
      summary: '金额 2,500.00 元',
      status: 'submitted',
      currentStep: 'district',
      unitId: w.unitId,
      requester: { accountId: w.requester.id },
      can: { edit: false, submit: false, withdraw: true, decide: false },
    });
    expect(m.steps).toHaveLength(1);
    expect(m.steps[0]).toMatchObject({
      key: 'district',
      label: '辖区审批',
      mode: 'any',
      status: 'in_progress',
    });
    expect(m.steps[0].tasks.map((x: { approverAccountId: string }) => x.approverAccountId).sort()).toEqual(
      [d1.id, d2.id].sort(),
    );
    expect(await kinds(d1.id)).toEqual(['approvals.task']);
    expect(await kinds(d2.id)).toEqual(['approvals.task']);

    const inbox = await d2.client.get('/api/approvals/inbox');
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        id: m.id,
        stepKey: 'district',
        stepLabel: '辖区审批',
        taskStatus: 'pending',
      }),
    ]);
    const seen = await d2.client.get(`/api/approvals/matters/${m.id}`);
    expect(seen.body.can.decide).toBe(true);

    const decided = await d2.client.post(`/api/approvals/matters/${m.id}/decide`, {
      decision: 'approve',
      opinion: '同意',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', currentStep: null });
    expect(decided.body.decidedAt).toEqual(expect.any(String));
    const tasks = decided.body.steps[0].tasks;
    expect(tasks.find((x: { approverAccountId: string }) => x.approverAccountId === d2.id)).toMatchObject({
      status: 'approved',
      opinion: '同意',
    });
    expect(tasks.find((x: { approverAccountId: string }) => x.approverAccountId === d1.id).status).toBe(
      'cancelled',
    );
    expect(decided.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
    ]);
    expect(decided.body.history[2]).toMatchObject({
      stepKey: 'district',
      stepLabel: '辖区审批',
      opinion: '同意',
    });

    expect((await d1.client.get('/api/approvals/inbox')).body.total).toBe(0);
    const done = await d2.client.get('/api/approvals/inbox?state=done');
    expect(done.body.items).toEqual([expect.objectContaining({ id: m.id, taskStatus: 'approved' })]);
    expect(await kinds(w.requester.id)).toEqual(['approvals.approved']);

    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'unit_id', 'actor_account_id'])
      .where('entity', '=', 'approvals.matter')
      .where('entity_id', '=', m.id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'submit', 'approve']);
    expect(log[2]).toMatchObject({
      before: { status: 'submitted', step: 'district' },
      after: { status: 'approved', step: null, decidedStep: 'district', opinion: '同意' },
      unit_id: w.unitId,
      actor_account_id: d2.id,
    });
  });

  it('two steps from 10,000 yuan: district (any-of), then one bureau admin (single)', async () => {
    const w = await world(t.app, t.ctx.db);
    const created = await w.requester.client.post('/api/approvals/matters', general('会议室改造', 1_000_000));
    expect(created.body.steps.map((s: { key: string; status: string }) => [s.key, s.status])).toEqual([
      ['district', 'in_progress'],
      ['bureau', 'waiting'],
    ]);
    const id = created.body.id;
    const step1 = await w.district[0].client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
    });
    expect(step1.body).toMatchObject({ status: 'submitted', currentStep: 'bureau' });
    expect(step1.body.steps[1].tasks).toEqual([
      expect.objectContaining({ approverAccountId: bureau[0].id, status: 'pending' }),
    ]);
    expect(await kinds(bureau[0].id)).toContain('approvals.task');

    // the bureau admin not chosen has no task: refused, and nothing changes
    const other = await bureau[1].client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(other.status).toBe(403);

    const step2 = await bureau[0].client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'approve',
      opinion: '同意实施',
    });
    expect(step2.body).toMatchObject({ status: 'approved' });
    expect(step2.body.steps.map((s: { status: string }) => s.status)).toEqual(['approved', 'approved']);
  });

  it('all-of step: every inspector covering the unit must approve; the type’s hook runs in the transaction', async () => {
    const w = await world(t.app, t.ctx.db);
    const elsewhere = await buildUnit(t.ctx.db, { jurisdictionId: w.jurisdictionId });
    const onUnit = await person(t.app, t.ctx.db, {
      grants: [{ role: 'inspector', scope: 'unit', unitId: w.unitId }],
    });
    const onDistrict = await person(t.app, t.ctx.db, {
      grants: [{ role: 'inspector', scope: 'jurisdiction', jurisdictionId: w.jurisdictionId }],
    });
    const onOtherUnit = await person(t.app, t.ctx.db, {
      grants: [{ role: 'inspector', scope: 'unit', unitId: elsewhere.id }],
    });
    const created = await w.requester.client.post('/api/approvals/matters', {
      type: 'test.countersign',
      title: '联合检查报告',
      payload: { note: '请会签' },
      submit: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      created.body.steps[0].tasks.map((x: { approverAccountId: string }) => x.approverAccountId).sort(),
    ).toEqual([onUnit.id, onDistrict.id].sort());
    expect((await onOtherUnit.client.get(`/api/approvals/matters/${id}`)).status).toBe(403);

    const first = await onUnit.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(first.body).toMatchObject({ status: 'submitted', currentStep: 'sign' });
    expect(first.body.steps[0].status).toBe('in_progress');
    expect(hookCalls.some((h) => h.id === id)).toBe(false);
    const again = await onUnit.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('task_closed');

    const last = await onDistrict.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(last.body).toMatchObject({ status: 'approved' });
    expect(last.body.steps[0].status).toBe('approved');
    expect(hookCalls.filter((h) => h.id === id)).toEqual([{ id, inTransaction: true, event: 'approved' }]);
  });

  it('single step: the narrowest grant is chosen before the username order', async () => {
    const w = await world(t.app, t.ctx.db);
    const suffix = w.unitId.slice(0, 8);
    const wide = await person(t.app, t.ctx.db, {
      username: `a-wide-${suffix}`,
      grants: [{ role: 'inspector', scope: 'jurisdiction', jurisdictionId: w.jurisdictionId }],
    });
    const narrow = await person(t.app, t.ctx.db, {
      username: `z-narrow-${suffix}`,
      grants: [{ role: 'inspector', scope: 'unit', unitId: w.unitId }],
    });
    const created = await w.requester.client.post('/api/approvals/matters', {
      type: 'test.single_unit',
      title: '单人审核',
      payload: { note: 'x' },
      submit: true,
    });
    expect(created.body.steps[0].tasks).toEqual([expect.objectContaining({ approverAccountId: narrow.id })]);
    expect((await wide.client.get('/api/approvals/inbox')).body.total).toBe(0);
  });

  it('reject: needs an opinion; rejects the matter, tells the requester and runs the hook', async () => {
    const w = await world(t.app, t.ctx.db);
    const inspector = await person(t.app, t.ctx.db, {
      grants: [{ role: 'inspector', scope: 'unit', unitId: w.unitId }],
    });
    const created = await w.requester.client.post('/api/approvals/matters', {
      type: 'test.countersign',
      title: '需驳回的事项',
      payload: { note: 'n' },
      submit: true,
    });
    const id = created.body.id;
    const bare = await inspector.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'reject' });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'opinion_required', details: [{ field: 'opinion' }] });
    const rejected = await inspector.client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'reject',
      opinion: '不符合规定',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', can: { withdraw: false, decide: false } });
    expect(rejected.body.steps[0].status).toBe('rejected');
    const note = await t.ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', w.requester.id)
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({ kind: 'approvals.rejected', link: `/approvals/matters/${id}` });
    expect(note.body).toContain('不符合规定');
    expect(hookCalls.filter((h) => h.id === id)).toEqual([{ id, inTransaction: true, event: 'rejected' }]);
    const late = await w.requester.client.post(`/api/approvals/matters/${id}/withdraw`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
  });

  it('return for changes: the requester edits and resubmits; the workflow restarts at step 1', async () => {
    const w = await world(t.app, t.ctx.db);
    const [d1, d2] = w.district;
    const created = await w.requester.client.post(
      '/api/approvals/matters',
      general('办公设备更新', 2_000_000),
    );
    const id = created.body.id;
    await d1.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    const returned = await bureau[0].client.post(`/api/approvals/matters/${id}/decide`, {
      decision: 'return',
      opinion: '请补充预算明细',
    });
    expect(returned.body).toMatchObject({ status: 'returned', currentStep: null });
    expect(returned.body.steps.map((s: { status: string }) => s.status)).toEqual(['approved', 'returned']);
    expect(await kinds(w.requester.id)).toEqual(['approvals.returned']);

    const mine = await w.requester.client.get(`/api/approvals/matters/${id}`);
    expect(mine.body.can).toEqual({ edit: true, submit: true, withdraw: true, decide: false });
    const edited = await w.requester.client.patch(`/api/approvals/matters/${id}`, {
      payload: { body: '已补充预算明细', amountFen: 800_000 },
      version: mine.body.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'returned', payload: { amountFen: 800_000 } });
    const stale = await w.requester.client.patch(`/api/approvals/matters/${id}`, {
      title: '旧版本',
      version: mine.body.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');

    const resubmitted = await w.requester.client.post(`/api/approvals/matters/${id}/submit`);
    expect(resubmitted.status).toBe(200);
    // under 10,000 yuan now: only the district step, with fresh tasks of round 2
    expect(resubmitted.body).toMatchObject({ status: 'submitted', currentStep: 'district', round: 2 });
    expect(resubmitted.body.steps).toHaveLength(1);
    expect(resubmitted.body.steps[0].tasks.every((x: { status: string }) => x.status === 'pending')).toBe(
      true,
    );
    const final = await d2.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(final.body.status).toBe('approved');
    expect(final.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
      'return',
      'update',
      'submit',
      'approve',
    ]);
    expect(final.body.history[3]).toMatchObject({ opinion: '请补充预算明细', toStatus: 'returned' });
  });

  it('withdraw: the requester withdraws an undecided matter; open tasks are cancelled', async () => {
    const w = await world(t.app, t.ctx.db);
    const [d1] = w.district;
    const created = await w.requester.client.post('/api/approvals/matters', general('临时请示'));
    const id = created.body.id;
    const notMine = await d1.client.post(`/api/approvals/matters/${id}/withdraw`);
    expect(notMine.status).toBe(403);
    const withdrawn = await w.requester.client.post(`/api/approvals/matters/${id}/withdraw`, {
      opinion: '情况有变',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', currentStep: null });
    expect(withdrawn.body.steps[0].status).toBe('cancelled');
    expect(withdrawn.body.history.at(-1)).toMatchObject({ action: 'withdraw', opinion: '情况有变' });
    expect(await kinds(d1.id)).toEqual(['approvals.task', 'approvals.withdrawn']);
    expect((await d1.client.get('/api/approvals/inbox')).body.total).toBe(0);
    const late = await d1.client.post(`/api/approvals/matters/${id}/decide`, { decision: 'approve' });
    expect(late.status).toBe(409);
    // a past approver still sees the matter
    expect((await d1.client.get(`/api/approvals/matters/${id}`)).status).toBe(200);
  });

  it('drafts: saved without submitting, edited, then submitted; listed under my requests', async () => {
    const w = await world(t.app, t.ctx.db);
    const draft = await w.requester.client.post(
      '/api/approvals/matters',
      general('草稿事项', undefined, false),
    );
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', currentStep: null, round: 0 });
    expect(draft.body.steps).toEqual([
      expect.objectContaining({ key: 'district', status: 'waiting', tasks: [] }),
    ]);
    expect(await kinds(w.district[0].id)).toEqual([]);
    const id = draft.body.id;
    const renamed = await w.requester.client.patch(`/api/approvals/matters/${id}`, {
      title: '草稿事项(修改)',
    });
    expect(renamed.body.title).toBe('草稿事项(修改)');
    const drafts = await w.requester.client.get('/api/approvals/mine?status=draft');
    expect(drafts.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const submitted = await w.requester.client.post(`/api/approvals/matters/${id}/submit`);
    expect(submitted.body.status).toBe('submitted');
    const editLate = await w.requester.client.patch(`/api/approvals/matters/${id}`, { title: '提交后修改' });
    expect(editLate.status).toBe(409);
    const all = await w.requester.client.get('/api/approvals/mine?q=草稿');
    expect(all.body).toMatchObject({
      total: 1,
      items: [{ id, status: 'submitted', currentStepLabel: '辖区审批' }],
    });
  });

  it('self-exclusion: a requester who holds the approving role is never their own approver', async () => {
    const w = await world(t.app, t.ctx.db);
    const selfAdmin = await person(t.app, t.ctx.db, {
      unitId: w.unitId,
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: w.jurisdictionId }],
    });
    const created = await selfAdmin.client.post('/api/approvals/matters', general('本人请示'));
    const approvers = created.body.steps[0].tasks.map(
      (x: { approverAccountId: string }) => x.approverAccountId,
    );
    expect(approvers.sort()).toEqual([w.district[0].id, w.district[1].id].sort());
    expect(approvers).not.toContain(selfAdmin.id);

    // the first bureau admin raising a large request is approved by the second
    const unitOfBureau = await buildUnit(t.ctx.db, { jurisdictionId: w.jurisdictionId });
    await t.ctx.db
      .updateTable('org_person')
      .set({ unit_id: unitOfBureau.id, jurisdiction_id: w.jurisdictionId })
      .where('id', '=', bureau[0].personId!)
      .execute();
    principalCache.clear(); // the move bypassed the org service, which would have cleared it
    const big = await bureau[0].client.post('/api/approvals/matters', general('局长请示', 5_000_000));
    expect(big.status).toBe(201);
    await w.district[0].client.post(`/api/approvals/matters/${big.body.id}/decide`, { decision: 'approve' });
    const after = await bureau[0].client.get(`/api/approvals/matters/${big.body.id}`);
    expect(after.body.steps[1].tasks).toEqual([expect.objectContaining({ approverAccountId: bureau[1].id })]);
  });

  it('attachments: only one’s own uploads; the file is linked to the matter and unlinked when removed', async () => {
    const w = await world(t.app, t.ctx.db);
    const file = await uploadedFile(t.ctx.db, w.requester.id);
    const created = await w.requester.client.post('/api/approvals/matters', {
      ...general('带附件的请示', undefined, false),
      attachmentIds: [file.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.attachments).toEqual([
      expect.objectContaining({ id: file.id, name: '请示附件.pdf', sizeBytes: 2048 }),
    ]);
    const linked = await t.ctx.db
      .selectFrom('file_object')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ owner_entity: 'approvals.matter', owner_id: created.body.id });

    const cleared = await w.requester.client.patch(`/api/approvals/matters/${created.body.id}`, {
      attachmentIds: [],
    });
    expect(cleared.body.attachments).toEqual([]);
    const unlinked = await t.ctx.db
      .selectFrom('file_object')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(unlinked).toMatchObject({ owner_entity: null, owner_id: null });

    // an approver may attach their own file with a decision
    await w.requester.client.post(`/api/approvals/matters/${created.body.id}/submit`);
    const memo = await uploadedFile(t.ctx.db, w.district[0].id, '审核意见.pdf');
    const decided = await w.district[0].client.post(`/api/approvals/matters/${created.body.id}/decide`, {
      decision: 'approve',
      attachmentIds: [memo.id],
    });
    expect(decided.body.attachments.map((a: { name: string }) => a.name)).toEqual(['审核意见.pdf']);
  });
});
