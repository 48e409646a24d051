import { describe, expect, it } from 'vitest';
import { bookingSummary } from './approval.ts';

const p = {
  roomName: '多功能厅',
  start: '2026-12-01T06:00:00Z',
  end: '2026-12-01T07:30:00Z',
  occurrences: 1,
};

describe('bookingSummary', () => {
  it("shows the booking in the deployment's zone", () => {
    expect(bookingSummary(p, 'en', 'Asia/Shanghai')).toBe('多功能厅 01/12, 14:00–15:30');
    expect(bookingSummary(p, 'en', 'Europe/London')).toBe('多功能厅 01/12, 06:00–07:30');
  });

  it('counts the occurrences of a series in either language', () => {
    expect(bookingSummary({ ...p, occurrences: 4 }, 'zh-CN', 'Asia/Shanghai')).toMatch(/14:00–15:30 共4次$/);
    expect(bookingSummary({ ...p, occurrences: 4 }, 'en', 'Asia/Shanghai')).toMatch(/ ×4$/);
  });
});
