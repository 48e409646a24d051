/** The permission names the web app asks about (declared by the server's components). */
export const PERM = {
  orgRead: 'org.read',
  orgWrite: 'org.write',
  accountsRead: 'accounts.read',
  accountsWrite: 'accounts.write',
  tokensManage: 'tokens.manage',
  auditRead: 'audit.read',
  calendarWrite: 'calendar.write',
  approvalsAdmin: 'approvals.admin',
  approvalsSubmit: 'approvals.submit',
} as const;

/** Roles that see administrative extras (the API docs link). */
export const ADMIN_ROLES = ['bureau_admin', 'district_admin'] as const;
