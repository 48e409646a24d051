import type { ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { PaginationProps, TableColumnsType, TableProps } from 'antd';
import type { Page } from './api.ts';
import { useIsPhone } from './useIsPhone.ts';
import { ItemList, ItemRow } from './ItemList.tsx';

/** The levels of a three-colour alert (三色预警). */
export type AlertLevel = 'red' | 'yellow' | 'green';

const LEVEL_COLOURS: Record<AlertLevel, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** A three-colour alert's level as a tag: red, gold for yellow, green; `label` in the page's words. */
export function AlertLevelTag({
  level,
  label,
  testId,
}: {
  level: AlertLevel;
  label: string;
  testId?: string;
}) {
  return (
    <Tag color={LEVEL_COLOURS[level]} data-testid={testId}>
      {label}
    </Tag>
  );
}

/** What the list needs of `usePagedTable()`. */
interface PagedAlerts<T> {
  data: Page<T> | null;
  loading: boolean;
  listPagination: PaginationProps;
  tableProps: TableProps<T>;
}

/**
 * A paged list of alerts: on a phone, one line a alert (title, grey description, the level tag aside);
 * elsewhere a table that starts with the level and a link that opens the alert, then `columns`.
 * Opening (the link, or tapping a line) calls `onOpen`; both carry `openTestId`.
 */
export function AlertList<T extends { id: string }>({
  table,
  level,
  open,
  columns,
  phone,
  onOpen,
  tableTestId,
}: {
  table: PagedAlerts<T>;
  level: { title: string; width: number; tag: (a: T) => ReactNode };
  open: { title: string; width: number; label: (a: T) => ReactNode; testId: string };
  columns: TableColumnsType<T>;
  phone: { title: (a: T) => ReactNode; description: (a: T) => ReactNode };
  onOpen: (a: T) => void;
  tableTestId: string;
}) {
  const isPhone = useIsPhone();
  if (isPhone)
    return (
      <ItemList<T>
        loading={table.loading}
        items={table.data?.items ?? []}
        rowKey="id"
        pagination={table.listPagination}
        renderItem={(a) => (
          <ItemRow
            onClick={() => onOpen(a)}
            extra={level.tag(a)}
            title={<span data-testid={open.testId}>{phone.title(a)}</span>}
            description={<Typography.Text type="secondary">{phone.description(a)}</Typography.Text>}
          />
        )}
      />
    );
  const lead: TableColumnsType<T> = [
    { title: level.title, key: 'level', width: level.width, render: (_: unknown, a) => level.tag(a) },
    {
      title: open.title,
      key: 'open',
      width: open.width,
      render: (_: unknown, a) => (
        <a onClick={() => onOpen(a)} data-testid={open.testId}>
          {open.label(a)}
        </a>
      ),
    },
  ];
  return (
    <Table<T>
      rowKey="id"
      columns={[...lead, ...columns]}
      {...table.tableProps}
      scroll={{ x: 1000 }}
      data-testid={tableTestId}
    />
  );
}
