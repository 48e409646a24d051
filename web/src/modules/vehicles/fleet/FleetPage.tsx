import { useCallback, useEffect, useState } from 'react';
import { Tabs } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { PageHeader } from '../../../shared/Page.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { m } from '../messages.ts';
import { fleetApi, type Reminder } from './api.ts';
import { DriversTab } from './DriversTab.tsx';
import { mf } from './messages.ts';
import { RemindersTab } from './RemindersTab.tsx';
import { VehiclesTab } from './VehiclesTab.tsx';

/** The fleet register (vehicles with their standard check and records), the drivers, what falls due. */
export default function FleetPage() {
  const t = useT(m);
  const tf = useT(mf);
  const onError = useApiError();
  const [drivers, setDrivers] = useState(0);
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const loadReminders = useCallback(() => {
    fleetApi.reminders().then(setReminders, onError);
  }, [onError]);
  useEffect(loadReminders, [loadReminders]);
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
            forceRender: true,
            label: t('counted', { label: t('drivers'), n: drivers }),
            children: <DriversTab onTotal={setDrivers} onChanged={loadReminders} />,
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
