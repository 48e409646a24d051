import { describe, expect, it } from 'vitest';
import { mq, quarantineDetail, quarantineSource } from './quarantine-text.ts';

const t = (key: keyof (typeof mq)['zh-CN'], vars?: Record<string, string | number>) =>
  mq['zh-CN'][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k]));

describe('quarantine texts', () => {
  it('names the server’s detail codes and sources in the user’s language, unknown ones as they came', () => {
    expect(quarantineDetail(t, 'register below the reading before it (or above the one after it)')).toBe(
      '表码小于前一读数（或大于后一读数）',
    );
    expect(quarantineDetail(t, 'later than now + 60 min')).toBe('晚于当前时间 60 分钟以上');
    expect(quarantineDetail(t, 'stored: 12.5')).toBe('已存读数：12.5');
    expect(quarantineDetail(t, 'something new')).toBe('something new');
    expect(quarantineDetail(t, null)).toBe('—');
    expect(quarantineSource(t, 'readmit')).toBe('重新入库');
    expect(quarantineSource(t, 'other')).toBe('other');
  });
});
