import { useEffect, useState } from 'react';
import { App, Button, Card, Table, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { insightApi, num, pct, type QualityReport, type QuarantineItem } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

/** Daily data-quality reports and the quarantine of rejected readings. */
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
  const quarantine = usePagedTable<QuarantineItem, Record<string, string>>(insightApi.quarantine, {});
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
      <Card size="small" title={t('quarantine')}>
        <Table<QuarantineItem>
          rowKey="id"

          {...quarantine.tableProps}
          size="small"
          scroll={{ x: 900 }}
          data-testid="quarantine-table"
          columns={[
            {
              title: t('receivedAt'),
              dataIndex: 'receivedAt',
              width: 160,
              render: (v: string) => fmtDateTime(v),
            },
            { title: t('source'), dataIndex: 'source', width: 80 },
            { title: t('point'), dataIndex: 'pointCode', width: 140 },
            { title: t('ts'), dataIndex: 'ts', width: 200 },
            { title: t('reading'), dataIndex: 'value', width: 100 },
            {
              title: t('reason'),
              dataIndex: 'reason',
              width: 150,
              render: (r: string) => <Tag color="orange">{t(`reason_${r}` as 'reason_malformed')}</Tag>,
            },
            { title: t('detail'), dataIndex: 'detail' },
          ]}
        />
      </Card>
    </>
  );
}
