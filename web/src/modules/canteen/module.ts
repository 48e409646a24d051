import { createElement, lazy } from 'react';
import { CoffeeOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { defineMessages } from '../../app/i18n.ts';
import { m } from './messages.ts';

const entities = defineMessages(
  'canteen.audit.entities',
  {
    'canteen.point': '食堂',
    'canteen.dish': '菜品',
    'canteen.menu': '菜单',
    'canteen.slot': '用餐时段',
    'canteen.route': '送餐路线',
    'canteen.order': '订餐',
    'canteen.rating': '菜品评价',
  },
  {
    'canteen.point': 'Canteen',
    'canteen.dish': 'Dish',
    'canteen.menu': 'Menu',
    'canteen.slot': 'Dining slot',
    'canteen.route': 'Delivery route',
    'canteen.order': 'Meal order',
    'canteen.rating': 'Dish rating',
  },
);

const actions = defineMessages(
  'canteen.audit.actions',
  { publish: '发布', cancel: '取消', rate: '评价', reorder_routes: '调整路线顺序' },
  { publish: 'Publish', cancel: 'Cancel', rate: 'Rate', reorder_routes: 'Reorder routes' },
);

export const canteen: WebModule = {
  key: 'canteen',
  path: 'canteen',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'canteen',
      label: { 'zh-CN': '食堂订餐', en: 'Canteen' },
      icon: createElement(CoffeeOutlined),
      children: [
        {
          key: 'canteen-order',
          path: '/canteen',
          label: { 'zh-CN': '订午餐', en: 'Order lunch' },
          icon: null,
        },
        {
          key: 'canteen-kitchen',
          path: '/canteen/kitchen',
          label: { 'zh-CN': '备餐统计', en: 'Kitchen counts' },
          icon: null,
          permissions: ['canteen.kitchen'],
        },
        {
          key: 'canteen-menus',
          path: '/canteen/menus',
          label: { 'zh-CN': '菜单管理', en: 'Menus' },
          icon: null,
          permissions: ['canteen.kitchen'],
        },
        {
          key: 'canteen-points',
          path: '/canteen/points',
          label: { 'zh-CN': '食堂与时段', en: 'Canteens & slots' },
          icon: null,
          permissions: ['canteen.manage'],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions },
};
