import { useEffect, useState } from 'react';
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { libraryApi, type Stats } from './api.ts';
import { m } from './messages.ts';
import { categoryName } from './parts.tsx';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Loans over a period: figures, per month, per category, the most borrowed titles and units. */
export default function StatsPage() {
  const t = useT(m);
  const showError = useApiError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    nowInZone().subtract(1, 'year').startOf('month'),
    nowInZone(),
  ]);
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    libraryApi
      .stats({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
      .then(setStats, showError);
  }, [range, showError]);

  const figures: [string, number | undefined][] = [
    [t('titles'), stats?.titles],
    [t('copies'), stats?.copies],
    [t('loans'), stats?.loansTotal],
    [t('readers'), stats?.readers],
    [t('openLoans'), stats?.open],
    [t('overdueLoans'), stats?.overdue],
  ];

  return (
    <>
      <PageHeader
        title={t('stats')}
        extra={
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        }
      />
      <Row gutter={[16, 16]}>
        {figures.map(([label, value]) => (
          <Col key={label} xs={12} md={8} xl={4}>
            <Card size="small" loading={!stats}>
              <Statistic title={label} value={value ?? 0} />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={14}>
          <Card size="small" title={t('byMonth')}>
            <ReactEChartsCore
              echarts={echarts}
              style={{ height: 300 }}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: stats?.byMonth.map((x) => x.month) ?? [] },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  {
                    name: t('times'),
                    type: 'bar',
                    data: stats?.byMonth.map((x) => x.loans) ?? [],
                    itemStyle: { color: '#4096ff' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('byCategory')}>
            <ReactEChartsCore
              echarts={echarts}
              style={{ height: 300 }}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '65%'],
                    data:
                      stats?.byCategory.map((c) => ({ name: categoryName(t, c.category), value: c.loans })) ??
                      [],
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('top')}>
            <Table
              size="small"
              rowKey="bookId"
              pagination={false}
              dataSource={stats?.top ?? []}
              columns={[
                { title: '#', key: 'rank', width: 40, render: (_v, _r, i) => i + 1 },
                { title: t('book'), key: 'title', render: (_v, r) => `《${r.title}》` },
                { title: t('author'), dataIndex: 'author', key: 'author' },
                { title: t('times'), dataIndex: 'loans', key: 'loans', width: 70 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('byUnit')}>
            <ReactEChartsCore
              echarts={echarts}
              style={{ height: 380 }}
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
                xAxis: { type: 'value', minInterval: 1, max: 'dataMax' },
                yAxis: {
                  type: 'category',
                  data: [...(stats?.byUnit ?? [])].reverse().map((u) => u.unitName),
                  axisLabel: { width: 140, overflow: 'truncate' },
                },
                series: [
                  {
                    name: t('times'),
                    type: 'bar',
                    data: [...(stats?.byUnit ?? [])].reverse().map((u) => u.loans),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
