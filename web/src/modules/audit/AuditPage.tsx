import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Input, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useLocale, useT } from '../../app/i18n.ts';
import { api, type Page, type Query } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTimeSeconds, zoneDayRange, zoneOffsetLabel } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { Coded, Diff, EntityId, type AuditRecord } from './AuditParts.tsx';
import { diffRows } from './diff.ts';
import { CodeFilter } from './CodeFilter.tsx';
import { actionCodes, actionColor, actionLabel, entityCodes, entityLabel } from './codes.ts';
import { m } from './messages.ts';

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

/** 审计日志: search and filter the audit trail, see each record's before/after, export to Excel. */
export default function AuditPage() {
  const t = useT(m);
  const c = useT(common);
  const locale = useLocale();
  const { message } = App.useApp();
  const showError = useApiError();
  const table = usePagedTable<AuditRecord, Filters>(list, NO_FILTERS);
  const [exporting, setExporting] = useState(false);

  const isPhone = useIsPhone();

  const columns = useMemo<TableColumnsType<AuditRecord>>(() => {
    const changes = (r: AuditRecord) => {
      const n = diffRows(r.before, r.after).filter((d) => d.changed).length;
      return n > 0 ? t('changedCount', { count: n }) : null;
    };
    if (isPhone) {
      // one column on a phone: what happened to what, then when and by whom
      return [
        {
          title: t('record'),
          key: 'record',
          render: (_, r) => (
            <div className="goa-audit-card">
              <div>
                <Coded label={actionLabel(r.action, locale)} code={r.action} tag={actionColor(r.action)} />{' '}
                <Coded label={entityLabel(r.entity, locale)} code={r.entity} />
              </div>
              <Typography.Text type="secondary">
                {fmtDateTimeSeconds(r.at)} · {r.actorLabel}
                {changes(r) ? ` · ${changes(r)}` : ''}
              </Typography.Text>
            </div>
          ),
        },
      ];
    }
    return [
      {
        title: t('atZone', { zone: zoneOffsetLabel() }),
        dataIndex: 'at',
        key: 'at',
        render: (v: string) => <span title={v}>{fmtDateTimeSeconds(v)}</span>,
        width: 170,
      },
      { title: t('actor'), dataIndex: 'actorLabel', key: 'actor' },
      {
        title: t('action'),
        dataIndex: 'action',
        key: 'action',
        render: (v: string) => <Coded label={actionLabel(v, locale)} code={v} tag={actionColor(v)} />,
      },
      {
        title: t('entity'),
        dataIndex: 'entity',
        key: 'entity',
        render: (v: string) => <Coded label={entityLabel(v, locale)} code={v} />,
      },
      {
        title: t('entityId'),
        dataIndex: 'entityId',
        key: 'entityId',
        render: (v: string | null, r) => <EntityId entity={r.entity} id={v} />,
      },
      { title: t('changes'), key: 'changes', render: (_, r) => changes(r) ?? '—' },
      { title: t('ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
    ];
  }, [t, locale, isPhone]);

  // the picked days are days in the deployment's zone, wherever the browser is
  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const { from, to } = zoneDayRange(range?.[0]?.format('YYYY-MM-DD'), range?.[1]?.format('YYYY-MM-DD'));
    table.setFilters({ from, to });
  };

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
        <CodeFilter
          names={entityCodes}
          placeholder={t('entity')}
          width={170}
          testId="audit-entity"
          onApply={(entity) => table.setFilters({ entity })}
        />
        <CodeFilter
          names={actionCodes}
          placeholder={t('action')}
          width={150}
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
        scroll={isPhone ? undefined : table.tableProps.scroll}
        data-testid="audit-table"
      />
    </>
  );
}
