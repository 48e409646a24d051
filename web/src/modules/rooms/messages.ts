import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'rooms',
  {
    title: '会议室',
  },
  {
    title: 'Meeting rooms',
  },
);
