import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { api, type Page, type Query } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { diffRows, showValue, type DiffRow } from './diff.ts';
import { m } from './messages.ts';

interface AuditRecord {
  id: number;
  at: string;
  actorAccountId: string | null;
  actorLabel: string;
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

type Filters = { entity?: string; action?: string; actor?: string; from?: string; to?: string; q?: string };
const NO_FILTERS: Filters = {};
const list = (q: Query) => api.get<Page<AuditRecord>>('/api/audit', q);

/** A text filter applied on Enter, on leaving the field, or when cleared. */
function FilterInput(props: {
  placeholder: string;
  width: number;
  testId: string;
  onApply: (v: string | undefined) => void;
}) {
  const apply = (v: string) => props.onApply(v.trim() || undefined);
  return (
    <Input
      allowClear
      placeholder={props.placeholder}
      style={{ width: props.width }}
      onPressEnter={(e) => apply(e.currentTarget.value)}
      onBlur={(e) => apply(e.currentTarget.value)}
      onChange={(e) => e.target.value === '' && apply('')}
      data-testid={props.testId}
    />
  );
}

function Diff({ record }: { record: AuditRecord }) {
  const t = useT(m);
  const rows = diffRows(record.before, record.after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  return (
    <Table<DiffRow>
      className="goa-diff"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.changed ? 'goa-diff-changed' : '')}
      columns={[
        {
          title: t('field'),
          dataIndex: 'field',
          key: 'field',
          render: (f: string) => <Typography.Text code>{f || '—'}</Typography.Text>,
        },
        {
          title: t('before'),
          key: 'before',
          render: (_, r) => <pre className={r.changed ? 'goa-diff-old' : ''}>{showValue(r.before)}</pre>,
        },
        {
          title: t('after'),
          key: 'after',
          render: (_, r) => <pre className={r.changed ? 'goa-diff-new' : ''}>{showValue(r.after)}</pre>,
        },
      ]}
      data-testid="audit-diff"
    />
  );
}

/** 审计日志: search and filter the audit trail, see each record's before/after, export to Excel. */
export default function AuditPage() {
  const t = useT(m);
  const c = useT(common);
  const { message } = App.useApp();
  const showError = useApiError();
  const table = usePagedTable<AuditRecord, Filters>(list, NO_FILTERS);
  const [exporting, setExporting] = useState(false);

  const columns = useMemo<TableColumnsType<AuditRecord>>(
    () => [
      { title: t('at'), dataIndex: 'at', key: 'at', render: (v: string) => fmtDateTime(v), width: 150 },
      { title: t('actor'), dataIndex: 'actorLabel', key: 'actor' },
      {
        title: t('action'),
        dataIndex: 'action',
        key: 'action',
        render: (v: string) => <Tag color="blue">{v}</Tag>,
      },
      {
        title: t('entity'),
        dataIndex: 'entity',
        key: 'entity',
        render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
      },
      {
        title: t('entityId'),
        dataIndex: 'entityId',
        key: 'entityId',
        render: (v: string | null) =>
          v ? <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text> : '—',
      },
      {
        title: t('changes'),
        key: 'changes',
        render: (_, r) => {
          const n = diffRows(r.before, r.after).filter((d) => d.changed).length;
          return n > 0 ? t('changedCount', { count: n }) : '—';
        },
      },
      { title: t('ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
    ],
    [t],
  );

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    table.setFilters({
      from: range?.[0]?.startOf('day').format() ?? undefined,
      to: range?.[1]?.endOf('day').format() ?? undefined,
    });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, sort: _o, ...filters } = table.query;
      await api.download('/api/audit/export.xlsx', filters, 'audit.xlsx');
      void message.success(t('exported'));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        sub={t('sub')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportXlsx()}
            data-testid="audit-export"
          >
            {c('export')}
          </Button>
        }
      />
      <div className="goa-filters">
        <SearchInput
          placeholder={t('searchPlaceholder')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 260 }}
          testId="audit-search"
        />
        <FilterInput
          placeholder={t('entity')}
          width={160}
          testId="audit-entity"
          onApply={(entity) => table.setFilters({ entity })}
        />
        <FilterInput
          placeholder={t('action')}
          width={140}
          testId="audit-action"
          onApply={(action) => table.setFilters({ action })}
        />
        <FilterInput
          placeholder={t('actor')}
          width={140}
          testId="audit-actor"
          onApply={(actor) => table.setFilters({ actor })}
        />
        <DatePicker.RangePicker
          onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)}
          style={{ width: 260 }}
        />
      </div>
      <Table<AuditRecord>
        rowKey="id"
        columns={columns}
        expandable={{ expandedRowRender: (r) => <Diff record={r} /> }}
        {...table.tableProps}
        data-testid="audit-table"
      />
    </>
  );
}
