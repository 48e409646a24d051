import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'home',
  {
    morning: '早上好，{name}',
    noon: '中午好，{name}',
    afternoon: '下午好，{name}',
    evening: '晚上好，{name}',
    today: '今天是 {date}',
    pending: '待我审批',
    inProgress: '我的申请（审批中）',
    unread: '未读消息',
    recent: '我最近的申请',
    allMine: '全部申请',
    noRecent: '还没有申请',
    quickLinks: '常用功能',
    qNewRequest: '发起申请',
    qInbox: '审批待办',
    qPeople: '人员管理',
    qOrg: '组织机构',
    qAccounts: '账号与角色',
    qAudit: '审计日志',
    qCalendar: '节假日安排',
    roles: '我的角色',
  },
  {
    morning: 'Good morning, {name}',
    noon: 'Good day, {name}',
    afternoon: 'Good afternoon, {name}',
    evening: 'Good evening, {name}',
    today: 'Today is {date}',
    pending: 'Waiting for my approval',
    inProgress: 'My requests in progress',
    unread: 'Unread notifications',
    recent: 'My recent requests',
    allMine: 'All my requests',
    noRecent: 'No requests yet',
    quickLinks: 'Quick links',
    qNewRequest: 'New request',
    qInbox: 'To approve',
    qPeople: 'People',
    qOrg: 'Organisation',
    qAccounts: 'Accounts & roles',
    qAudit: 'Audit log',
    qCalendar: 'Holidays',
    roles: 'My roles',
  },
);

/** The greeting for an hour of the day (0–23). */
export function greetingKey(hour: number): 'morning' | 'noon' | 'afternoon' | 'evening' {
  if (hour < 11) return 'morning';
  if (hour < 13) return 'noon';
  if (hour < 18) return 'afternoon';
  return 'evening';
}
