import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../kernel/calendar/index.ts';
import { daysOverdue, daysUntil, dueDate, isbn13, isValidIsbn, readCode } from './rules.ts';

const cal: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  days: new Map([
    ['2026-10-01', 'holiday'],
    ['2026-10-02', 'holiday'],
    ['2026-10-05', 'holiday'],
    ['2026-10-06', 'holiday'],
    ['2026-10-07', 'holiday'],
    ['2026-10-08', 'holiday'],
    ['2026-09-27', 'workday'],
  ]),
};

describe('library rules', () => {
  it('puts the due date on a working day', () => {
    expect(dueDate(cal, '2026-11-02', 30)).toBe('2026-12-02'); // a Wednesday
    expect(dueDate(cal, '2026-11-04', 30)).toBe('2026-12-04');
    expect(dueDate(cal, '2026-11-06', 30)).toBe('2026-12-07'); // Sunday → Monday
    expect(dueDate(cal, '2026-09-01', 30)).toBe('2026-10-09'); // National Day holidays → the 9th
    expect(dueDate(cal, '2026-08-28', 30)).toBe('2026-09-27'); // a make-up working Sunday stays
  });

  it('checks ISBN-13 and ISBN-10 check digits', () => {
    expect(isValidIsbn('9787508647357')).toBe(true);
    expect(isValidIsbn('9787508647358')).toBe(false);
    expect(isValidIsbn('7508647357')).toBe(false);
    expect(isValidIsbn('080442957X')).toBe(true);
    expect(isbn13('978750864735')).toBe('9787508647357');
  });

  it('reads a scanned code as an ISBN or a barcode', () => {
    expect(readCode('978-7-5086-4735-7')).toEqual({ kind: 'isbn', isbn: '9787508647357' });
    expect(readCode(' LIB-000123 ')).toEqual({ kind: 'barcode', barcode: 'LIB-000123' });
    expect(readCode('9787508647358')).toEqual({ kind: 'barcode', barcode: '9787508647358' });
  });

  it('counts days overdue', () => {
    expect(daysOverdue('2026-11-20', '2026-11-25')).toBe(5);
    expect(daysOverdue('2026-11-30', '2026-11-25')).toBe(0);
    expect(daysUntil('2026-11-30', '2026-11-25')).toBe(5);
    expect(daysUntil('2026-11-20', '2026-11-25')).toBe(-5);
  });
});
