import { Empty, Listy, Pagination, Space, Spin, theme, Typography } from 'antd';
import type { PaginationProps } from 'antd';
import type { Key, ReactNode } from 'react';

/**
 * antd 6.6 deprecated List for Listy, which renders only the rows. These two pieces give back what the
 * self-service pages used of List: the small/default row padding, an empty text, a loading spinner and
 * pagination (ListyRows), and the title / description / extra / actions layout of List.Item.Meta (ListyRow).
 */
export function ListyRows<T>({
  items,
  rowKey,
  render,
  empty,
  loading,
  size,
  pagination,
}: {
  items: readonly T[];
  rowKey: keyof T | ((item: T) => Key);
  render: (item: T, index: number) => ReactNode;
  /** Shown when there are no rows; a plain text is shown the way List showed its emptyText. */
  empty?: ReactNode;
  loading?: boolean;
  size?: 'small';
  pagination?: PaginationProps;
}) {
  const padding = size === 'small' ? '8px 16px' : '12px 0';
  const body =
    items.length === 0 ? (
      typeof empty === 'string' || empty === undefined ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        empty
      )
    ) : (
      <Listy<T>
        items={[...items]}
        rowKey={rowKey}
        itemRender={render}
        styles={{ item: { padding }, root: { background: 'transparent' } }}
      />
    );
  return (
    <Spin spinning={!!loading}>
      {body}
      {pagination && items.length > 0 && (
        <Pagination size="small" align="end" style={{ marginTop: 12 }} {...pagination} />
      )}
    </Spin>
  );
}

/** One row: title and description on the left, then extra (an amount, a tag) and the action buttons. */
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
  const { token } = theme.useToken();
  const shown = (actions ?? []).filter(Boolean);
  return (
    <div data-testid={testId} style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        {title !== undefined && <div style={{ color: token.colorText }}>{title}</div>}
        {description !== undefined && (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {description}
          </Typography.Text>
        )}
        {children}
      </div>
      {extra !== undefined && <div style={{ flex: 'none' }}>{extra}</div>}
      {shown.length > 0 && <Space size={8}>{shown}</Space>}
    </div>
  );
}
