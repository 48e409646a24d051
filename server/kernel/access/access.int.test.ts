import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../testing/factories.ts';
import { createTestApp, dbKinds, signIn, TestClient, type TestApp } from '../testing/harness.ts';
import { ROLES } from './roles.ts';

describe.each(dbKinds)('role and permission catalogue on %s', (kind) => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    staff = await signIn(t.app, a.username, a.password);
  });
  afterAll(() => t.close());

  it('lists every role with its label and permissions to any signed-in user', async () => {
    const res = await staff.get('/api/access/roles');
    expect(res.status).toBe(200);
    expect(res.body.map((r: { role: string }) => r.role)).toEqual([...ROLES]);
    const byRole = new Map<string, { label: string; permissions: string[] }>(
      res.body.map((r: { role: string }) => [r.role, r]),
    );
    expect(byRole.get('bureau_admin')!.permissions).toEqual(
      expect.arrayContaining(['accounts.read', 'accounts.write', 'tokens.manage', 'audit.read']),
    );
    expect(byRole.get('auditor')).toMatchObject({ label: '审计员（只读）' });
    expect(byRole.get('auditor')!.permissions).toEqual(
      expect.arrayContaining(['accounts.read', 'audit.read']),
    );
    expect(byRole.get('auditor')!.permissions).not.toContain('accounts.write');
    expect(byRole.get('unit_admin')!.permissions).not.toContain('tokens.manage');
    const en = await new TestClient(t.app, staff.token, 'en').get('/api/access/roles');
    expect(en.body[0]).toMatchObject({ role: 'bureau_admin', label: 'Bureau administrator' });
  });

  it('lists the permission catalogue with the roles that hold each, the auditor for read-only ones', async () => {
    const res = await staff.get('/api/access/permissions');
    expect(res.status).toBe(200);
    const byName = new Map<string, unknown>(res.body.map((p: { name: string }) => [p.name, p]));
    expect(byName.get('accounts.write')).toEqual({
      name: 'accounts.write',
      label: '管理账号与角色授权',
      roles: ['bureau_admin', 'district_admin', 'unit_admin'],
      readOnly: false,
    });
    expect(byName.get('audit.read')).toEqual({
      name: 'audit.read',
      label: '查看审计日志',
      roles: ['bureau_admin', 'district_admin', 'inspector', 'auditor'],
      readOnly: true,
    });
    expect(byName.get('tokens.manage')).toMatchObject({ roles: ['bureau_admin'], readOnly: false });
    const names = res.body.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort());
  });

  it('answers 401 without a session', async () => {
    expect((await new TestClient(t.app).get('/api/access/roles')).status).toBe(401);
    expect((await new TestClient(t.app).get('/api/access/permissions')).status).toBe(401);
  });
});
