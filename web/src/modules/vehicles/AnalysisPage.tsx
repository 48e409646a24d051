import { useEffect, useState } from 'react';
import { Card, DatePicker, Space, Statistic, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan, nowInZone } from '../../shared/format.ts';
import { m } from './messages.ts';
import { vehiclesApi } from './api.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Summary = Awaited<ReturnType<typeof vehiclesApi.summary>>;

/** Analysis: trips and km per jurisdiction over a period, the totals (出车次数, 安全行驶公里). */
export default function AnalysisPage() {
  const t = useT(m);
  const onError = useApiError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [nowInZone().subtract(182, 'day'), nowInZone()]);
  const [data, setData] = useState<Summary | null>(null);
  useEffect(() => {
    vehiclesApi.summary(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')).then(setData, onError);
  }, [range, onError]);
  const rows = data?.rows ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('tripsTotal'), t('km')], top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: [{ type: 'value' }, { type: 'value' }],
    series: [
      { name: t('tripsTotal'), type: 'bar', data: rows.map((r) => r.trips) },
      { name: t('km'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.km) },
    ],
  };
  return (
    <>
      <PageHeader
        title={t('navAnalysis')}
        extra={
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        }
      />
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('tripsTotal')} value={data?.trips ?? 0} data-testid="veh-total-trips" />
        <Statistic title={t('kmTotal')} value={data?.km ?? 0} data-testid="veh-total-km" />
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
      </Card>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 800 }}
        columns={[
          { title: t('pool'), dataIndex: 'name' },
          { title: t('tripsTotal'), dataIndex: 'trips' },
          { title: t('km'), dataIndex: 'km' },
          { title: t('hours'), dataIndex: 'hours' },
          {
            title: t('emptyShare'),
            render: (_, r) => (r.km ? `${((r.emptyKm / r.km) * 100).toFixed(1)}%` : '—'),
          },
          {
            title: t('onTime'),
            render: (_, r) => (r.onTime === null ? '—' : `${(r.onTime * 100).toFixed(1)}%`),
          },
          { title: t('costPerKm'), render: (_, r) => (r.km ? fmtYuan(Math.round(r.costFen / r.km)) : '—') },
          { title: t('loansLent'), dataIndex: 'loansLent' },
          { title: t('loansBorrowed'), dataIndex: 'loansBorrowed' },
        ]}
      />
    </>
  );
}
