import { defineMessages, type Dictionary, type Locale } from '../../app/i18n.ts';
import { webModules } from '../../app/modules.ts';
import type { ModuleAuditCodes } from '../../app/web-module.ts';

/**
 * The entity and action codes the server writes into the audit trail (`audit()` / `auditMany()` under
 * server/kernel), with their names in both languages; business modules add theirs through their WebModule's
 * `audit` (merged into `entityCodes` / `actionCodes` / `fieldCodes`). Codes not listed are shown as they are.
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

/** Names of the fields that appear in audit records' before/after values (snake_case or camelCase). */
export const fieldNames = defineMessages(
  'audit.fields',
  {
    code: '代码',
    name: '名称',
    short_name: '简称',
    kind: '类别',
    level: '级别',
    jurisdiction_id: '辖区',
    parent_id: '上级单位',
    establishment: '编制数',
    headcount: '实有人数',
    address: '地址',
    sort: '排序',
    unit_id: '单位',
    department_id: '部门',
    employee_no: '工号',
    gender: '性别',
    rank: '职级',
    position: '职务',
    phone: '电话',
    status: '状态',
    title: '标题',
    type: '事项类型',
    payload: '申请内容',
    step: '当前环节',
    current_step: '当前环节',
    steps: '审批流程',
    round: '轮次',
    opinion: '审批意见',
    decided_step: '审批环节',
    attachment_ids: '附件',
    username: '用户名',
    display_name: '显示名称',
    person_id: '人员',
    disabled: '已停用',
    failed_count: '连续失败次数',
    locked_until: '锁定至',
    role: '角色',
    scope_kind: '数据范围',
    assignment_id: '授权记录',
    purpose: '用途',
    date: '日期',
    name_en: '英文名称',
    note: '备注',
    content_type: '文件类型',
    size_bytes: '大小（字节）',
    sha256: 'SHA-256 校验值',
    owner_entity: '所属对象类型',
    owner_id: '所属对象',
    sessions: '会话',
    jobs: '后台任务',
    stage: '阶段',
    count: '数量',
  },
  {
    code: 'Code',
    name: 'Name',
    short_name: 'Short name',
    kind: 'Kind',
    level: 'Level',
    jurisdiction_id: 'Jurisdiction',
    parent_id: 'Parent unit',
    establishment: 'Establishment',
    headcount: 'Headcount',
    address: 'Address',
    sort: 'Order',
    unit_id: 'Unit',
    department_id: 'Department',
    employee_no: 'Employee no.',
    gender: 'Gender',
    rank: 'Rank',
    position: 'Position',
    phone: 'Phone',
    status: 'Status',
    title: 'Title',
    type: 'Type',
    payload: 'Request',
    step: 'Current step',
    current_step: 'Current step',
    steps: 'Workflow',
    round: 'Round',
    opinion: 'Opinion',
    decided_step: 'Decided step',
    attachment_ids: 'Attachments',
    username: 'Username',
    display_name: 'Display name',
    person_id: 'Person',
    disabled: 'Disabled',
    failed_count: 'Failed attempts',
    locked_until: 'Locked until',
    role: 'Role',
    scope_kind: 'Data scope',
    assignment_id: 'Grant',
    purpose: 'Purpose',
    date: 'Date',
    name_en: 'English name',
    note: 'Note',
    content_type: 'Content type',
    size_bytes: 'Size (bytes)',
    sha256: 'SHA-256',
    owner_entity: 'Owner type',
    owner_id: 'Owner',
    sessions: 'Sessions',
    jobs: 'Jobs',
    stage: 'Stage',
    count: 'Count',
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

/** The kernel's names with every business module's added. */
function withModules(
  kernel: Dictionary,
  pick: (codes: ModuleAuditCodes) => Dictionary | undefined,
): CodeNames {
  const table: CodeNames = { 'zh-CN': { ...kernel['zh-CN'] }, en: { ...kernel.en } };
  for (const m of webModules) {
    const names = m.audit ? pick(m.audit) : undefined;
    if (!names) continue;
    Object.assign(table['zh-CN'], names['zh-CN']);
    Object.assign(table.en, names.en);
  }
  return table;
}

export const entityCodes = withModules(entityNames, (c) => c.entities);
export const actionCodes = withModules(actionNames, (c) => c.actions);
export const fieldCodes = withModules(fieldNames, (c) => c.fields);

function lookup(table: Record<string, string>, code: string): string | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** The name of an entity code, or the code itself when it is not known. */
export function entityLabel(code: string, locale: Locale): string {
  return lookup(entityCodes[locale], code) ?? code;
}

/** The name of an action code, or the code itself when it is not known. */
export function actionLabel(code: string, locale: Locale): string {
  return lookup(actionCodes[locale], code) ?? code;
}

export function isKnownEntity(code: string): boolean {
  return lookup(entityCodes.en, code) !== undefined;
}

export function isKnownAction(code: string): boolean {
  return lookup(actionCodes.en, code) !== undefined;
}

/** The name of a field of a before/after value (`unitId` and `unit_id` alike), or the key itself. */
export function fieldLabel(key: string, locale: Locale): string {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return lookup(fieldCodes[locale], snake) ?? key;
}

/** Every known entity / action code with its name, in catalogue order. */
export function entityOptions(locale: Locale): CodeLabel[] {
  return Object.entries(entityCodes[locale]).map(([code, label]) => ({ code, label }));
}

export function actionOptions(locale: Locale): CodeLabel[] {
  return Object.entries(actionCodes[locale]).map(([code, label]) => ({ code, label }));
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
