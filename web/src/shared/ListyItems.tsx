import type { CSSProperties, Key, ReactNode } from 'react';
import { Empty, Listy, Pagination, Spin, Typography, type PaginationProps } from 'antd';

const BARE: CSSProperties = { padding: 0, borderBottom: 'none', background: 'none' };

/**
 * antd's Listy (which replaced the deprecated List in 6.6) with what List gave for free: a loading
 * spinner, an empty state, a pager below and the small size. Rows are drawn by `renderItem`, usually
 * as a `ListyRow`.
 */
export function ListyItems<T>({
  items,
  rowKey,
  renderItem,
  loading,
  empty,
  pagination,
  size,
  testId,
}: {
  items: readonly T[] | null | undefined;
  rowKey: keyof T | ((item: T) => Key);
  renderItem: (item: T, index: number) => ReactNode;
  loading?: boolean;
  /** the empty state's text when there are no items (antd's 暂无数据 by default); false for none */
  empty?: ReactNode | false;
  pagination?: PaginationProps | false;
  /** small: tighter rows; bare: no padding, rule or hover (the rows draw their own cards) */
  size?: 'small' | 'default' | 'bare';
  testId?: string;
}) {
  const rows = items ?? [];
  const item: CSSProperties | undefined =
    size === 'small' ? { padding: '8px 16px' } : size === 'bare' ? BARE : undefined;
  const none = !loading && rows.length === 0;
  return (
    <Spin spinning={!!loading}>
      <div data-testid={testId} style={loading && rows.length === 0 ? { minHeight: 64 } : undefined}>
        {none && empty !== false ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
        ) : (
          <Listy<T> items={[...rows]} rowKey={rowKey} styles={{ item }} itemRender={renderItem} />
        )}
        {pagination && rows.length > 0 && (
          <Pagination align="end" style={{ marginTop: 16 }} {...pagination} />
        )}
      </div>
    </Spin>
  );
}

/**
 * One row the way List.Item + List.Item.Meta drew it: a title and a description on the left (or any
 * `children`), `extra` and `actions` on the right, wrapping below on a narrow screen.
 */
export function ListyRow({
  title,
  description,
  extra,
  actions,
  children,
  testId,
}: {
  title?: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  actions?: ReactNode[];
  children?: ReactNode;
  testId?: string;
}) {
  const acts = (actions ?? []).filter((a) => a !== null && a !== undefined && a !== false);
  return (
    <div
      data-testid={testId}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 16px' }}
    >
      <div style={{ flex: '1 1 200px', minWidth: 0 }}>
        {title !== undefined && <div style={{ marginBottom: description ? 4 : 0 }}>{title}</div>}
        {description !== undefined && <Typography.Text type="secondary">{description}</Typography.Text>}
        {children}
      </div>
      {(extra !== undefined || acts.length > 0) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          {extra}
          {acts}
        </div>
      )}
    </div>
  );
}
