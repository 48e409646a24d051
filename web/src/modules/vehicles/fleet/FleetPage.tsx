import { useCallback, useEffect, useState } from 'react';
import { Table, Tabs } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { PageHeader } from '../../../shared/Page.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { m } from '../messages.ts';
import { vehiclesApi, type Driver } from '../api.ts';
import { fleetApi, type Reminder } from './api.ts';
import { mf } from './messages.ts';
import { RemindersTab } from './RemindersTab.tsx';
import { VehiclesTab } from './VehiclesTab.tsx';

/** The fleet register (vehicles with their standard check and records), the drivers, what falls due. */
export default function FleetPage() {
  const t = useT(m);
  const tf = useT(mf);
  const onError = useApiError();
  const [drivers, setDrivers] = useState<{ items: Driver[]; total: number }>({ items: [], total: 0 });
  const [dp, setDp] = useState(1);
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const loadReminders = useCallback(() => {
    fleetApi.reminders().then(setReminders, onError);
  }, [onError]);
  useEffect(loadReminders, [loadReminders]);
  useEffect(() => {
    vehiclesApi.drivers({ page: dp, pageSize: 20 }).then(setDrivers, onError);
  }, [dp, onError]);
  return (
    <>
      <PageHeader title={t('navFleet')} />
      <Tabs
        items={[
          {
            key: 'v',
            label: t('vehicles'),
            children: <VehiclesTab onChanged={loadReminders} />,
          },
          {
            key: 'd',
            label: t('counted', { label: t('drivers'), n: drivers.total }),
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
          {
            key: 'r',
            label: tf('tabReminders', { n: reminders.length }),
            children: <RemindersTab rows={reminders} />,
          },
        ]}
      />
    </>
  );
}
