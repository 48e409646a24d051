import { defineMessages, type Locale } from '../../app/i18n.ts';

/**
 * The entity and action codes the server writes into the audit trail (`audit()` / `auditMany()` under
 * server/kernel), with their names in both languages. Codes not listed here are shown as they are.
 */
export const entityNames = defineMessages(
  'audit.entities',
  {
    'org.jurisdiction': '辖区',
    'org.unit': '单位',
    'org.department': '部门',
    'org.person': '人员',
    'auth.account': '账号',
    'auth.session': '登录会话',
    'auth.machine_token': '机器令牌',
    'approvals.matter': '审批事项',
    'files.file': '附件',
    'calendar.day': '节假日安排',
    'notify.notification': '消息通知',
    'kernel.maintenance': '系统维护',
    demo: '演示数据',
  },
  {
    'org.jurisdiction': 'Jurisdiction',
    'org.unit': 'Unit',
    'org.department': 'Department',
    'org.person': 'Person',
    'auth.account': 'Account',
    'auth.session': 'Session',
    'auth.machine_token': 'Machine token',
    'approvals.matter': 'Approval matter',
    'files.file': 'File',
    'calendar.day': 'Calendar day',
    'notify.notification': 'Notification',
    'kernel.maintenance': 'Maintenance',
    demo: 'Demo data',
  },
);

export const actionNames = defineMessages(
  'audit.actions',
  {
    create: '新增',
    update: '修改',
    delete: '删除',
    login: '登录',
    login_failed: '登录失败',
    login_failed_locked: '登录失败并锁定',
    logout: '退出登录',
    password_change: '修改密码',
    password_reset: '重置密码',
    unlock: '解除锁定',
    role_grant: '授予角色',
    role_revoke: '撤销角色',
    revoke: '吊销',
    submit: '提交',
    approve: '同意',
    reject: '驳回',
    return: '退回修改',
    withdraw: '撤回',
    upload: '上传',
    attach: '关联附件',
    read: '标为已读',
    read_all: '全部标为已读',
    purge: '清理过期数据',
    seed: '生成演示数据',
  },
  {
    create: 'Create',
    update: 'Update',
    delete: 'Delete',
    login: 'Sign in',
    login_failed: 'Failed sign-in',
    login_failed_locked: 'Failed sign-in, locked',
    logout: 'Sign out',
    password_change: 'Password change',
    password_reset: 'Password reset',
    unlock: 'Unlock',
    role_grant: 'Role granted',
    role_revoke: 'Role revoked',
    revoke: 'Revoke',
    submit: 'Submit',
    approve: 'Approve',
    reject: 'Reject',
    return: 'Return for changes',
    withdraw: 'Withdraw',
    upload: 'Upload',
    attach: 'Attach',
    read: 'Mark read',
    read_all: 'Mark all read',
    purge: 'Purge expired data',
    seed: 'Seed demo data',
  },
);

export type EntityCode = keyof (typeof entityNames)['en'];
export type ActionCode = keyof (typeof actionNames)['en'];

/** A table of codes and their names in both languages. */
export type CodeNames = { 'zh-CN': Record<string, string>; en: Record<string, string> };

/** A known code with its name in one language. */
export interface CodeLabel {
  code: string;
  label: string;
}

function lookup(table: Record<string, string>, code: string): string | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** The name of an entity code, or the code itself when it is not known. */
export function entityLabel(code: string, locale: Locale): string {
  return lookup(entityNames[locale], code) ?? code;
}

/** The name of an action code, or the code itself when it is not known. */
export function actionLabel(code: string, locale: Locale): string {
  return lookup(actionNames[locale], code) ?? code;
}

export function isKnownEntity(code: string): boolean {
  return lookup(entityNames.en, code) !== undefined;
}

export function isKnownAction(code: string): boolean {
  return lookup(actionNames.en, code) !== undefined;
}

/** Every known entity / action code with its name, in catalogue order. */
export function entityOptions(locale: Locale): CodeLabel[] {
  return Object.entries(entityNames[locale]).map(([code, label]) => ({ code, label }));
}

export function actionOptions(locale: Locale): CodeLabel[] {
  return Object.entries(actionNames[locale]).map(([code, label]) => ({ code, label }));
}

/**
 * What a filter box's text means: a known code, or a known name in either language (→ its code),
 * otherwise the text itself (the server matches codes exactly). Empty text is no filter.
 */
export function resolveCode(text: string, table: CodeNames): string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  if (lookup(table.en, s) !== undefined) return s;
  const lower = s.toLowerCase();
  for (const names of [table['zh-CN'], table.en]) {
    const hit = Object.entries(names).find(([, label]) => label.toLowerCase() === lower);
    if (hit) return hit[0];
  }
  return s;
}

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'cyan',
  logout: 'default',
  login_failed: 'orange',
  login_failed_locked: 'red',
  password_change: 'purple',
  password_reset: 'purple',
  unlock: 'gold',
  role_grant: 'geekblue',
  role_revoke: 'magenta',
  revoke: 'magenta',
  submit: 'blue',
  approve: 'green',
  reject: 'red',
  return: 'orange',
  withdraw: 'default',
};

/** The tag colour of an action: additions green, removals and refusals red, failures orange. */
export function actionColor(code: string): string {
  return ACTION_COLORS[code] ?? 'default';
}
