import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildPerson, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { orgCity, type OrgCity } from './test-fixture.ts';

const TABLES = ['org_unit', 'org_department', 'org_person', 'audit_log'];
const unknownId = '00000000-0000-4000-8000-000000000000';

describe.each(dbKinds)('organisation on %s', (kind) => {
  let t: TestApp;
  let c: OrgCity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await orgCity(t);
  });
  afterAll(() => t.close());

  const newUnit = (jurisdictionId: string, over: Record<string, unknown> = {}) => ({
    code: `N${Math.random().toString(36).slice(2, 8)}`,
    name: '新设单位',
    kind: 'organ',
    level: 'district',
    jurisdictionId,
    establishment: 12,
    ...over,
  });

  it('lists the rank catalogue in the caller locale', async () => {
    const zh = await c.staff.get('/api/org/ranks');
    expect(zh.status).toBe(200);
    expect(zh.body).toHaveLength(9);
    expect(zh.body[8]).toEqual({ code: 'staff_member', label: '科员及以下', order: 9 });
    const en = await c.staff.request({
      method: 'GET',
      url: '/api/org/ranks',
      headers: { 'accept-language': 'en' },
    });
    expect(en.body[0].label).toBe('Provincial/ministerial principal');
  });

  it('lists jurisdictions to every org reader', async () => {
    const res = await c.districtA.get('/api/org/jurisdictions');
    expect(res.status).toBe(200);
    expect(res.body.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([c.jA.id, c.jB.id]));
  });

  it("filters lists and the tree to the caller's scope", async () => {
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((u) => u.id).sort();
    expect(ids(await c.districtA.get('/api/org/units?pageSize=500'))).toEqual([c.a1.id, c.a2.id].sort());
    expect(ids(await c.unitA1.get('/api/org/units'))).toEqual([c.a1.id]);
    const all = await c.bureau.get(`/api/org/units?jurisdictionId=${c.jB.id}`);
    expect(ids(all)).toEqual([c.b1.id, c.b2.id].sort());
    expect(all.body.total).toBe(2);
    const tree = await c.districtA.get('/api/org/tree');
    expect(tree.status).toBe(200);
    expect(tree.body.map((u: { id: string }) => u.id).sort()).toEqual([c.a1.id, c.a2.id].sort());
    expect(tree.body.find((u: { id: string }) => u.id === c.a1.id).headcount).toBe(1);
    expect((await c.staff.get('/api/org/units')).body.items).toEqual([]);
  });

  it('answers 403 for ids outside the scope and 404 for unknown ids', async () => {
    expect((await c.districtA.get(`/api/org/units/${c.b1.id}`)).status).toBe(403);
    expect((await c.districtA.get(`/api/org/units/${c.a1.id}`)).body.code).toBe(c.a1.code);
    expect((await c.unitA1.get(`/api/org/units/${c.a2.id}`)).status).toBe(403);
    expect((await c.districtA.get(`/api/org/units/${unknownId}`)).status).toBe(404);
    expect((await c.districtA.get('/api/org/units/not-a-uuid')).status).toBe(400);
    const before = await countRows(t.ctx, TABLES);
    const patch = await c.districtA.patch(`/api/org/units/${c.b1.id}`, { name: '改名' });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('out_of_scope');
    expect((await c.districtA.delete(`/api/org/units/${c.b2.id}`)).status).toBe(403);
    expect((await c.districtA.post('/api/org/units', newUnit(c.jB.id))).status).toBe(403);
    expect((await c.districtA.post('/api/org/units', newUnit(unknownId))).status).toBe(404);
    expect((await c.auditor.patch(`/api/org/units/${c.a1.id}`, { name: '改名' })).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('creates, changes and deletes a unit with an audit record for each', async () => {
    const created = await c.districtA.post(
      '/api/org/units',
      newUnit(c.jA.id, { parentId: c.a1.id, shortName: '' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '新设单位',
      parentId: c.a1.id,
      shortName: null,
      headcount: 0,
    });
    const id = created.body.id as string;
    const changed = await c.districtA.patch(`/api/org/units/${id}`, {
      name: '新设单位(更名)',
      establishment: 30,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '新设单位(更名)', establishment: 30 });
    expect((await c.districtA.get(`/api/org/units?q=${encodeURIComponent('更名')}`)).body.total).toBe(1);
    expect((await c.districtA.delete(`/api/org/units/${id}`)).status).toBe(204);
    expect((await c.districtA.get(`/api/org/units/${id}`)).status).toBe(404);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'delete']);
    expect(log[1]!.after).toEqual({ name: '新设单位(更名)', establishment: 30 });
  });

  it('refuses missing, mistyped, overlong and unknown fields and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const missing = await c.districtA.post('/api/org/units', { name: '缺编码', jurisdictionId: c.jA.id });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['code', 'kind', 'level']),
    );
    const typed = await c.districtA.post(
      '/api/org/units',
      newUnit(c.jA.id, { establishment: 'many', kind: 'company' }),
    );
    expect(typed.status).toBe(400);
    expect(typed.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'establishment',
      'kind',
    ]);
    const long = await c.districtA.post('/api/org/units', newUnit(c.jA.id, { name: '长'.repeat(101) }));
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].field).toBe('name');
    const parent = await c.districtA.post('/api/org/units', newUnit(c.jA.id, { parentId: unknownId }));
    expect(parent.status).toBe(400);
    expect(parent.body.error.code).toBe('unknown_parent');
    const other = await c.bureau.post('/api/org/units', newUnit(c.jA.id, { parentId: c.b1.id }));
    expect(other.body.error.code).toBe('parent_other_jurisdiction');
    const dup = await c.districtA.post('/api/org/units', newUnit(c.jA.id, { code: c.a2.code }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].field).toBe('code');
    const extra = await c.districtA.patch(`/api/org/units/${c.a2.id}`, { colour: 'red' });
    expect(extra.status).toBe(400);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('refuses a parent chain that loops', async () => {
    const top = await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id });
    const child = await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id, parentId: top.id });
    const self = await c.districtA.patch(`/api/org/units/${top.id}`, { parentId: top.id });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('unit_cycle');
    const loop = await c.districtA.patch(`/api/org/units/${top.id}`, { parentId: child.id });
    expect(loop.body.error.code).toBe('unit_cycle');
    expect((await c.districtA.patch(`/api/org/units/${child.id}`, { parentId: null })).status).toBe(200);
  });

  it("lets a unit admin edit its unit's descriptive fields but not its structure", async () => {
    const ok = await c.unitA1.patch(`/api/org/units/${c.a1.id}`, {
      address: '人民路 8 号',
      shortName: '财政',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.address).toBe('人民路 8 号');
    const before = await countRows(t.ctx, TABLES);
    const est = await c.unitA1.patch(`/api/org/units/${c.a1.id}`, { establishment: 999 });
    expect(est.status).toBe(403);
    expect((await c.unitA1.delete(`/api/org/units/${c.a1.id}`)).status).toBe(403);
    expect((await c.unitA1.post('/api/org/units', newUnit(c.jA.id))).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('moves departments and people along when a unit changes jurisdiction', async () => {
    const u = await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id });
    const p = await buildPerson(t.ctx.db, { unitId: u.id });
    const moved = await c.bureau.patch(`/api/org/units/${u.id}`, { jurisdictionId: c.jB.id });
    expect(moved.status).toBe(200);
    const row = await t.ctx.db
      .selectFrom('org_person')
      .select('jurisdiction_id')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.jurisdiction_id).toBe(c.jB.id);
    // district A's admin can no longer see it, nor move it back
    expect((await c.districtA.get(`/api/org/people/${p.id}`)).status).toBe(403);
  });

  it('refuses to delete a unit that still has people, departments or child units', async () => {
    const withChild = await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id });
    await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id, parentId: withChild.id });
    const before = await countRows(t.ctx, TABLES);
    const res = await c.districtA.request({
      method: 'DELETE',
      url: `/api/org/units/${withChild.id}`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('unit_in_use');
    expect(res.body.error.message).toContain('1 child units');
    const people = await c.districtA.delete(`/api/org/units/${c.a1.id}`);
    expect(people.status).toBe(409);
    expect(people.body.error.details[0]).toMatchObject({ people: 1 });
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('manages departments and refuses to delete one with people', async () => {
    const created = await c.unitA1.post('/api/org/departments', { unitId: c.a1.id, name: '预算科', sort: 2 });
    expect(created.status).toBe(201);
    const dup = await c.unitA1.post('/api/org/departments', { unitId: c.a1.id, name: '预算科' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('department_name_taken');
    expect((await c.unitA1.post('/api/org/departments', { unitId: c.a2.id, name: '办公室' })).status).toBe(
      403,
    );
    const id = created.body.id as string;
    expect((await c.unitA1.patch(`/api/org/departments/${id}`, { name: '预算管理科' })).body.name).toBe(
      '预算管理科',
    );
    const person = await c.unitA1.post('/api/org/people', {
      unitId: c.a1.id,
      departmentId: id,
      employeeNo: `D${Date.now()}`,
      name: '李强',
      rank: 'section_principal',
    });
    expect(person.status).toBe(201);
    const list = await c.unitA1.get(`/api/org/units/${c.a1.id}/departments`);
    expect(list.body).toEqual([expect.objectContaining({ id, name: '预算管理科', headcount: 1 })]);
    const refused = await c.unitA1.delete(`/api/org/departments/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('department_in_use');
    expect((await c.unitA1.patch(`/api/org/people/${person.body.id}`, { departmentId: null })).status).toBe(
      200,
    );
    expect((await c.unitA1.delete(`/api/org/departments/${id}`)).status).toBe(204);
    expect((await c.unitA1.delete(`/api/org/departments/${unknownId}`)).status).toBe(404);
  });

  it('creates, finds, changes and deletes people with their rules', async () => {
    const employeeNo = `P${Date.now()}`;
    const body = {
      unitId: c.a2.id,
      employeeNo,
      name: '赵敏',
      gender: 'female',
      rank: 'division_deputy',
      position: '副局长',
      phone: '0519-8888',
      email: 'zhao.min@example.gov.cn',
    };
    const created = await c.districtA.post('/api/org/people', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'zhao.min@example.gov.cn',
      rank: 'division_deputy',
      rankLabel: '县处级副职',
      status: 'active',
      unitCode: c.a2.code,
    });
    const id = created.body.id as string;
    const before = await countRows(t.ctx, TABLES);
    expect((await c.districtA.post('/api/org/people', body)).status).toBe(409);
    const badRank = await c.districtA.post('/api/org/people', { ...body, employeeNo: 'X1', rank: 'general' });
    expect(badRank.status).toBe(400);
    expect(badRank.body.error.details[0].field).toBe('rank');
    const otherDept = await c.districtA.post('/api/org/people', {
      ...body,
      employeeNo: 'X2',
      departmentId: unknownId,
    });
    expect(otherDept.body.error.code).toBe('department_not_in_unit');
    expect(
      (await c.districtA.post('/api/org/people', { ...body, employeeNo: 'X3', unitId: c.b1.id })).status,
    ).toBe(403);
    expect((await c.districtA.post('/api/org/people', { ...body, employeeNo: 'X4', name: '' })).status).toBe(
      400,
    );
    expect(
      (await c.districtA.post('/api/org/people', { ...body, employeeNo: 'X5', phone: 'abc' })).status,
    ).toBe(400);
    const badMail = await c.districtA.post('/api/org/people', { ...body, employeeNo: 'X6', email: 'zhao@' });
    expect(badMail.status).toBe(400);
    expect(badMail.body.error.details[0].field).toBe('email');
    expect((await c.districtA.patch(`/api/org/people/${id}`, { unitId: c.b1.id })).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    const found = await c.districtA.get(`/api/org/people?q=${employeeNo}&rank=division_deputy`);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const moved = await c.districtA.patch(`/api/org/people/${id}`, {
      unitId: c.a1.id,
      status: 'transferred',
    });
    expect(moved.body).toMatchObject({ unitId: c.a1.id, status: 'transferred' });
    expect((await c.districtA.delete(`/api/org/people/${id}`)).status).toBe(204);
    expect((await c.districtA.get(`/api/org/people/${id}`)).status).toBe(404);
  });

  it('shows staff with a self scope only their own person row', async () => {
    const list = await c.staff.get('/api/org/people');
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([c.staffPerson.id]);
    expect((await c.staff.get(`/api/org/people/${c.staffPerson.id}`)).status).toBe(200);
    const other = await buildPerson(t.ctx.db, { unitId: c.a1.id });
    expect((await c.staff.get(`/api/org/people/${other.id}`)).status).toBe(403);
    expect((await c.staff.patch(`/api/org/people/${c.staffPerson.id}`, { name: '改名' })).status).toBe(403);
    expect((await c.auditor.get(`/api/org/people/${other.id}`)).status).toBe(200);
  });

  it('refuses to delete a person who has a sign-in account', async () => {
    const p = await buildPerson(t.ctx.db, { unitId: c.a2.id });
    await buildAccount(t.ctx.db, { personId: p.id });
    const res = await c.districtA.delete(`/api/org/people/${p.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('person_has_account');
  });

  it('sorts people by grade, highest first', async () => {
    const u = await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id });
    await buildPerson(t.ctx.db, { unitId: u.id, rank: 'staff_member' });
    await buildPerson(t.ctx.db, { unitId: u.id, rank: 'bureau_deputy' });
    await buildPerson(t.ctx.db, { unitId: u.id, rank: 'section_deputy' });
    const asc = await c.districtA.get(`/api/org/people?unitId=${u.id}&sort=rank`);
    expect(asc.body.items.map((p: { rank: string }) => p.rank)).toEqual([
      'bureau_deputy',
      'section_deputy',
      'staff_member',
    ]);
    const desc = await c.districtA.get(`/api/org/people?unitId=${u.id}&sort=-rank&pageSize=2&page=1`);
    expect(desc.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(desc.body.items[0].rank).toBe('staff_member');
  });
});
