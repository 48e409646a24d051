import { declarePermissions } from '../access/permissions.ts';
import { ROLES } from '../access/roles.ts';

/**
 * `approvals.submit`: raise matters. Held by every role of the city's own staff; suppliers are outside
 * parties and do not raise internal requests. The service also requires the account to be a person.
 * `approvals.admin`: read every matter in one's scope (bureau and district administrators; auditors
 * through readOnly). Deciding needs no permission: it needs a task assigned to the caller.
 */
export const SUBMIT = 'approvals.submit';
export const ADMIN = 'approvals.admin';

declarePermissions([
  {
    name: SUBMIT,
    label: { 'zh-CN': '发起审批事项', en: 'Raise approval matters' },
    roles: ROLES.filter((r) => r !== 'supplier'),
  },
  {
    name: ADMIN,
    label: { 'zh-CN': '查看辖内全部审批事项', en: 'View all approval matters in scope' },
    roles: ['bureau_admin', 'district_admin'],
    readOnly: true,
  },
]);
