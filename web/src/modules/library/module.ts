import { lazy } from 'react';
import { BookOutlined, ReadOutlined, BarChartOutlined, SolutionOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import { defineMessages } from '../../app/i18n.ts';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const LIBRARY_MANAGE = 'library.manage';
export const LIBRARY_STATS = 'library.stats';

const entities = defineMessages(
  'library.audit.entities',
  { 'library.book': '图书', 'library.copy': '图书复本', 'library.loan': '借阅', 'library.hold': '图书预约' },
  {
    'library.book': 'Library title',
    'library.copy': 'Book copy',
    'library.loan': 'Loan',
    'library.hold': 'Hold',
  },
);
const actions = defineMessages(
  'library.audit.actions',
  { borrow: '借出', renew: '续借', cancel: '取消' },
  { borrow: 'Borrow', renew: 'Renew', cancel: 'Cancel' },
);
const fields = defineMessages(
  'library.audit.fields',
  {
    isbn: 'ISBN',
    author: '作者',
    publisher: '出版社',
    published_year: '出版年',
    category: '分类',
    location: '馆藏位置',
    barcodes: '条码',
    barcode: '条码',
    due_date: '应还日期',
    renewals: '续借次数',
    overdue_days: '逾期天数',
    held_for: '预留给',
    book_id: '图书',
    copy_id: '复本',
  },
  {
    isbn: 'ISBN',
    author: 'Author',
    publisher: 'Publisher',
    published_year: 'Year',
    category: 'Category',
    location: 'Shelf',
    barcodes: 'Barcodes',
    barcode: 'Barcode',
    due_date: 'Due date',
    renewals: 'Renewals',
    overdue_days: 'Days overdue',
    held_for: 'Held for',
    book_id: 'Title',
    copy_id: 'Copy',
  },
);

export const library: WebModule = {
  key: 'library',
  path: 'library',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'library',
      label: { 'zh-CN': '图书借阅', en: 'Library' },
      icon: createElement(BookOutlined),
      children: [
        {
          key: 'library-catalogue',
          path: '/library',
          label: { 'zh-CN': '馆藏检索', en: 'Catalogue' },
          icon: createElement(ReadOutlined),
        },
        {
          key: 'library-mine',
          path: '/library/mine',
          label: { 'zh-CN': '我的借阅', en: 'My loans' },
          icon: createElement(BookOutlined),
        },
        {
          key: 'library-desk',
          path: '/library/desk',
          label: { 'zh-CN': '借还台', en: 'Circulation desk' },
          icon: createElement(SolutionOutlined),
          permissions: [LIBRARY_MANAGE],
        },
        {
          key: 'library-stats',
          path: '/library/stats',
          label: { 'zh-CN': '借阅统计', en: 'Statistics' },
          icon: createElement(BarChartOutlined),
          permissions: [LIBRARY_STATS],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions, fields },
};
