import { createElement, lazy } from 'react';
import {
  AlertOutlined,
  DashboardOutlined,
  TableOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  ClusterOutlined,
  SafetyCertificateOutlined,
  CloudUploadOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { auditActions, auditEntities, auditFields } from './audit-codes.ts';
import { mImport } from './import-messages.ts';
import { mi } from './insight-messages.ts';
import { mq } from './quarantine-text.ts';
import { m } from './messages.ts';
import { mr } from './registry-messages.ts';

const READ = ['energy.read'] as const;

export const energy: WebModule = {
  key: 'energy',
  path: 'energy',
  Component: lazy(() => import('./index.tsx')),
  permissions: READ,
  nav: [
    {
      key: 'energy',
      label: { 'zh-CN': '能耗监测', en: 'Energy' },
      icon: createElement(ThunderboltOutlined),
      permissions: READ,
      children: [
        {
          key: 'energy-overview',
          path: '/energy',
          label: { 'zh-CN': '能耗总览', en: 'Overview' },
          icon: createElement(DashboardOutlined),
          permissions: READ,
        },
        {
          key: 'energy-institutions',
          path: '/energy/institutions',
          label: { 'zh-CN': '公共机构与计量点', en: 'Institutions' },
          icon: createElement(ClusterOutlined),
          permissions: READ,
        },
        {
          key: 'energy-alerts',
          path: '/energy/alerts',
          label: { 'zh-CN': '能耗预警', en: 'Alerts' },
          icon: createElement(AlertOutlined),
          permissions: READ,
        },
        {
          key: 'energy-statistics',
          path: '/energy/statistics',
          label: { 'zh-CN': '月度统计报表', en: 'Monthly statistics' },
          icon: createElement(TableOutlined),
          permissions: READ,
        },
        {
          key: 'energy-quality',
          path: '/energy/quality',
          label: { 'zh-CN': '数据质量', en: 'Data quality' },
          icon: createElement(SafetyCertificateOutlined),
          permissions: READ,
        },
        {
          key: 'energy-import',
          path: '/energy/import',
          label: { 'zh-CN': '历史读数导入', en: 'Import readings' },
          icon: createElement(CloudUploadOutlined),
          permissions: ['energy.import'],
        },
        {
          key: 'energy-demonstration',
          path: '/energy/demonstration',
          label: { 'zh-CN': '节约型示范单位', en: 'Demonstration' },
          icon: createElement(TrophyOutlined),
          permissions: READ,
        },
      ],
    },
  ],
  dictionaries: [m, mi, mImport, mq, mr],
  audit: { entities: auditEntities, actions: auditActions, fields: auditFields },
};
