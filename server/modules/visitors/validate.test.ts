import { describe, expect, it } from 'vitest';
import {
  idCheckDigit,
  idNumberProblem,
  isMobile,
  isPlate,
  maskIdNumber,
  maskMobile,
  normalizeMobile,
} from './validate.ts';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check digit, including X', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
    expect(idCheckDigit('32040219900307123')).toBe('5');
  });
  it('accepts valid numbers, a lower-case x and spaces', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('440524 18800101 0014')).toBeNull();
  });
  it('refuses a wrong check digit', () => {
    expect(idNumberProblem('110105194912310021')).toBe('check_digit');
    expect(idNumberProblem('440524188001010015')).toBe('check_digit');
  });
  it('refuses wrong lengths, letters and impossible birth dates', () => {
    expect(idNumberProblem('11010519491231002')).toBe('format');
    expect(idNumberProblem('1101051949123100211')).toBe('format');
    expect(idNumberProblem('01010519491231002X')).toBe('format');
    expect(idNumberProblem('11010519490231002X')).toBe('birth_date');
    expect(idNumberProblem('11010518001231002X')).toBe('birth_date');
    expect(idNumberProblem('110105202602300021')).toBe('birth_date');
    expect(idNumberProblem('110105202602300021')).toBe('birth_date');
  });
});

describe('mobile numbers', () => {
  it('accepts mainland numbers with or without +86', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('+86 138-1234-5678')).toBe(true);
    expect(normalizeMobile('8619912345678')).toBe('19912345678');
  });
  it('refuses malformed numbers', () => {
    for (const bad of ['1381234567', '138123456789', '12812345678', '23812345678', '0519-8888888', 'abc']) {
      expect(isMobile(bad), bad).toBe(false);
    }
  });
});

describe('licence plates', () => {
  it('accepts ordinary, special and new-energy plates', () => {
    for (const ok of [
      '苏D12345',
      '苏DA8B88',
      '京A·12345',
      '苏d12345',
      '苏D1234学',
      '苏DD12345',
      '苏DF1234',
      '苏D12345D',
      '沪AF12345',
    ]) {
      expect(isPlate(ok), ok).toBe(true);
    }
  });
  it('refuses unknown provinces, I and O, and wrong lengths', () => {
    for (const bad of ['A123456', '苏D1234', '苏DI2345', '苏DO2345', '苏D1234567', '台A12345', '苏1D2345']) {
      expect(isPlate(bad), bad).toBe(false);
    }
  });
});

describe('masking', () => {
  it('shows the first three and last four of an ID number', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110***********0021');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
  });
  it('masks the middle of a mobile number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});
