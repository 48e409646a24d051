import { describe, expect, it } from 'vitest';
import { parseTerminalCsv, parseTime, yuanToFen } from './terminal-csv.ts';

describe('terminal CSV', () => {
  it('reads yuan as exact fen', () => {
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('4.55')).toBe(455);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('0')).toBeNull();
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-3')).toBeNull();
  });

  it('reads local times in the given offset and ISO times as written', () => {
    expect(parseTime('2026-11-20 07:45', '+08:00')?.toISOString()).toBe('2026-11-19T23:45:00.000Z');
    expect(parseTime('2026-11-20T07:45:30Z', '+08:00')?.toISOString()).toBe('2026-11-20T07:45:30.000Z');
    expect(parseTime('20/11/2026', '+08:00')).toBeNull();
  });

  it('accepts English headers and reports every bad line', () => {
    const ok = parseTerminalCsv(
      'terminal_id,terminal_seq,card_no,occurred_at,amount_yuan,kind\nT1,5,32040000000001,2026-11-20 12:00,15,spend',
      '+08:00',
    );
    expect(ok.problems).toEqual([]);
    expect(ok.lines[0]).toMatchObject({ terminalId: 'T1', terminalSeq: 5, amount: -1500, kind: 'spend' });
    const bad = parseTerminalCsv(
      '终端号,流水号,卡号,交易时间,金额(元),类型\nT1,1,32040000000001,2026-11-20 12:00,15,退款\nT1,1,32040000000001,2026-11-20 12:00,15,消费\n,,,,,',
      '+08:00',
    );
    expect(bad.lines).toEqual([]);
    expect(bad.problems.map((p) => `${p.row}:${p.code}`)).toEqual([
      '3:terminal_duplicate_in_file',
      '4:terminal_id_invalid',
      '4:terminal_seq_invalid',
      '4:card_no_invalid',
      '4:time_invalid',
      '4:amount_invalid',
      '4:kind_invalid',
    ]);
    expect(parseTerminalCsv('a,b\n1,2', '+08:00').problems[0]?.code).toBe('csv_header');
  });
});
