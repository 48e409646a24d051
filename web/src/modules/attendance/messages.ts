import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'attendance',
  {
    title: '考勤',
  },
  {
    title: 'Attendance',
  },
);
