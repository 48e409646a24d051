import { useEffect, useState } from 'react';
import { Flex, Segmented, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { repairsApi, type Category, type RepairRequest } from './api.ts';
import { m } from './messages.ts';
import { place, RepairStatusTag } from './parts.tsx';

type Filters = { status?: string; categoryId?: string; overdue?: boolean; q?: string };

/** The facilities office's desk: requests in scope, filtered; each opens for triage and assignment. */
export function RequestsPage() {
  const t = useT(m);
  const isPhone = useIsPhone();
  const showError = useApiError();
  const table = usePagedTable<RepairRequest, Filters>(repairsApi.list, { status: 'open' });
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    repairsApi.categories().then(setCategories, showError);
  }, [showError]);
  const view = table.filters.overdue ? 'overdue' : (table.filters.status ?? 'all');

  const columns: TableColumnsType<RepairRequest> = [
    {
      title: t('no'),
      dataIndex: 'no',
      render: (no: string, r) => (
        <Link to={`/repairs/requests/${r.id}`} data-testid="request-open">
          {no}
        </Link>
      ),
    },
    { title: t('description'), dataIndex: 'description' },
    { title: t('category'), dataIndex: 'categoryName' },
    { title: t('room'), key: 'place', render: (_, r) => place(r) },
    { title: t('requester'), dataIndex: 'requesterName' },
    {
      title: t('assignee'),
      key: 'who',
      render: (_, r) => [r.contractorName, r.assigneeName].filter(Boolean).join(' · ') || '—',
    },
    { title: t('reportedAt'), dataIndex: 'reportedAt', render: fmtDateTime },
    { title: t('dueAt'), dataIndex: 'dueAt', render: fmtDateTime },
    { title: t('status'), key: 'status', render: (_, r) => <RepairStatusTag r={r} /> },
  ];
  return (
    <>
      <PageHeader title={t('requests')} />
      {/* on a phone the status filter scrolls sideways instead of widening the page */}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented
            value={view}
            onChange={(v) =>
              table.setFilters(
                v === 'overdue'
                  ? { overdue: true, status: undefined }
                  : { overdue: undefined, status: v === 'all' ? undefined : String(v) },
              )
            }
            options={[
              { value: 'open', label: t('st_open') },
              { value: 'reported', label: t('st_reported') },
              { value: 'overdue', label: t('overdue') },
              { value: 'done', label: t('st_done') },
              { value: 'confirmed', label: t('st_confirmed') },
              { value: 'all', label: t('all') },
            ]}
          />
        </div>
        <Select
          allowClear
          placeholder={t('category')}
          style={{ width: 160 }}
          options={categories.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v?: string) => table.setFilters({ categoryId: v })}
        />
        <SearchInput
          placeholder={t('no')}
          testId="request-search"
          onSearch={(q) => table.setFilters({ q })}
        />
      </Flex>
      {isPhone ? (
        <ItemList<RepairRequest>
          loading={table.loading}
          items={table.data?.items}
          rowKey="id"
          pagination={table.listPagination}
          renderItem={(r) => (
            <ItemRow
              testId="request-row"
              title={<Link to={`/repairs/requests/${r.id}`}>{r.description}</Link>}
              description={
                <>
                  <RepairStatusTag r={r} /> {place(r)} · {fmtDateTime(r.reportedAt)}
                </>
              }
            />
          )}
        />
      ) : (
        <Table<RepairRequest> rowKey="id" columns={columns} {...table.tableProps} />
      )}
    </>
  );
}
