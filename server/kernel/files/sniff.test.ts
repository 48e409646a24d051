import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, normalizeType, typeProblem } from './sniff.ts';

const allow = [
  'image/png',
  'image/jpeg',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-custom',
];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = Buffer.from('%PDF-1.7\n');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]);

describe('typeProblem', () => {
  it('accepts content that matches its declared type', () => {
    expect(typeProblem('image/png', 'a.png', PNG, allow)).toBeNull();
    expect(typeProblem('image/jpeg', '照片.jpg', JPEG, allow)).toBeNull();
    expect(typeProblem('application/pdf', 'x.pdf', PDF, allow)).toBeNull();
    expect(
      typeProblem(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        '名单.xlsx',
        ZIP,
        allow,
      ),
    ).toBeNull();
    expect(typeProblem('text/csv; charset=utf-8', '名单.csv', Buffer.from('姓名,单位\n'), allow)).toBeNull();
    expect(typeProblem('application/x-custom', 'x.bin', Buffer.from([1, 2, 3]), allow)).toBeNull();
  });

  it('refuses types that are not on the allow-list', () => {
    expect(typeProblem('application/x-msdownload', 'a.dat', EXE, allow)).toBe('declared');
    expect(typeProblem('image/svg+xml', 'a.svg', Buffer.from('<svg/>'), allow)).toBe('declared');
  });

  it('refuses executables whatever they declare', () => {
    expect(typeProblem('application/pdf', 'report.pdf', EXE, allow)).toBe('content');
    expect(typeProblem('image/png', 'photo.png', ELF, allow)).toBe('content');
    expect(typeProblem('application/x-custom', 'x.bin', EXE, allow)).toBe('content');
    expect(typeProblem('text/plain', 'run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), allow)).toBe('content');
  });

  it('refuses content that does not match the declared type', () => {
    expect(typeProblem('image/png', 'a.png', JPEG, allow)).toBe('content');
    expect(typeProblem('application/pdf', 'a.pdf', PNG, allow)).toBe('content');
    expect(
      typeProblem('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a.xlsx', PDF, allow),
    ).toBe('content');
    expect(typeProblem('text/plain', 'a.txt', Buffer.from([0x61, 0x00, 0x62]), allow)).toBe('content');
  });

  it('refuses names that would run or render as a page', () => {
    expect(typeProblem('image/png', 'setup.exe', PNG, allow)).toBe('extension');
    expect(typeProblem('text/plain', 'page.HTML', Buffer.from('hi'), allow)).toBe('extension');
  });
});

describe('file names', () => {
  it('normalizes declared types', () => {
    expect(normalizeType(' Image/PNG ; q=1')).toBe('image/png');
  });

  it('cleans names of paths and control characters and keeps the extension when shortening', () => {
    expect(cleanFileName('C:\\Users\\张三\\会议纪要.pdf')).toBe('会议纪要.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('  ')).toBe('file');
    const long = cleanFileName(`${'名'.repeat(300)}.xlsx`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('attachment', '会议纪要 (终稿).pdf')).toBe(
      `attachment; filename="____ (__).pdf"; ` +
        `filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    expect(contentDisposition('inline', 'a"b.png')).toBe(
      `inline; filename="a_b.png"; filename*=UTF-8''a%22b.png`,
    );
  });
});
