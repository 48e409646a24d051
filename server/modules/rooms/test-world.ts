import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import { signIn, type TestApp } from '../../kernel/testing/harness.ts';

/**
 * A small city for the rooms tests: two districts (A, B), units a1, a2 in A and b1 in B, and clients:
 * the bureau admin (city), A's district admin, a1's unit admin, two staff members of a1 and one of b1.
 */
export async function roomsWorld(t: TestApp) {
  const db = t.ctx.db;
  const tag = () => Math.random().toString(36).slice(2, 6);
  const city = await buildJurisdiction(db, { name: `市${tag()}`, kind: 'city' });
  const jA = await buildJurisdiction(db, { name: `甲区${tag()}` });
  const jB = await buildJurisdiction(db, { name: `乙区${tag()}` });
  const bureauUnit = await buildUnit(db, { jurisdictionId: city.id, name: '机关事务管理局' });
  const a1 = await buildUnit(db, { jurisdictionId: jA.id, name: '甲区机关事务中心' });
  const a2 = await buildUnit(db, { jurisdictionId: jA.id, name: '甲区教育局' });
  const b1 = await buildUnit(db, { jurisdictionId: jB.id, name: '乙区财政局' });
  const client = async (over: Parameters<typeof buildAccount>[1]) => {
    const acc = await buildAccount(db, over);
    return { client: await signIn(t.app, acc.username, acc.password), account: acc };
  };
  const person = async (unitId: string, name: string) => (await buildPerson(db, { unitId, name })).id;
  const bureau = await client({
    personId: await person(bureauUnit.id, '局长'),
    grants: [{ role: 'bureau_admin', scope: 'city' }],
  });
  const districtA = await client({
    personId: await person(a1.id, '甲区管理员'),
    grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: jA.id }],
  });
  const unitA1 = await client({
    personId: await person(a1.id, '单位管理员'),
    grants: [{ role: 'unit_admin', scope: 'unit', unitId: a1.id }],
  });
  const staffA1 = await client({
    personId: await person(a1.id, '王芳'),
    grants: [{ role: 'staff', scope: 'self' }],
  });
  const staffA1b = await client({
    personId: await person(a1.id, '李强'),
    grants: [{ role: 'staff', scope: 'self' }],
  });
  const staffB1 = await client({
    personId: await person(b1.id, '赵敏'),
    grants: [{ role: 'staff', scope: 'self' }],
  });
  return { city, jA, jB, bureauUnit, a1, a2, b1, bureau, districtA, unitA1, staffA1, staffA1b, staffB1 };
}
export type RoomsWorld = Awaited<ReturnType<typeof roomsWorld>>;
