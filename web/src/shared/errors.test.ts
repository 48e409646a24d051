import { describe, expect, it } from 'vitest';
import { ApiError, filenameOf, withQuery } from './api.ts';
import { mapFieldErrors, toNamePath } from './errors.ts';

describe('field error mapping', () => {
  it('maps validation details to form fields with localized texts', () => {
    const err = new ApiError(400, 'invalid_input', '请求参数不合法', [
      { field: 'title', code: 'too_small', message: 'Too small: expected string to have >=1 characters' },
      { field: 'payload.body', code: 'too_big', message: 'Too big' },
      { field: 'querystring.page', code: 'too_small', message: 'x' },
    ]);
    const zh = mapFieldErrors(err, 'zh-CN', {
      fields: ['title', 'body'],
      rename: { 'payload.body': 'body' },
    });
    expect(zh.fields).toEqual([
      { name: ['title'], errors: ['内容过短或缺少必填项'] },
      { name: ['body'], errors: ['内容过长或数值过大'] },
    ]);
    expect(zh.rest.map((d) => d.field)).toEqual(['querystring.page']);
    const en = mapFieldErrors(err, 'en', { fields: ['title'] });
    expect(en.fields[0]?.errors).toEqual(['Too short, or a required value is missing']);
  });

  it('uses the error message (already localized) for a domain error naming one field', () => {
    const err = new ApiError(409, 'duplicate_username', '用户名已被使用', [
      { field: 'username', code: 'duplicate_username', message: 'The username is taken' },
    ]);
    expect(mapFieldErrors(err, 'zh-CN').fields).toEqual([{ name: ['username'], errors: ['用户名已被使用'] }]);
  });

  it('turns dotted paths with indexes into name paths and merges repeats', () => {
    expect(toNamePath('items.0.name')).toEqual(['items', 0, 'name']);
    const err = new ApiError(400, 'invalid_input', 'bad', [
      { field: 'items.0.name', code: 'too_small' },
      { field: 'items.0.name', code: 'too_small' },
      { row: 3, code: 'x' },
    ]);
    const mapped = mapFieldErrors(err, 'en');
    expect(mapped.fields).toEqual([
      { name: ['items', 0, 'name'], errors: ['Too short, or a required value is missing'] },
    ]);
    expect(mapped.rest).toEqual([{ row: 3, code: 'x' }]);
  });
});

describe('api helpers', () => {
  it('builds query strings without empty values', () => {
    expect(withQuery('/api/x', { page: 2, q: '', unitId: undefined, flag: false })).toBe(
      '/api/x?page=2&flag=false',
    );
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });

  it('reads file names from Content-Disposition, preferring the UTF-8 form', () => {
    expect(filenameOf(`attachment; filename="audit.xlsx"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.xlsx`)).toBe(
      '审计.xlsx',
    );
    expect(filenameOf('attachment; filename="people.xlsx"')).toBe('people.xlsx');
    expect(filenameOf(null)).toBeNull();
  });
});
