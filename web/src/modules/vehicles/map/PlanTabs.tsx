import type { ReactNode } from 'react';
import { Tabs } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { cm } from '../command/messages.ts';
import { PlanMap, type PlanMapRoute } from './PlanMap.tsx';

/** The plan proposal's detail as tabs: the existing table of routes, and the routes on the map. */
export function PlanTabs({ table, routes }: { table: ReactNode; routes: PlanMapRoute[] }) {
  const t = useT(cm);
  return (
    <Tabs
      size="small"
      destroyOnHidden={false}
      items={[
        { key: 'table', label: t('planTable'), children: table },
        {
          key: 'map',
          label: <span data-testid="veh-plan-tab-map">{t('map')}</span>,
          children: <PlanMap routes={routes} />,
        },
      ]}
    />
  );
}
