import { useEffect, useState } from 'react';
import { Button, Grid, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { ScopeMonth } from './ScopeMonth.tsx';
import { insightApi, lastMonth, num, pct, type Statistics, type StatisticsRow } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

/** 公共机构能源资源消费统计: year to date of a month, per institution with subtotals, and its Excel. */
export function StatisticsPage() {
  // on a phone the pinned name column leaves room for the figures scrolling beside it
  const wide = Grid.useBreakpoint().md ?? true;
  const t = useT(mi);
  const tm = useT(m);
  const showError = useApiError();
  const [to, setTo] = useState(lastMonth());
  const [jurisdictionId, setJurisdictionId] = useState<string | undefined>();
  const [data, setData] = useState<Statistics | null>(null);
  const from = `${to.slice(0, 4)}-01`;
  useEffect(() => {
    insightApi.statistics({ from, to, jurisdictionId }).then(setData, showError);
  }, [from, to, jurisdictionId, showError]);
  const exportXlsx = () =>
    api
      .download('/api/energy/statistics/export.xlsx', { from, to, jurisdictionId }, 'statistics.xlsx')
      .catch(showError);
  return (
    <>
      <PageHeader
        title={tm('statisticsTitle')}
        sub={t('statsSubtitle', { from, to })}
        extra={
          <Space wrap>
            <ScopeMonth month={to} onMonth={setTo} onJurisdiction={setJurisdictionId} testId="statistics" />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportXlsx()}
              data-testid="statistics-export"
            >
              {t('statsExport')}
            </Button>
          </Space>
        }
      />
      <Table<StatisticsRow>
        rowKey={(r) => `${r.kind}-${r.id}`}
        size="small"
        loading={!data}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 1400 }}
        data-testid="statistics-table"
        onRow={(r) => (r.kind === 'institution' ? {} : { style: { fontWeight: 600, background: '#fafafa' } })}
        columns={[
          { title: t('name'), dataIndex: 'name', fixed: 'left', width: wide ? 240 : 132, ellipsis: true },
          { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 110 },
          { title: t('occupants'), dataIndex: 'occupants', align: 'right', width: 110 },
          {
            title: t('floorArea'),
            dataIndex: 'floorArea',
            align: 'right',
            width: 110,
            render: (v: number) => num(v),
          },
          {
            title: `${t('electricity')} kWh`,
            dataIndex: 'electricity',
            align: 'right',
            width: 120,
            render: (v: number) => num(v),
          },
          {
            title: `${t('water')} m³`,
            dataIndex: 'water',
            align: 'right',
            width: 100,
            render: (v: number) => num(v),
          },
          {
            title: `${t('gas')} m³`,
            dataIndex: 'gas',
            align: 'right',
            width: 100,
            render: (v: number) => num(v),
          },
          {
            title: `${t('heat')} GJ`,
            dataIndex: 'heat',
            align: 'right',
            width: 90,
            render: (v: number) => num(v, 1),
          },
          {
            title: `${t('kgce')} kgce`,
            dataIndex: 'kgce',
            align: 'right',
            width: 120,
            render: (v: number) => num(v),
          },
          {
            title: `${t('perPerson')}`,
            dataIndex: 'perPerson',
            align: 'right',
            width: 110,
            render: (v: number | null) => num(v, 1),
          },
          {
            title: `${t('perM2')}`,
            dataIndex: 'perM2',
            align: 'right',
            width: 120,
            render: (v: number | null) => num(v, 3),
          },
          {
            title: `${t('waterPerPerson')}`,
            dataIndex: 'waterPerPerson',
            align: 'right',
            width: 110,
            render: (v: number | null) => num(v, 2),
          },
          {
            title: t('yoy'),
            dataIndex: 'yoy',
            align: 'right',
            width: 80,
            render: (v: number | null) => pct(v, true),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('conversionNote')}
      </Typography.Text>
    </>
  );
}
