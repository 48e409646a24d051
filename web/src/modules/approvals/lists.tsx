import { useMemo, useState } from 'react';
import { Button, Select, Table, Tabs, Typography } from 'antd';
import type { PaginationProps, TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { approvalsApi, MATTER_STATUSES, type InboxRow, type MatterRow } from './api.ts';
import { m } from './messages.ts';
import { StatusTag } from './StatusTag.tsx';

type Translate = ReturnType<typeof useT<keyof (typeof m)['zh-CN']>>;

function titleLink(r: MatterRow, testId: string) {
  return (
    <Link to={`/approvals/matters/${r.id}`} data-testid={testId} data-title={r.title}>
      {r.title}
    </Link>
  );
}

/** Phone layout of a matter list: cards instead of a wide table. */
function MatterList<T extends MatterRow>({
  rows,
  loading,
  pagination,
  testId,
  extra,
}: {
  rows: T[];
  loading: boolean;
  pagination: PaginationProps;
  testId: string;
  extra: (r: T) => string;
}) {
  return (
    <ItemList<T>
      loading={loading}
      items={rows}
      rowKey="id"
      pagination={pagination}
      renderItem={(r) => (
        <ItemRow
          extra={<StatusTag status={r.status} label={r.statusLabel} />}
          title={titleLink(r, testId)}
          description={extra(r)}
        />
      )}
    />
  );
}

type InboxFilters = { state: string; q?: string };
const PENDING: InboxFilters = { state: 'pending' };

export function InboxPage() {
  const t = useT(m);
  const isPhone = useIsPhone();
  const table = usePagedTable<InboxRow, InboxFilters>(approvalsApi.inbox, PENDING);
  const columns = useMemo<TableColumnsType<InboxRow>>(
    () => [
      { title: t('title'), key: 'title', render: (_, r) => titleLink(r, 'inbox-open'), sorter: true },
      { title: t('type'), dataIndex: 'typeLabel', key: 'type' },
      { title: t('requester'), dataIndex: 'requesterName', key: 'requester' },
      { title: t('unit'), dataIndex: 'unitName', key: 'unit' },
      { title: t('currentStep'), dataIndex: 'stepLabel', key: 'step' },
      {
        title: t('status'),
        key: 'status',
        render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} />,
      },
      {
        title: table.filters.state === 'done' ? t('decided') : t('submittedAt'),
        key: table.filters.state === 'done' ? 'decidedAt' : 'assignedAt',
        sorter: true,
        render: (_, r) => fmtDateTime(table.filters.state === 'done' ? r.taskDecidedAt : r.assignedAt),
      },
    ],
    [t, table.filters.state],
  );
  return (
    <>
      <PageHeader title={t('inbox')} />
      <Tabs
        activeKey={table.filters.state}
        onChange={(state) => table.setFilters({ state })}
        items={[
          { key: 'pending', label: <span data-testid="inbox-tab-pending">{t('task_pending')}</span> },
          { key: 'done', label: <span data-testid="inbox-tab-done">{t('decided')}</span> },
        ]}
      />
      <div className="goa-filters">
        <SearchInput
          placeholder={t('searchPlaceholder')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 240 }}
        />
      </div>
      {isPhone ? (
        <MatterList
          rows={table.data?.items ?? []}
          loading={table.loading}
          pagination={table.listPagination}
          testId="inbox-open"
          extra={(r) => `${r.requesterName} · ${r.stepLabel} · ${fmtDateTime(r.assignedAt)}`}
        />
      ) : (
        <Table<InboxRow>
          rowKey="taskId"
          columns={columns}
          {...table.tableProps}
          locale={{ emptyText: t('emptyInbox') }}
        />
      )}
    </>
  );
}

type MineFilters = { status?: string; q?: string };
const NO_FILTERS: MineFilters = {};

function matterColumns(t: Translate, withRequester: boolean): TableColumnsType<MatterRow> {
  return [
    { title: t('title'), key: 'title', render: (_, r) => titleLink(r, 'matter-open'), sorter: true },
    { title: t('type'), dataIndex: 'typeLabel', key: 'type' },
    ...(withRequester
      ? [
          { title: t('requester'), dataIndex: 'requesterName', key: 'requester' },
          { title: t('unit'), dataIndex: 'unitName', key: 'unit' },
        ]
      : []),
    { title: t('summary'), dataIndex: 'summary', key: 'summary' },
    {
      title: t('status'),
      key: 'status',
      render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} />,
    },
    {
      title: t('currentStep'),
      dataIndex: 'currentStepLabel',
      key: 'step',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('submittedAt'),
      key: 'submittedAt',
      sorter: true,
      render: (_, r) => fmtDateTime(r.submittedAt) || '—',
    },
    { title: t('updatedAt'), key: 'updatedAt', sorter: true, render: (_, r) => fmtDateTime(r.updatedAt) },
  ];
}

function MatterTablePage({ all }: { all: boolean }) {
  const t = useT(m);
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const table = usePagedTable<MatterRow, MineFilters>(all ? approvalsApi.all : approvalsApi.mine, NO_FILTERS);
  const columns = useMemo(() => matterColumns(t, all), [t, all]);
  const [status, setStatus] = useState<string | undefined>();
  return (
    <>
      <PageHeader
        title={all ? t('allMatters') : t('mine')}
        extra={
          !all && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/approvals/new')}
              data-testid="mine-new"
            >
              {t('newRequest')}
            </Button>
          )
        }
      />
      <div className="goa-filters">
        <SearchInput
          placeholder={t('searchPlaceholder')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('status')}
          value={status}
          onChange={(v?: string) => {
            setStatus(v);
            table.setFilters({ status: v });
          }}
          options={MATTER_STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
          style={{ width: 160 }}
        />
      </div>
      {isPhone ? (
        <MatterList
          rows={table.data?.items ?? []}
          loading={table.loading}
          pagination={table.listPagination}
          testId="matter-open"
          extra={(r) => `${r.typeLabel} · ${fmtDateTime(r.updatedAt)}`}
        />
      ) : (
        <Table<MatterRow>
          rowKey="id"
          columns={columns}
          {...table.tableProps}
          locale={{ emptyText: <Typography.Text type="secondary">{t('emptyMine')}</Typography.Text> }}
        />
      )}
    </>
  );
}

export const MinePage = () => <MatterTablePage all={false} />;
export const AllMattersPage = () => <MatterTablePage all />;
