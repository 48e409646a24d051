import { defineMessages } from '../../app/i18n.ts';

export const m = defineMessages(
  'mine',
  {
    title: '我的',
    sub: '我的预订、访客、报修、一卡通、订餐、借阅和考勤，一页看全',
    rooms: '我的会议室预订',
    bookRoom: '预订会议室',
  },
  {
    title: 'Mine',
    sub: 'My bookings, visitors, repairs, card, meals, loans and attendance on one page',
    rooms: 'My room bookings',
    bookRoom: 'Book a room',
  },
);
