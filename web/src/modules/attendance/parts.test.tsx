import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatusTag } from './parts.tsx';

describe('StatusTag', () => {
  it('names the late minutes instead of a bare "183′" after the status', () => {
    const html = (status: Parameters<typeof StatusTag>[0]['status'], lateMin?: number) =>
      renderToStaticMarkup(<StatusTag status={status} lateMin={lateMin} />);
    expect(html('pending', 183)).toContain('进行中 · 迟到 183 分钟');
    expect(html('late', 12)).toContain('迟到 12 分钟');
    expect(html('late', 12)).not.toContain('′');
    expect(html('late_early', 5)).toContain('迟到 5 分钟');
    expect(html('normal', 0)).toContain('正常');
    expect(html('pending')).not.toContain('分钟');
  });
});
