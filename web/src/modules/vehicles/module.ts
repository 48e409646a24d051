import { createElement, lazy } from 'react';
import {
  BarChartOutlined,
  CarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  GatewayOutlined,
  PushpinOutlined,
  ShareAltOutlined,
  MobileOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';
import { ms } from './supervision/messages.ts';
import { cm } from './command/messages.ts';
import { mg } from './geofences/messages.ts';
import { mf } from './fleet/messages.ts';
import { mp } from './places/messages.ts';
import { vehicleAuditActions, vehicleAuditEntities, vehicleAuditFields } from './audit.ts';

export const vehicles: WebModule = {
  key: 'vehicles',
  path: 'vehicles',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'vehicles',
      label: { 'zh-CN': '公务用车', en: 'Official vehicles' },
      icon: createElement(CarOutlined),
      permissions: [
        'vehicles.request.submit',
        'vehicles.dispatch',
        'vehicles.drive',
        'vehicles.fleet.read',
        'vehicles.analysis',
        'vehicles.supervise',
      ],
      children: [
        {
          key: 'vehicles/requests',
          path: '/vehicles/requests',
          label: { 'zh-CN': '用车申请', en: 'Trip requests' },
          icon: createElement(FileTextOutlined),
          permissions: ['vehicles.request.submit'],
        },
        {
          key: 'vehicles/desk',
          path: '/vehicles/desk',
          label: { 'zh-CN': '调度台', en: 'Dispatch desk' },
          icon: createElement(DashboardOutlined),
          permissions: ['vehicles.dispatch'],
        },
        {
          key: 'vehicles/command',
          path: '/vehicles/command',
          label: { 'zh-CN': '指挥调度', en: 'Command' },
          icon: createElement(EnvironmentOutlined),
          permissions: ['vehicles.fleet.read'],
        },
        {
          key: 'vehicles/driver',
          path: '/vehicles/driver',
          label: { 'zh-CN': '驾驶员任务', en: 'My trips (driver)' },
          icon: createElement(MobileOutlined),
          permissions: ['vehicles.drive'],
        },
        {
          key: 'vehicles/fleet',
          path: '/vehicles/fleet',
          label: { 'zh-CN': '车辆与驾驶员', en: 'Vehicles and drivers' },
          icon: createElement(CarOutlined),
          permissions: ['vehicles.fleet.read'],
        },
        {
          key: 'vehicles/places',
          path: '/vehicles/places',
          label: { 'zh-CN': '地点', en: 'Places' },
          icon: createElement(PushpinOutlined),
          permissions: ['vehicles.fleet.read', 'vehicles.fleet.write'],
        },
        {
          key: 'vehicles/pool-policies',
          path: '/vehicles/pool-policies',
          label: { 'zh-CN': '同城派车策略', en: 'Pooling policies' },
          icon: createElement(ShareAltOutlined),
          permissions: ['vehicles.fleet.read', 'vehicles.pool.write'],
        },
        {
          key: 'vehicles/supervision',
          path: '/vehicles/supervision/alerts',
          label: { 'zh-CN': '用车监管', en: 'Supervision' },
          icon: createElement(SafetyCertificateOutlined),
          permissions: ['vehicles.supervise'],
        },
        {
          key: 'vehicles/geofences',
          path: '/vehicles/geofences',
          label: { 'zh-CN': '电子围栏', en: 'Geofences' },
          icon: createElement(GatewayOutlined),
          permissions: ['vehicles.supervise'],
        },
        {
          key: 'vehicles/analysis',
          path: '/vehicles/analysis',
          label: { 'zh-CN': '用车分析', en: 'Analysis' },
          icon: createElement(BarChartOutlined),
          permissions: ['vehicles.analysis'],
        },
      ],
    },
  ],
  dictionaries: [m, ms, cm, mg, mf, mp],
  audit: { entities: vehicleAuditEntities, actions: vehicleAuditActions, fields: vehicleAuditFields },
};
