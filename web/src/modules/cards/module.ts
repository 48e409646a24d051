import { createElement, lazy } from 'react';
import { CreditCardOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { defineMessages } from '../../app/i18n.ts';
import { m } from './messages.ts';

const entities = defineMessages(
  'cards.audit.entities',
  {
    'cards.account': '一卡通账户',
    'cards.card': '一卡通卡片',
    'cards.txn': '一卡通交易',
    'cards.import': '终端流水导入',
  },
  {
    'cards.account': 'One-card account',
    'cards.card': 'One-card',
    'cards.txn': 'One-card transaction',
    'cards.import': 'Terminal import',
  },
);

const actions = defineMessages(
  'cards.audit.actions',
  {
    issue: '发卡',
    report_loss: '挂失',
    replace_card: '补卡',
    freeze: '冻结',
    unfreeze: '解冻',
    return_card: '退卡',
    topup: '充值',
    spend: '消费',
    refund: '退款',
    adjustment: '调账',
    withdrawal: '退卡退款',
    import_terminal: '导入终端流水',
    seed_demo: '生成演示数据',
  },
  {
    issue: 'Issue',
    report_loss: 'Report loss',
    replace_card: 'Replace card',
    freeze: 'Freeze',
    unfreeze: 'Unfreeze',
    return_card: 'Return card',
    topup: 'Top up',
    spend: 'Spend',
    refund: 'Refund',
    adjustment: 'Adjustment',
    withdrawal: 'Pay-out on return',
    import_terminal: 'Import terminal records',
    seed_demo: 'Seed demo data',
  },
);

export const cards: WebModule = {
  key: 'cards',
  path: 'cards',
  Component: lazy(() => import('./index.tsx')),
  nav: [
    {
      key: 'cards',
      label: { 'zh-CN': '一卡通', en: 'One-card' },
      icon: createElement(CreditCardOutlined),
      children: [
        { key: 'cards-mine', path: '/cards', label: { 'zh-CN': '我的一卡通', en: 'My card' }, icon: null },
        {
          key: 'cards-accounts',
          path: '/cards/accounts',
          label: { 'zh-CN': '卡务管理', en: 'Card office' },
          icon: null,
          permissions: ['cards.read'],
        },
      ],
    },
  ],
  dictionaries: [m],
  audit: { entities, actions },
};
