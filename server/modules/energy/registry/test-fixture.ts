import { buildAccount, buildJurisdiction, buildUnit } from '../../../kernel/testing/factories.ts';
import { signIn, TestClient, type TestApp } from '../../../kernel/testing/harness.ts';

/**
 * A small energy city: districts A and B, an institution in each (A's linked to unit a1) with a
 * building, and clients for the bureau, A's district admin, a1's unit admin, an auditor, staff and a
 * gateway holding an energy.ingest machine token.
 */
export async function energyCity(t: TestApp) {
  const db = t.ctx.db;
  const tag = Math.random().toString(36).slice(2, 6);
  const jA = await buildJurisdiction(db, { name: `甲区${tag}` });
  const jB = await buildJurisdiction(db, { name: `乙区${tag}` });
  const a1 = await buildUnit(db, { jurisdictionId: jA.id, name: '甲区财政局' });
  const b1 = await buildUnit(db, { jurisdictionId: jB.id, name: '乙区财政局' });
  const client = async (grants: Parameters<typeof buildAccount>[1]) => {
    const acc = await buildAccount(db, grants);
    return signIn(t.app, acc.username, acc.password);
  };
  const bureau = await client({ personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
  const districtA = await client({
    personId: null,
    grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: jA.id }],
  });
  const unitA1 = await client({
    personId: null,
    grants: [{ role: 'unit_admin', scope: 'unit', unitId: a1.id }],
  });
  const auditor = await client({ personId: null, grants: [{ role: 'auditor', scope: 'city' }] });
  const staff = await client({ grants: [{ role: 'staff', scope: 'self' }] });
  const token = await bureau.post('/api/machine-tokens', { name: `gw-${tag}`, purpose: 'energy.ingest' });
  const gateway = new TestClient(t.app, token.body.token as string);
  const other = await bureau.post('/api/machine-tokens', {
    name: `veh-${tag}`,
    purpose: 'vehicles.position',
  });
  const otherMachine = new TestClient(t.app, other.body.token as string);

  const inst = async (c: TestClient, body: Record<string, unknown>) => {
    const res = await c.post('/api/energy/institutions', body);
    if (res.status !== 201) throw new Error(`institution: ${res.status} ${res.raw}`);
    return res.body as { id: string; code: string };
  };
  const iA = await inst(bureau, {
    code: `A${tag}`,
    name: '甲区财政局',
    jurisdictionId: jA.id,
    unitId: a1.id,
    kind: 'organ',
    occupants: 80,
    lon: 119.95,
    lat: 31.7,
  });
  const iA2 = await inst(bureau, {
    code: `A2${tag}`,
    name: '甲区第一小学',
    jurisdictionId: jA.id,
    kind: 'school',
    occupants: 40,
  });
  const iB = await inst(bureau, {
    code: `B${tag}`,
    name: '乙区财政局',
    jurisdictionId: jB.id,
    unitId: b1.id,
    kind: 'organ',
    occupants: 60,
  });
  const building = await bureau.post('/api/energy/buildings', {
    institutionId: iA.id,
    name: '办公楼',
    floorArea: 4000,
    occupants: 80,
  });
  return {
    tag,
    jA,
    jB,
    a1,
    b1,
    bureau,
    districtA,
    unitA1,
    auditor,
    staff,
    gateway,
    otherMachine,
    iA,
    iA2,
    iB,
    buildingA: building.body as { id: string },
  };
}
export type EnergyCity = Awaited<ReturnType<typeof energyCity>>;
