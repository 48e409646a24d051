import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'repairs',
  {
    title: '报修',
  },
  {
    title: 'Repairs',
  },
);
