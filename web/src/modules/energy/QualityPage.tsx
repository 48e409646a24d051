import { useEffect, useState } from 'react';
import { App, Button, Card, Table, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { insightApi, num, pct, type QualityReport } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';
import { QuarantineCard } from './QuarantineCard.tsx';

/** Daily data-quality reports and the quarantine of rejected readings (QuarantineCard). */
export function QualityPage() {
  const t = useT(mi);
  const tm = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [reports, setReports] = useState<QualityReport[] | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => insightApi.reports().then(setReports, showError);
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const run = async () => {
    setBusy(true);
    try {
      await insightApi.runChecks();
      message.success(t('checksDone'));
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title={tm('qualityTitle')}
        extra={
          can('energy.settings.write') && (
            <Button loading={busy} onClick={() => void run()} data-testid="quality-run">
              {t('runChecks')}
            </Button>
          )
        }
      />
      <Card size="small" title={t('reports')} style={{ marginBottom: 12 }}>
        <Table<QualityReport>
          rowKey={(r) => `${r.day}-${r.jurisdictionId}`}
          size="small"
          loading={!reports}
          dataSource={reports ?? []}
          pagination={{ pageSize: 12, showSizeChanger: false }}
          scroll={{ x: 900 }}
          data-testid="quality-reports"
          columns={[
            { title: t('day'), dataIndex: 'day', width: 110 },
            { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 90 },
            { title: t('points'), dataIndex: 'points', align: 'right' },
            { title: t('reporting'), dataIndex: 'reporting', align: 'right' },
            { title: t('offline'), dataIndex: 'offline', align: 'right' },
            {
              title: t('completeness'),
              dataIndex: 'completeness',
              align: 'right',
              render: (v: number | null) => pct(v),
            },
            {
              title: t('estimatedIntervals'),
              dataIndex: 'estimatedIntervals',
              align: 'right',
              render: (v: number) => num(v),
            },
            { title: t('quarantined'), dataIndex: 'quarantined', align: 'right' },
            {
              title: t('level'),
              dataIndex: 'alerts',
              render: (a: Record<string, number>) => {
                const red = Object.entries(a)
                  .filter(([k]) => k.endsWith(':red'))
                  .reduce((s, [, n]) => s + n, 0);
                const yellow = Object.entries(a)
                  .filter(([k]) => k.endsWith(':yellow'))
                  .reduce((s, [, n]) => s + n, 0);
                return (
                  <>
                    <Tag color="red">{t('redCount', { n: red })}</Tag>
                    <Tag color="gold">{t('yellowCount', { n: yellow })}</Tag>
                  </>
                );
              },
            },
          ]}
        />
      </Card>
      <QuarantineCard />
    </>
  );
}
