import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'library',
  {
    title: '图书借阅',
  },
  {
    title: 'Library',
  },
);
