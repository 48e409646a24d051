import { createElement, lazy } from 'react';
import {
  BarChartOutlined,
  FileAddOutlined,
  QrcodeOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  ShopOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { defineMessages } from '../../app/i18n.ts';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const REPAIR_PERM = { read: 'repairs.read', manage: 'repairs.manage' } as const;

const entities = defineMessages(
  'repairs.audit.entities',
  { 'repairs.request': '报修单', 'repairs.contractor': '维修单位', 'repairs.qr': '报修二维码' },
  { 'repairs.request': 'Repair request', 'repairs.contractor': 'Contractor', 'repairs.qr': 'Repair QR code' },
);

const actions = defineMessages(
  'repairs.audit.actions',
  {
    assign: '派单',
    accepted: '接单',
    on_site: '到场',
    waiting_parts: '等待配件',
    done: '维修完成',
    confirm: '确认并评价',
    reopen: '退回重修',
    cancel: '取消',
    overdue: '超时提醒',
  },
  {
    assign: 'Assign',
    accepted: 'Accept',
    on_site: 'On site',
    waiting_parts: 'Waiting for parts',
    done: 'Done',
    confirm: 'Confirm and rate',
    reopen: 'Reopen',
    cancel: 'Cancel',
    overdue: 'Overdue alert',
  },
);

export const repairs: WebModule = {
  key: 'repairs',
  path: 'repairs',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'repairs',
      label: { 'zh-CN': '报修', en: 'Repairs' },
      icon: createElement(ToolOutlined),
      children: [
        {
          key: 'repairs-mine',
          path: '/repairs/mine',
          label: { 'zh-CN': '我的报修', en: 'My requests' },
          icon: createElement(FileAddOutlined),
        },
        {
          key: 'repairs-tasks',
          path: '/repairs/tasks',
          label: { 'zh-CN': '维修任务', en: 'My repair jobs' },
          icon: createElement(ScheduleOutlined),
        },
        {
          key: 'repairs-requests',
          path: '/repairs/requests',
          label: { 'zh-CN': '报修受理', en: 'Repair desk' },
          icon: createElement(SolutionOutlined),
          permissions: [REPAIR_PERM.read],
        },
        {
          key: 'repairs-stats',
          path: '/repairs/stats',
          label: { 'zh-CN': '报修统计', en: 'Statistics' },
          icon: createElement(BarChartOutlined),
          permissions: [REPAIR_PERM.read],
        },
        {
          key: 'repairs-contractors',
          path: '/repairs/contractors',
          label: { 'zh-CN': '维修单位', en: 'Contractors' },
          icon: createElement(ShopOutlined),
          permissions: [REPAIR_PERM.read],
        },
        {
          key: 'repairs-qr',
          path: '/repairs/qr',
          label: { 'zh-CN': '报修二维码', en: 'QR codes' },
          icon: createElement(QrcodeOutlined),
          permissions: [REPAIR_PERM.read],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions },
  publicPages: [{ path: 'repair/:token', Component: lazy(() => import('./public/QrReportPage.tsx')) }],
};
