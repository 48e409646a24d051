import { createElement, lazy } from 'react';
import {
  CalendarOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { defineMessages } from '../../app/i18n.ts';
import { m } from './messages.ts';

const entities = defineMessages(
  'rooms.audit.entities',
  {
    'rooms.building': '办公楼',
    'rooms.room': '会议室',
    'rooms.booking': '会议室预订',
    'rooms.feed': '日历订阅',
  },
  {
    'rooms.building': 'Office building',
    'rooms.room': 'Meeting room',
    'rooms.booking': 'Room booking',
    'rooms.feed': 'Calendar feed',
  },
);

const actions = defineMessages(
  'rooms.audit.actions',
  {
    cancel: '取消',
    check_in: '签到',
    release: '超时释放',
  },
  {
    cancel: 'Cancel',
    check_in: 'Check in',
    release: 'Released (no-show)',
  },
);

const fields = defineMessages(
  'rooms.audit.fields',
  {
    floors: '楼层数',
    floor: '楼层',
    capacity: '容纳人数',
    equipment: '设备',
    policy: '预订规则',
    building_id: '办公楼',
    room_id: '会议室',
    starts_at: '开始时间',
    ends_at: '结束时间',
    attendees: '参会人数',
    services: '会务服务',
    series_id: '周期预订',
    lon: '经度',
    lat: '纬度',
  },
  {
    floors: 'Floors',
    floor: 'Floor',
    capacity: 'Capacity',
    equipment: 'Equipment',
    policy: 'Booking rule',
    building_id: 'Building',
    room_id: 'Room',
    starts_at: 'Start',
    ends_at: 'End',
    attendees: 'Attendees',
    services: 'Services',
    series_id: 'Recurring series',
    lon: 'Longitude',
    lat: 'Latitude',
  },
);

export const rooms: WebModule = {
  key: 'rooms',
  path: 'rooms',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'rooms',
      label: { 'zh-CN': '会议室', en: 'Meeting rooms' },
      icon: createElement(TeamOutlined),
      permissions: ['rooms.book', 'rooms.manage', 'rooms.read'],
      children: [
        {
          key: 'rooms-book',
          path: '/rooms',
          label: { 'zh-CN': '查找会议室', en: 'Find a room' },
          icon: createElement(ScheduleOutlined),
          // read-only roles open it too, as a catalogue without booking controls
          permissions: ['rooms.book', 'rooms.read'],
        },
        {
          key: 'rooms-mine',
          path: '/rooms/mine',
          label: { 'zh-CN': '我的预订', en: 'My bookings' },
          icon: createElement(UserOutlined),
          permissions: ['rooms.book'],
        },
        {
          key: 'rooms-calendar',
          path: '/rooms/calendar',
          label: { 'zh-CN': '会议室日历', en: 'Room calendar' },
          icon: createElement(CalendarOutlined),
          permissions: ['rooms.book', 'rooms.read'],
        },
        {
          key: 'rooms-manage',
          path: '/rooms/manage',
          label: { 'zh-CN': '会议室管理', en: 'Manage rooms' },
          icon: createElement(SettingOutlined),
          permissions: ['rooms.manage'],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions, fields },
};
