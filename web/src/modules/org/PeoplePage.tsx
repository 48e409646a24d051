import { useEffect, useMemo, useState } from 'react';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { PERM } from '../../app/permissions.ts';
import { useSession } from '../../app/session.tsx';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { common } from '../../shared/messages.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { orgApi, PERSON_STATUSES, type Person, type Rank } from './api.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { m } from './messages.ts';
import { PersonDrawer } from './PersonDrawer.tsx';

type Filters = { q?: string; unitId?: string; rank?: string; status?: string };
const STATUS_COLORS = { active: 'green', transferred: 'blue', retired: 'default' } as const;

export function PeoplePage() {
  const t = useT(m);
  const c = useT(common);
  const isPhone = useIsPhone();
  const { can } = useSession();
  const writable = can(PERM.orgWrite);
  const { message } = App.useApp();
  const showError = useApiError();
  const [params] = useSearchParams();
  const initial = useMemo<Filters>(() => ({ unitId: params.get('unitId') ?? undefined }), [params]);
  const unitName = params.get('unitName');
  const table = usePagedTable<Person, Filters>(orgApi.people, initial);
  const [ranks, setRanks] = useState<Rank[]>([]);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    orgApi.ranks().then(setRanks, showError);
  }, [showError]);

  const columns = useMemo<TableColumnsType<Person>>(
    () => [
      { title: t('employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', sorter: true },
      {
        title: t('personName'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        render: (v: string, p) => (
          <a onClick={() => setEditing(p)} data-testid="person-open">
            {v}
          </a>
        ),
      },
      {
        title: t('gender'),
        dataIndex: 'gender',
        key: 'gender',
        render: (g: Person['gender']) => (g ? t(`gender_${g}`) : '—'),
      },
      { title: t('unit'), dataIndex: 'unitName', key: 'unit' },
      {
        title: t('department'),
        dataIndex: 'departmentName',
        key: 'department',
        render: (v: string | null) => v ?? '—',
      },
      { title: t('rank'), dataIndex: 'rankLabel', key: 'rank', sorter: true },
      {
        title: t('position'),
        dataIndex: 'position',
        key: 'position',
        render: (v: string | null) => v ?? '—',
      },
      { title: t('phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
      {
        title: t('status'),
        dataIndex: 'status',
        key: 'status',
        sorter: true,
        render: (s: Person['status']) => <Tag color={STATUS_COLORS[s]}>{t(`status_${s}`)}</Tag>,
      },
    ],
    [t],
  );

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = table.query;
      await api.download('/api/org/people/export.xlsx', filters, 'people.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const defaultUnit =
    table.filters.unitId && unitName ? { id: table.filters.unitId, name: unitName } : undefined;

  return (
    <>
      <PageHeader
        title={t('peopleTitle')}
        extra={
          <Space wrap>
            {writable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="people-new"
              >
                {t('newPerson')}
              </Button>
            )}
            {writable && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="people-import-button"
              >
                {t('importPeople')}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void exportXlsx()}
              data-testid="people-export"
            >
              {t('exportPeople')}
            </Button>
          </Space>
        }
      />
      <div className="goa-filters">
        <SearchInput
          placeholder={t('peopleSearch')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 260 }}
          testId="people-search"
        />
        <UnitSelect
          placeholder={t('unit')}
          defaultValue={initial.unitId}
          selectedLabel={unitName}
          onChange={(unitId?: string) => table.setFilters({ unitId })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('rank')}
          options={ranks.map((r) => ({ value: r.code, label: r.label }))}
          onChange={(rank?: string) => table.setFilters({ rank })}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('status')}
          options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
          onChange={(status?: string) => table.setFilters({ status })}
          style={{ width: 120 }}
        />
      </div>
      {isPhone ? (
        <ItemList<Person>
          loading={table.loading}
          items={table.data?.items ?? []}
          rowKey="id"
          pagination={table.listPagination}
          renderItem={(p) => (
            <ItemRow
              onClick={() => setEditing(p)}
              extra={<Tag color={STATUS_COLORS[p.status]}>{t(`status_${p.status}`)}</Tag>}
              title={
                <span data-testid="person-open">
                  {p.name} <Typography.Text type="secondary">{p.employeeNo}</Typography.Text>
                </span>
              }
              description={[p.unitName, p.departmentName, p.rankLabel, p.position]
                .filter(Boolean)
                .join(' · ')}
            />
          )}
        />
      ) : (
        <Table<Person> rowKey="id" columns={columns} {...table.tableProps} data-testid="people-table" />
      )}
      <PersonDrawer
        person={editing}
        ranks={ranks}
        defaultUnit={defaultUnit}
        writable={writable}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          table.reload();
        }}
      />
      <ImportDialog
        open={importing}
        what={t('people')}
        template={{ url: '/api/org/people/import-template.xlsx', name: 'people-template.xlsx' }}
        run={orgApi.importPeople}
        onClose={() => setImporting(false)}
        onImported={() => {
          void message.success(c('saved'));
          table.reload();
        }}
      />
    </>
  );
}
