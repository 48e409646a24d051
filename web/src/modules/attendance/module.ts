import { createElement, lazy } from 'react';
import {
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { actions, entities, fields } from './audit.ts';
import { m } from './messages.ts';

export const ATTENDANCE_MANAGE = 'attendance.manage';
export const ATTENDANCE_REPORT = 'attendance.report';

export const attendance: WebModule = {
  key: 'attendance',
  path: 'attendance',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'attendance',
      label: { 'zh-CN': '考勤', en: 'Attendance' },
      icon: createElement(FieldTimeOutlined),
      children: [
        {
          key: 'attendance-clock',
          path: '/attendance',
          label: { 'zh-CN': '打卡', en: 'Clock in' },
          icon: createElement(ClockCircleOutlined),
        },
        {
          key: 'attendance-month',
          path: '/attendance/month',
          label: { 'zh-CN': '我的考勤', en: 'My attendance' },
          icon: createElement(CalendarOutlined),
        },
        {
          key: 'attendance-board',
          path: '/attendance/board',
          label: { 'zh-CN': '考勤日报', en: 'Daily board' },
          icon: createElement(DashboardOutlined),
          permissions: [ATTENDANCE_MANAGE],
        },
        {
          key: 'attendance-report',
          path: '/attendance/report',
          label: { 'zh-CN': '考勤月报', en: 'Monthly report' },
          icon: createElement(BarChartOutlined),
          permissions: [ATTENDANCE_REPORT],
        },
        {
          key: 'attendance-settings',
          path: '/attendance/settings',
          label: { 'zh-CN': '规则与地点', en: 'Rules and sites' },
          icon: createElement(SettingOutlined),
          permissions: [ATTENDANCE_MANAGE],
        },
        {
          key: 'attendance-import',
          path: '/attendance/import',
          label: { 'zh-CN': '考勤机数据', en: 'Device records' },
          icon: createElement(UploadOutlined),
          permissions: [ATTENDANCE_MANAGE],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions, fields },
  publicPages: [{ path: 'attendance-kiosk', Component: lazy(() => import('./KioskPage.tsx')) }],
};
