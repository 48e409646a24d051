import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'energy',
  {
    title: '能耗监测',
  },
  {
    title: 'Energy',
  },
);
