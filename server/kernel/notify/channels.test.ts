import { describe, expect, it } from 'vitest';
import { mentionableMobile, plainText } from './channels.ts';

describe('notification channels', () => {
  it('mention mainland mobile numbers only, whatever their spacing', () => {
    expect(mentionableMobile('138 1234-5678')).toBe('13812345678');
    expect(mentionableMobile('+86 13912345678')).toBe('13912345678');
    expect(mentionableMobile('0519-88880000')).toBeNull();
    expect(mentionableMobile(null)).toBeNull();
  });

  it('write the title in Chinese then English, the body, the link and the recipient', () => {
    const text = plainText({
      title: '会议室预订已批准',
      titleEn: 'Room booking approved',
      body: '3 号会议室 14:00–15:00',
      url: 'https://goa.example.gov.cn/rooms/b1',
      recipient: { displayName: '张三', mobile: null, email: null },
    });
    expect(text.split('\n')).toEqual([
      '【会议室预订已批准】',
      'Room booking approved',
      '3 号会议室 14:00–15:00',
      'https://goa.example.gov.cn/rooms/b1',
      '— 张三',
    ]);
  });
});
