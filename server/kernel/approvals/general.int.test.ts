import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJurisdiction, buildUnit } from '../testing/factories.ts';
import { createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { person } from './test-world.ts';

describe.each(dbKinds)("general requests of the city's own units on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('go straight to the bureau, whatever the amount, and are approved there', async () => {
    const city = await buildJurisdiction(t.ctx.db, { kind: 'city', name: '测试市' });
    const unit = await buildUnit(t.ctx.db, { jurisdictionId: city.id });
    const requester = await person(t.app, t.ctx.db, {
      unitId: unit.id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const bureau = await person(t.app, t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });

    for (const amountFen of [undefined, 5_000_000]) {
      const created = await requester.client.post('/api/approvals/matters', {
        type: 'kernel.general',
        title: `市级单位请示 ${amountFen ?? 0}`,
        payload: { body: '请审批。', ...(amountFen === undefined ? {} : { amountFen }) },
        submit: true,
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('submitted');
      expect(created.body.steps.map((s: { key: string }) => s.key)).toEqual(['bureau']);
      const decided = await bureau.client.post(`/api/approvals/matters/${created.body.id}/decide`, {
        decision: 'approve',
        opinion: '同意',
      });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('approved');
    }
  });
});
