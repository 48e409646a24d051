import type { Messages } from '../errors.ts';

/** The roles a person may hold; each assignment of a role carries a data scope. */
export const ROLES = [
  'bureau_admin',
  'district_admin',
  'unit_admin',
  'staff',
  'dispatcher',
  'driver',
  'gate_guard',
  'canteen_staff',
  'supplier',
  'inspector',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Messages> = {
  bureau_admin: { 'zh-CN': '机关事务局管理员', en: 'Bureau administrator' },
  district_admin: { 'zh-CN': '辖区管理员', en: 'District administrator' },
  unit_admin: { 'zh-CN': '单位管理员', en: 'Unit administrator' },
  staff: { 'zh-CN': '工作人员', en: 'Staff' },
  dispatcher: { 'zh-CN': '调度员', en: 'Dispatcher' },
  driver: { 'zh-CN': '驾驶员', en: 'Driver' },
  gate_guard: { 'zh-CN': '门卫', en: 'Gate guard' },
  canteen_staff: { 'zh-CN': '食堂人员', en: 'Canteen staff' },
  supplier: { 'zh-CN': '供应商', en: 'Supplier' },
  inspector: { 'zh-CN': '督查员', en: 'Inspector' },
  auditor: { 'zh-CN': '审计员（只读）', en: 'Auditor (read-only)' },
};

/** Where a role assignment reaches: everything, one jurisdiction, one unit, or the person's own rows. */
export const SCOPE_KINDS = ['city', 'jurisdiction', 'unit', 'self'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface RoleAssignment {
  role: Role;
  scopeKind: ScopeKind;
  jurisdictionId: string | null;
  unitId: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
