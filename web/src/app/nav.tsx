import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { shell } from './messages.ts';
import { webModules } from './modules.ts';
import { PERM } from './permissions.ts';
import type { Bilingual } from './web-module.ts';

type ShellKey = keyof (typeof shell)['zh-CN'];

/**
 * One entry of the side menu; shown when the user holds any of `permissions` (or always when absent).
 * Kernel entries name a key of the shell's dictionary; business modules bring both languages.
 */
export interface NavItem {
  key: string;
  path?: string;
  label: ShellKey | Bilingual;
  icon: ReactNode;
  permissions?: readonly string[];
  children?: NavItem[];
}

export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'menuHome', icon: <HomeOutlined /> },
  ...webModules.flatMap((m) => m.nav),
  { key: 'org', path: '/org', label: 'menuOrg', icon: <ApartmentOutlined />, permissions: [PERM.orgRead] },
  {
    key: 'people',
    path: '/org/people',
    label: 'menuPeople',
    icon: <TeamOutlined />,
    permissions: [PERM.orgRead],
  },
  {
    key: 'accounts',
    path: '/accounts',
    label: 'menuAccounts',
    icon: <KeyOutlined />,
    permissions: [PERM.accountsRead, PERM.tokensManage],
  },
  {
    key: 'approvals',
    label: 'menuApprovals',
    icon: <SolutionOutlined />,
    children: [
      { key: 'approvals-inbox', path: '/approvals/inbox', label: 'menuInbox', icon: <FileDoneOutlined /> },
      { key: 'approvals-mine', path: '/approvals/mine', label: 'menuMine', icon: <FileTextOutlined /> },
      {
        key: 'approvals-new',
        path: '/approvals/new',
        label: 'menuNewRequest',
        icon: <FileAddOutlined />,
        permissions: [PERM.approvalsSubmit],
      },
      {
        key: 'approvals-all',
        path: '/approvals/all',
        label: 'menuAllMatters',
        icon: <UnorderedListOutlined />,
        permissions: [PERM.approvalsAdmin],
      },
    ],
  },
  { key: 'notifications', path: '/notifications', label: 'menuNotifications', icon: <BellOutlined /> },
  {
    key: 'audit',
    path: '/audit',
    label: 'menuAudit',
    icon: <AuditOutlined />,
    permissions: [PERM.auditRead],
  },
  { key: 'calendar', path: '/calendar', label: 'menuCalendar', icon: <CalendarOutlined /> },
];

/** The menu the user may see: entries filtered by permission, empty groups dropped. */
export function visibleNav(items: readonly NavItem[], can: (...p: string[]) => boolean): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.permissions && !can(...item.permissions)) continue;
    if (item.children) {
      const children = visibleNav(item.children, can);
      if (children.length > 0) out.push({ ...item, children });
    } else out.push(item);
  }
  return out;
}

/** The menu key of the page at `pathname`: the entry whose path is its longest prefix. */
export function selectedKey(items: readonly NavItem[], pathname: string): string | undefined {
  let best: { key: string; len: number } | undefined;
  const walk = (list: readonly NavItem[]) => {
    for (const item of list) {
      if (item.children) walk(item.children);
      const p = item.path;
      if (!p) continue;
      const hit = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
      if (hit && (!best || p.length > best.len)) best = { key: item.key, len: p.length };
    }
  };
  walk(items);
  return best?.key;
}

/**
 * The menu entry to highlight at `pathname`: the page's own entry, matched against the whole menu, and
 * only when the user can see it. A page the user may not open (403) therefore highlights nothing, where
 * matching the visible menu alone picked a shorter prefix — /energy/statistics lit 能耗总览 (/energy).
 */
export function menuSelection(
  all: readonly NavItem[],
  visible: readonly NavItem[],
  pathname: string,
): string | undefined {
  const key = selectedKey(all, pathname);
  return key !== undefined && selectedKey(visible, pathname) === key ? key : undefined;
}

/** The group key that holds `key`, to open it in the menu. */
export function parentKey(items: readonly NavItem[], key: string | undefined): string | undefined {
  return items.find((i) => i.children?.some((c) => c.key === key))?.key;
}
