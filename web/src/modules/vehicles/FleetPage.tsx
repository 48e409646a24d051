import { useEffect, useState } from 'react';
import { Button, Table, Tabs, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { m } from './messages.ts';
import { vehiclesApi, type Driver, type Vehicle } from './api.ts';

/** The fleet register (vehicles with their standard check) and the drivers. */
export default function FleetPage() {
  const t = useT(m);
  const onError = useApiError();
  const [vehicles, setVehicles] = useState<{ items: Vehicle[]; total: number }>({ items: [], total: 0 });
  const [drivers, setDrivers] = useState<{ items: Driver[]; total: number }>({ items: [], total: 0 });
  const [vp, setVp] = useState(1);
  const [dp, setDp] = useState(1);
  useEffect(() => {
    vehiclesApi.vehicles({ page: vp, pageSize: 20 }).then(setVehicles, onError);
  }, [vp, onError]);
  useEffect(() => {
    vehiclesApi.drivers({ page: dp, pageSize: 20 }).then(setDrivers, onError);
  }, [dp, onError]);
  return (
    <>
      <PageHeader
        title={t('navFleet')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              api.download('/api/vehicles/vehicles/export.xlsx', undefined, 'vehicles.xlsx').catch(onError)
            }
          >
            {t('export')}
          </Button>
        }
      />
      <Tabs
        items={[
          {
            key: 'v',
            label: `${t('vehicles')}（${vehicles.total}）`,
            children: (
              <Table<Vehicle>
                rowKey="id"
                size="small"
                dataSource={vehicles.items}
                scroll={{ x: 900 }}
                data-testid="veh-vehicles"
                pagination={{
                  current: vp,
                  total: vehicles.total,
                  pageSize: 20,
                  onChange: setVp,
                  showSizeChanger: false,
                }}
                columns={[
                  { title: t('plate'), dataIndex: 'plate', width: 110 },
                  {
                    title: t('category'),
                    dataIndex: 'category',
                    render: (c: string) => t(`cat_${c}` as 'cat_general'),
                    width: 110,
                  },
                  { title: t('model'), render: (_, v) => `${v.brand} ${v.model}` },
                  { title: t('seats'), dataIndex: 'seats', width: 60 },
                  { title: t('odometerKm'), dataIndex: 'odometerKm', width: 100 },
                  { title: t('pool'), dataIndex: 'jurisdictionName', width: 90 },
                  {
                    title: t('status'),
                    dataIndex: 'status',
                    width: 80,
                    render: (s: string) => t(`vs_${s}` as 'vs_available'),
                  },
                  {
                    title: t('violations'),
                    render: (_, v) => (
                      <>
                        {v.violations.length === 0 ? (
                          <Tag color="green">{t('compliant')}</Tag>
                        ) : (
                          v.violations.map((x, i) => (
                            <Tooltip key={i} title={x.message}>
                              <Tag color="red">{x.message.slice(0, 18)}…</Tag>
                            </Tooltip>
                          ))
                        )}
                        {v.replacement.eligible && <Tag color="orange">{t('replaceable')}</Tag>}
                      </>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'd',
            label: `${t('drivers')}（${drivers.total}）`,
            children: (
              <Table<Driver>
                rowKey="id"
                size="small"
                dataSource={drivers.items}
                scroll={{ x: 700 }}
                pagination={{
                  current: dp,
                  total: drivers.total,
                  pageSize: 20,
                  onChange: setDp,
                  showSizeChanger: false,
                }}
                columns={[
                  { title: t('driver'), dataIndex: 'name' },
                  { title: t('contactPhone'), dataIndex: 'phone' },
                  { title: t('pool'), dataIndex: 'jurisdictionName' },
                  { title: t('licence'), dataIndex: 'licenceClass', width: 70 },
                  { title: t('licenceExpires'), dataIndex: 'licenceExpiresOn' },
                  { title: t('contractEnds'), dataIndex: 'contractEndsOn' },
                  { title: t('ratingAvg'), dataIndex: 'rating', render: (r: number | null) => r ?? '—' },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
