import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'visitors',
  {
    title: '访客',
  },
  {
    title: 'Visitors',
  },
);
