import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'canteen',
  {
    title: '食堂订餐',
  },
  {
    title: 'Canteen',
  },
);
