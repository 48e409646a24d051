import { useState } from 'react';
import { App, Button, Select, Space, Switch, Table, Tag, Tooltip, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { api } from '../../../shared/api.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { JurisdictionSelect } from '../../../shared/OrgSelects.tsx';
import { SearchInput } from '../../../shared/SearchInput.tsx';
import { usePagedTable } from '../../../shared/table.ts';
import { CATEGORIES } from '../api.ts';
import { m } from '../messages.ts';
import { fleetApi, type VehicleDetail } from './api.ts';
import { mf } from './messages.ts';
import { RecordsDrawer } from './RecordsDrawer.tsx';
import { VehicleDrawer } from './VehicleDrawer.tsx';

const STATUSES = ['available', 'in_use', 'maintenance', 'sealed', 'retired'] as const;
const NO_FILTERS = {};
type Filters = {
  q?: string;
  status?: string;
  category?: string;
  jurisdictionId?: string;
  violating?: 'true';
  replaceable?: 'true';
};

/** The vehicles of the register: filters, the standard check, registering, editing, records. */
export function VehiclesTab({ onChanged }: { onChanged: () => void }) {
  const t = useT(mf);
  const tv = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const table = usePagedTable<VehicleDetail, Filters>(fleetApi.vehicles, NO_FILTERS);
  const [importing, setImporting] = useState(false);
  const writer = can('vehicles.fleet.write');
  const [editing, setEditing] = useState<VehicleDetail | null | undefined>(undefined);
  const [records, setRecords] = useState<VehicleDetail | null>(null);
  const { filters, setFilters } = table;
  const saved = () => {
    table.reload();
    onChanged();
  };
  return (
    <>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          justifyContent: 'space-between',
          marginBottom: 12,
        }}
      >
        <Space wrap>
          <SearchInput
            placeholder={t('searchPlate')}
            onSearch={(q) => setFilters({ q })}
            style={{ width: 200 }}
            testId="veh-fleet-search"
          />
          <Select
            allowClear
            placeholder={t('allStatuses')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(status?: string) => setFilters({ status })}
            options={STATUSES.map((s) => ({ value: s, label: tv(`vs_${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('allCategories')}
            style={{ width: 140 }}
            value={filters.category}
            onChange={(category?: string) => setFilters({ category })}
            options={CATEGORIES.map((c) => ({ value: c, label: tv(`cat_${c}`) }))}
          />
          <JurisdictionSelect
            placeholder={t('allPools')}
            style={{ width: 140 }}
            value={filters.jurisdictionId}
            onChange={(jurisdictionId?: string) => setFilters({ jurisdictionId })}
          />
          <Space size={4}>
            <Switch
              size="small"
              checked={filters.violating === 'true'}
              onChange={(on) => setFilters({ violating: on ? 'true' : undefined })}
              data-testid="veh-fleet-violating"
            />
            {t('onlyViolating')}
          </Space>
          <Space size={4}>
            <Switch
              size="small"
              checked={filters.replaceable === 'true'}
              onChange={(on) => setFilters({ replaceable: on ? 'true' : undefined })}
            />
            {t('onlyReplaceable')}
          </Space>
        </Space>
        <Space wrap>
          {writer && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="veh-fleet-register"
            >
              {t('register')}
            </Button>
          )}
          {writer && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              customRequest={({ file }) => {
                setImporting(true);
                fleetApi
                  .import(file as File)
                  .then((r) => {
                    void message.success(t('imported', r));
                    saved();
                  }, onError)
                  .finally(() => setImporting(false));
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing} data-testid="veh-fleet-import">
                {t('import')}
              </Button>
            </Upload>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              api.download('/api/vehicles/vehicles/export.xlsx', filters, 'vehicles.xlsx').catch(onError)
            }
          >
            {tv('export')}
          </Button>
        </Space>
      </div>
      <Table<VehicleDetail>
        rowKey="id"
        {...table.tableProps}
        size="small"
        data-testid="veh-vehicles"
        columns={[
          { title: tv('plate'), dataIndex: 'plate', width: 110 },
          {
            title: tv('category'),
            dataIndex: 'category',
            render: (c: string) => tv(`cat_${c}` as 'cat_general'),
            width: 110,
          },
          { title: tv('model'), render: (_, v) => `${v.brand} ${v.model}` },
          { title: tv('seats'), dataIndex: 'seats', width: 60 },
          { title: tv('odometerKm'), dataIndex: 'odometerKm', width: 100 },
          { title: tv('pool'), dataIndex: 'jurisdictionName', width: 90 },
          { title: t('unit'), dataIndex: 'unitName', ellipsis: true },
          {
            title: tv('status'),
            dataIndex: 'status',
            width: 80,
            render: (s: string) => tv(`vs_${s}` as 'vs_available'),
          },
          {
            title: tv('violations'),
            render: (_, v) => (
              <>
                {v.violations.length === 0 ? (
                  <Tag color="green">{tv('compliant')}</Tag>
                ) : (
                  v.violations.map((x) => (
                    <Tooltip key={x.rule + x.kind} title={x.message}>
                      <Tag color="red" data-testid="veh-fleet-violation">
                        {x.message.slice(0, 18)}…
                      </Tag>
                    </Tooltip>
                  ))
                )}
                {v.replacement.eligible && <Tag color="orange">{tv('replaceable')}</Tag>}
              </>
            ),
          },
          {
            title: t('actions'),
            key: 'act',
            width: 110,
            fixed: 'right',
            render: (_, v) => (
              <Space size={8}>
                {writer && <a onClick={() => setEditing(v)}>{t('edit')}</a>}
                <a onClick={() => setRecords(v)} data-testid="veh-fleet-records">
                  {t('records')}
                </a>
              </Space>
            ),
          },
        ]}
      />
      {editing !== undefined && (
        <VehicleDrawer
          key={editing?.id ?? 'new'}
          vehicle={editing}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
        />
      )}
      {records && (
        <RecordsDrawer
          key={records.id}
          vehicle={records}
          onClose={() => setRecords(null)}
          onSaved={onChanged}
        />
      )}
    </>
  );
}
