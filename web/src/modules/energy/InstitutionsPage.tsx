import { useMemo, useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { energyApi, INSTITUTION_KINDS, type Institution } from './api.ts';
import { m } from './messages.ts';
import { InstitutionDrawer } from './InstitutionDrawer.tsx';
import { RegistryExcel } from './RegistryExcel.tsx';
import { mr } from './registry-messages.ts';

type Filters = { q?: string; kind?: string; demonstration?: string };
const initial: Filters = {};

export function InstitutionsPage() {
  const t = useT(m);
  const r = useT(mr);
  const { can } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const table = usePagedTable<Institution, Filters>(energyApi.institutions, initial);
  const columns = useMemo<TableColumnsType<Institution>>(
    () => [
      { title: t('code'), dataIndex: 'code', key: 'code', sorter: true, width: 100 },
      {
        title: t('name'),
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        render: (v: string, i) => (
          <Link to={`/energy/institutions/${i.id}`} data-testid="institution-open">
            {v}
          </Link>
        ),
      },
      { title: t('jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 100 },
      {
        title: t('kind'),
        dataIndex: 'kind',
        key: 'kind',
        width: 110,
        render: (k: string) => t(`kind_${k}` as 'kind_organ'),
      },
      {
        title: t('occupants'),
        dataIndex: 'occupants',
        key: 'occupants',
        sorter: true,
        align: 'right',
        width: 100,
      },
      {
        title: t('floorArea'),
        dataIndex: 'floorArea',
        key: 'floorArea',
        align: 'right',
        width: 130,
        render: (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 0 }),
      },
      { title: t('points'), dataIndex: 'points', key: 'points', align: 'right', width: 80 },
      {
        title: t('demonstration'),
        dataIndex: 'demonstration',
        key: 'demonstration',
        width: 120,
        render: (d: Institution['demonstration']) =>
          d ? <Tag color={d === 'national' ? 'red' : 'gold'}>{t(`demo_${d}`)}</Tag> : null,
      },
    ],
    [t],
  );
  return (
    <>
      <PageHeader
        title={t('institutionsTitle')}
        extra={
          <Space wrap>
            {can('energy.registry.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="institution-new"
              >
                {r('newInstitution')}
              </Button>
            )}
            <RegistryExcel onImported={table.reload} />
          </Space>
        }
      />
      <InstitutionDrawer
        institution={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          void navigate(`/energy/institutions/${saved.id}`);
        }}
      />
      <div className="goa-filters">
        <SearchInput
          placeholder={t('searchInstitutions')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 240 }}
          testId="institutions-search"
        />
        <Select
          allowClear
          placeholder={t('kind')}
          options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
          onChange={(kind?: string) => table.setFilters({ kind })}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('demonstration')}
          options={(['any', 'national', 'provincial'] as const).map((d) => ({
            value: d,
            label: t(`demo_${d}`),
          }))}
          onChange={(demonstration?: string) => table.setFilters({ demonstration })}
          style={{ width: 160 }}
        />
      </div>
      <Table<Institution>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        scroll={{ x: 900 }}
        data-testid="institutions-table"
      />
    </>
  );
}
