import { describe, expect, it } from 'vitest';
import { format } from '../../app/i18n.ts';
import { problemText } from './ImportDialog.tsx';
import { m, type MessageKey } from './messages.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => format(m['zh-CN'][key], vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => format(m.en[key], vars);

describe('a terminal import problem in the user language', () => {
  it('translates the code and the column instead of the server English and the internal field name', () => {
    const seq = {
      row: 2,
      field: 'terminalSeq',
      code: 'terminal_seq_invalid',
      message: 'sequence number must be…',
    };
    expect(problemText(zh, seq)).toBe('第 2 行 [流水号] 流水号须为整数');
    expect(problemText(en, seq)).toBe('Row 2 [sequence] The sequence number must be a whole number');
    expect(problemText(zh, { row: 1, code: 'csv_header', missing: ['cardNo', 'amount'] })).toBe(
      '第 1 行 缺少列：卡号、金额(元)',
    );
    expect(
      problemText(zh, { row: 5, field: 'terminalSeq', code: 'terminal_duplicate_in_file', duplicateOf: 3 }),
    ).toBe('第 5 行 [流水号] 与第 3 行的终端号和流水号重复');
  });

  it('keeps the server text for a code it does not know', () => {
    expect(problemText(zh, { row: 4, field: 'x', code: 'new_code', message: 'server says' })).toBe(
      '第 4 行 [x] server says',
    );
  });
});
