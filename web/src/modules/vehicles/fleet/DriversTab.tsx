import { useCallback, useEffect, useState } from 'react';
import { Button, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { SearchInput } from '../../../shared/SearchInput.tsx';
import { m } from '../messages.ts';
import { fleetApi, type DriverDetail } from './api.ts';
import { DriverDrawer } from './DriverDrawer.tsx';
import { mf } from './messages.ts';

/** The drivers (司勤人员) of the pools in scope, twenty a page; fleet writers register and edit them. */
export function DriversTab({ onTotal, onChanged }: { onTotal: (n: number) => void; onChanged: () => void }) {
  const t = useT(m);
  const tf = useT(mf);
  const onError = useApiError();
  const { can } = useSession();
  const writer = can('vehicles.fleet.write');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<{ items: DriverDetail[]; total: number }>({ items: [], total: 0 });
  /** the driver being edited; null = a new one; undefined = closed */
  const [editing, setEditing] = useState<DriverDetail | null | undefined>(undefined);
  const load = useCallback(() => {
    fleetApi.drivers({ page, pageSize: 20, ...(q ? { q } : {}) }).then((p) => {
      setRows(p);
      if (!q) onTotal(p.total);
    }, onError);
  }, [page, q, onError, onTotal]);
  useEffect(load, [load]);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput
          placeholder={tf('searchDriver')}
          onSearch={(v) => {
            setQ(v ?? '');
            setPage(1);
          }}
          style={{ width: 220 }}
          testId="veh-driver-search"
        />
        {writer && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="veh-driver-new"
          >
            {tf('newDriver')}
          </Button>
        )}
      </Space>
      <Table<DriverDetail>
        rowKey="id"
        size="small"
        dataSource={rows.items}
        scroll={{ x: 800 }}
        data-testid="veh-drivers"
        pagination={{
          current: page,
          total: rows.total,
          pageSize: 20,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('driver'), dataIndex: 'name', fixed: 'left', width: 90 },
          { title: t('contactPhone'), dataIndex: 'phone', width: 130 },
          { title: t('pool'), dataIndex: 'jurisdictionName', width: 100 },
          { title: t('licence'), dataIndex: 'licenceClass', width: 70 },
          { title: t('licenceExpires'), dataIndex: 'licenceExpiresOn', width: 120 },
          { title: t('contractEnds'), dataIndex: 'contractEndsOn', width: 120 },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={s === 'active' ? 'green' : 'default'}>{tf(`ds_${s}` as 'ds_active')}</Tag>
            ),
          },
          { title: t('ratingAvg'), dataIndex: 'rating', width: 70, render: (r: number | null) => r ?? '—' },
          ...(writer
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 70,
                  render: (_: unknown, d: DriverDetail) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing(d)}
                      data-testid="veh-driver-edit"
                    >
                      {tf('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== undefined && (
        <DriverDrawer
          key={editing?.id ?? 'new'}
          driver={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            load();
            onChanged();
          }}
        />
      )}
    </>
  );
}
