import type { Key, ReactNode } from 'react';
import { Empty, Listy, Pagination, Spin } from 'antd';
import type { PaginationProps } from 'antd';

/**
 * A list of rows on antd's `Listy` (antd 6.6 deprecated `List`), with what `List` gave around it:
 * a header, a loading spinner, an empty state and pagination. `size="small"` and `bordered` keep
 * the old compact and framed looks, `size="bare"` drops the padding and rules (rows that draw their
 * own cards); the root carries `testId`.
 */
export function ItemList<T>({
  items,
  rowKey,
  renderItem,
  loading = false,
  empty,
  header,
  pagination,
  size = 'default',
  bordered = false,
  className,
  testId,
}: {
  items: readonly T[] | null | undefined;
  rowKey: keyof T | ((item: T) => Key);
  renderItem: (item: T, index: number) => ReactNode;
  loading?: boolean;
  /** what an empty list says (a text under antd's simple empty picture, or a whole node); false: nothing */
  empty?: ReactNode | false;
  header?: ReactNode;
  pagination?: PaginationProps | false;
  size?: 'small' | 'default' | 'bare';
  bordered?: boolean;
  className?: string;
  testId?: string;
}) {
  const classes = ['goa-item-list', `goa-item-list-${size}`, bordered && 'goa-item-list-bordered', className]
    .filter(Boolean)
    .join(' ');
  const rows = items ?? [];
  const showPager = !!pagination && (pagination.total ?? rows.length) > 0 && rows.length > 0;
  return (
    <div className={classes} data-testid={testId}>
      {header && <div className="goa-item-list-header">{header}</div>}
      <Spin spinning={loading}>
        {rows.length > 0 ? (
          <Listy<T> items={[...rows]} rowKey={rowKey} itemRender={renderItem} />
        ) : empty === false && !loading ? null : (
          <div className="goa-item-list-empty">
            {!loading &&
              (typeof empty === 'string' || empty === undefined ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
              ) : (
                empty
              ))}
          </div>
        )}
      </Spin>
      {showPager && <Pagination size="small" align="end" className="goa-item-list-pager" {...pagination} />}
    </div>
  );
}

/**
 * One row of an `ItemList`, laid out as `List.Item` with `List.Item.Meta` was: an optional avatar,
 * a title over a grey description (or free `children`), and on the right `extra` then `actions`.
 */
export function ItemRow({
  avatar,
  title,
  description,
  children,
  extra,
  actions,
  onClick,
  testId,
}: {
  avatar?: ReactNode;
  title?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  extra?: ReactNode;
  actions?: ReactNode[];
  onClick?: () => void;
  testId?: string;
}) {
  const shown = (actions ?? []).filter((a) => a !== null && a !== undefined && a !== false);
  return (
    <div
      className={onClick ? 'goa-item-row goa-item-row-clickable' : 'goa-item-row'}
      onClick={onClick}
      data-testid={testId}
    >
      <div className="goa-item-row-main">
        {avatar && <div className="goa-item-row-avatar">{avatar}</div>}
        <div className="goa-item-row-content">
          {title !== undefined && <div className="goa-item-row-title">{title}</div>}
          {description !== undefined && <div className="goa-item-row-description">{description}</div>}
          {children}
        </div>
      </div>
      {extra !== undefined && <div className="goa-item-row-extra">{extra}</div>}
      {shown.length > 0 && (
        <ul className="goa-item-row-actions">
          {shown.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
