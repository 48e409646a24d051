import { createElement, lazy } from 'react';
import {
  IdcardOutlined,
  SafetyOutlined,
  SettingOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { defineMessages } from '../../app/i18n.ts';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const VISITOR_PERM = {
  read: 'visitors.visit.read',
  decide: 'visitors.visit.decide',
  gate: 'visitors.gate',
  blacklist: 'visitors.blacklist.manage',
  sites: 'visitors.site.manage',
} as const;

const entities = defineMessages(
  'visitors.audit.entities',
  {
    'visitors.visit': '访客预约',
    'visitors.host_link': '访客预约链接',
    'visitors.blacklist': '访客黑名单',
    'visitors.flag': '黑名单拦截记录',
    'visitors.site': '访客场所',
  },
  {
    'visitors.visit': 'Visit',
    'visitors.host_link': 'Appointment link',
    'visitors.blacklist': 'Visitor blacklist',
    'visitors.flag': 'Blacklist refusal',
    'visitors.site': 'Visitor site',
  },
);

const actions = defineMessages(
  'visitors.audit.actions',
  {
    register: '访客预约登记',
    decline: '拒绝',
    check_in: '签入',
    check_out: '签出',
    walk_in: '临时访客登记',
    refuse: '拒绝入内',
  },
  {
    register: 'Register',
    decline: 'Decline',
    check_in: 'Check in',
    check_out: 'Check out',
    walk_in: 'Walk-in',
    refuse: 'Refuse entry',
  },
);

export const visitors: WebModule = {
  key: 'visitors',
  path: 'visitors',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'visitors',
      label: { 'zh-CN': '访客', en: 'Visitors' },
      icon: createElement(TeamOutlined),
      permissions: [VISITOR_PERM.read, VISITOR_PERM.gate, VISITOR_PERM.blacklist, VISITOR_PERM.sites],
      children: [
        {
          key: 'visitors-visits',
          path: '/visitors/visits',
          label: { 'zh-CN': '访客预约', en: 'Appointments' },
          icon: createElement(IdcardOutlined),
          permissions: [VISITOR_PERM.read],
        },
        {
          key: 'visitors-gate',
          path: '/visitors/gate',
          label: { 'zh-CN': '门岗登记', en: 'Gate' },
          icon: createElement(SafetyOutlined),
          permissions: [VISITOR_PERM.gate],
        },
        {
          key: 'visitors-blacklist',
          path: '/visitors/blacklist',
          label: { 'zh-CN': '黑名单', en: 'Blacklist' },
          icon: createElement(StopOutlined),
          permissions: [VISITOR_PERM.blacklist],
        },
        {
          key: 'visitors-sites',
          path: '/visitors/sites',
          label: { 'zh-CN': '访客场所', en: 'Visitor sites' },
          icon: createElement(SettingOutlined),
          permissions: [VISITOR_PERM.sites],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions },
  publicPages: [
    { path: 'visit', Component: lazy(() => import('./public/VisitPage.tsx')) },
    { path: 'visit/:hostLink', Component: lazy(() => import('./public/VisitPage.tsx')) },
    { path: 'visit-pass/:token', Component: lazy(() => import('./public/PassPage.tsx')) },
  ],
};
