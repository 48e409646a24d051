import { Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../../app/i18n.ts';
import { PageHeader } from '../../../shared/Page.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { InspectionsPanel } from './InspectionsPanel.tsx';
import { SealingPanel } from './SealingPanel.tsx';
import { ms } from './messages.ts';

const TABS = ['alerts', 'sealing', 'inspections'] as const;

/** 用车监管: three-colour alerts, holiday sealing and special inspections, one tab each (/vehicles/supervision/:tab). */
export default function SupervisionPage() {
  const t = useT(ms);
  const { tab } = useParams();
  const navigate = useNavigate();
  const active = TABS.includes(tab as (typeof TABS)[number]) ? (tab as string) : 'alerts';
  return (
    <>
      <PageHeader title={t('navSupervision')} />
      <Tabs
        activeKey={active}
        onChange={(k) => void navigate(`/vehicles/supervision/${k}`)}
        destroyOnHidden
        items={[
          {
            key: 'alerts',
            label: <span data-testid="veh-tab-alerts">{t('tabAlerts')}</span>,
            children: <AlertsPanel />,
          },
          {
            key: 'sealing',
            label: <span data-testid="veh-tab-sealing">{t('tabSealing')}</span>,
            children: <SealingPanel />,
          },
          {
            key: 'inspections',
            label: <span data-testid="veh-tab-inspections">{t('tabInspections')}</span>,
            children: <InspectionsPanel />,
          },
        ]}
      />
    </>
  );
}
