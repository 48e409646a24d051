import { describe, expect, it } from 'vitest';
import { format } from '../../app/i18n.ts';
import { columnText, problemText } from './ImportPage.tsx';
import { m, type MessageKey } from './messages.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => format(m['zh-CN'][key], vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => format(m.en[key], vars);

describe('a bad row of a device-records import in the user language', () => {
  it('names the column and the problem in one language, not the server pair', () => {
    const unknown = {
      row: 3,
      field: 'code',
      code: 'unknown',
      value: 'NOPE-1',
      message: '未知工号 NOPE-1 / unknown staff number',
    };
    expect([columnText(zh, unknown), problemText(zh, unknown)]).toEqual(['工号', '未知工号 NOPE-1']);
    expect([columnText(en, unknown), problemText(en, unknown)]).toEqual([
      'Staff no.',
      'Unknown staff number NOPE-1',
    ]);
    const dup = { row: 5, field: 'time', code: 'duplicate_in_file', duplicateOf: 2 };
    expect([columnText(zh, dup), problemText(zh, dup)]).toEqual(['时间', '与第 2 行重复']);
  });

  it('keeps the server text for a code it does not know', () => {
    expect(problemText(zh, { row: 1, field: 'x', code: 'other', message: 'server says' })).toBe(
      'server says',
    );
  });
});
