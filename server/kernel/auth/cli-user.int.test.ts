import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../http/access.ts';
import { buildPerson, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, signIn, type TestApp } from '../testing/harness.ts';
import { createUserFromCli, generatePassword, parseRoleSpec } from './cli-user.ts';

const cli = { ...SYSTEM_ACTOR, label: 'cli' };

describe('role specs of `goa user create`', () => {
  it('reads role[:scope[:id]] with the city as the default scope', () => {
    expect(parseRoleSpec('bureau_admin')).toEqual({ role: 'bureau_admin', scopeKind: 'city', ref: null });
    expect(parseRoleSpec('staff:self')).toEqual({ role: 'staff', scopeKind: 'self', ref: null });
    expect(parseRoleSpec('unit_admin:unit:U01')).toEqual({
      role: 'unit_admin',
      scopeKind: 'unit',
      ref: 'U01',
    });
    expect(() => parseRoleSpec('king')).toThrow(/unknown role/);
    expect(() => parseRoleSpec('staff:planet')).toThrow(/unknown scope/);
    expect(() => parseRoleSpec('staff:unit')).toThrow(/needs the unit's id or code/);
    expect(() => parseRoleSpec('staff:city:x')).toThrow(/takes no id/);
  });

  it('generates passwords that meet the policy', () => {
    for (let i = 0; i < 50; i++)
      expect(generatePassword()).toMatch(/^(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9]{16}$/);
  });
});

describe.each(dbKinds)('goa user create on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('creates the account and its roles in one transaction, resolving units by code', async () => {
    const unit = await buildUnit(t.ctx.db);
    const person = await buildPerson(t.ctx.db, { unitId: unit.id });
    const created = await createUserFromCli(
      t.ctx.db,
      {
        username: 'Wang.Fang',
        displayName: '王芳',
        personId: person.id,
        roles: [
          `unit_admin:unit:${unit.code}`,
          'staff:self',
          `inspector:jurisdiction:${unit.jurisdiction_id}`,
        ],
      },
      cli,
    );
    expect(created.generated).toBe(true);
    const client = await signIn(t.app, 'wang.fang', created.password);
    const me = await client.get('/api/auth/me');
    expect(me.body.roles).toEqual([
      expect.objectContaining({ role: 'unit_admin', scopeKind: 'unit', unitId: unit.id }),
      expect.objectContaining({ role: 'staff', scopeKind: 'self' }),
      expect.objectContaining({
        role: 'inspector',
        scopeKind: 'jurisdiction',
        jurisdictionId: unit.jurisdiction_id,
      }),
    ]);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', created.id)
      .where('action', '!=', 'login')
      .orderBy('id')
      .execute();
    expect(log).toEqual([
      { action: 'create', actor_label: 'cli' },
      { action: 'role_grant', actor_label: 'cli' },
      { action: 'role_grant', actor_label: 'cli' },
      { action: 'role_grant', actor_label: 'cli' },
    ]);
  });

  it('writes nothing when any part fails', async () => {
    const before = await countRows(t.ctx, ['auth_account', 'auth_role_assignment', 'audit_log']);
    await expect(
      createUserFromCli(
        t.ctx.db,
        { username: 'li.lei', displayName: '李雷', roles: ['bureau_admin', 'staff:self'] },
        cli,
      ),
    ).rejects.toThrow(/self scope/);
    await expect(
      createUserFromCli(
        t.ctx.db,
        { username: 'li.lei', displayName: '李雷', roles: ['staff:unit:NO-SUCH-UNIT'] },
        cli,
      ),
    ).rejects.toThrow(/no unit/);
    await expect(
      createUserFromCli(
        t.ctx.db,
        { username: 'li.lei', displayName: '李雷', password: 'weak', roles: [] },
        cli,
      ),
    ).rejects.toThrow(/at least 8/);
    expect(await countRows(t.ctx, ['auth_account', 'auth_role_assignment', 'audit_log'])).toEqual(before);
    const ok = await createUserFromCli(
      t.ctx.db,
      { username: 'li.lei', displayName: '李雷', password: 'Given2026pw', roles: ['bureau_admin'] },
      cli,
    );
    expect(ok).toMatchObject({ generated: false, password: 'Given2026pw' });
  });
});
