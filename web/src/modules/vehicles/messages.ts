import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'vehicles',
  {
    title: '公务用车',
  },
  {
    title: 'Official vehicles',
  },
);
