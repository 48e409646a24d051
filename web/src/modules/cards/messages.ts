import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'cards',
  {
    title: '一卡通',
  },
  {
    title: 'One-card',
  },
);
