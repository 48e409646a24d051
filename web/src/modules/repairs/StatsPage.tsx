import { useEffect, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type StatRow } from './api.ts';
import { m } from './messages.ts';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function Bars({ rows, t }: { rows: StatRow[]; t: (k: 'total' | 'open' | 'overdue') => string }) {
  const top = rows.slice(0, 12).reverse();
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [t('total'), t('open'), t('overdue')], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.name),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      { name: t('total'), type: 'bar', data: top.map((r) => r.total), itemStyle: { color: '#91caff' } },
      { name: t('open'), type: 'bar', data: top.map((r) => r.open), itemStyle: { color: '#1677ff' } },
      { name: t('overdue'), type: 'bar', data: top.map((r) => r.overdue), itemStyle: { color: '#ff4d4f' } },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(240, top.length * 36 + 60) }}
    />
  );
}

/** Statistics over the last 90 days per building, category and contractor. */
export function StatsPage() {
  const t = useT(m);
  const showError = useApiError();
  const [data, setData] = useState<{
    byBuilding: StatRow[];
    byCategory: StatRow[];
    byContractor: StatRow[];
  } | null>(null);
  // the last 90 days by default (the server's default too), whole days in the deployment's zone
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => {
    const today = nowInZone().startOf('day');
    return [today.subtract(89, 'day'), today];
  });
  useEffect(() => {
    repairsApi
      .stats({ from: period[0].startOf('day').format(), to: period[1].add(1, 'day').startOf('day').format() })
      .then(setData, showError);
  }, [period, showError]);
  const empty = data !== null && data.byCategory.every((c) => c.total === 0);
  const columns = (first: 'contractor' | 'category') => [
    { title: t(first), dataIndex: 'name' },
    { title: t('total'), dataIndex: 'total' },
    { title: t('open'), dataIndex: 'open' },
    { title: t('overdue'), dataIndex: 'overdue' },
    { title: t('avgRating'), dataIndex: 'avg_rating', render: (v: number | null) => v ?? '—' },
    { title: t('avgHours'), dataIndex: 'avg_hours', render: (v: number | null) => v ?? '—' },
  ];
  const pie = data && {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: data.byCategory.map((c) => ({ name: c.name, value: c.total })),
      },
    ],
  };
  return (
    <>
      <PageHeader title={t('stats')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('period')}</Typography.Text>
        <DatePicker.RangePicker
          value={period}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          data-testid="stats-period"
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('overdueHint')}
      </Typography.Paragraph>
      {empty && <Empty description={t('statsEmpty')} data-testid="stats-empty" />}
      {data && !empty && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('byBuilding')} data-testid="stats-building">
              <Bars rows={data.byBuilding} t={t} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('byCategory')}>
              <ReactEChartsCore echarts={echarts} option={pie ?? {}} notMerge style={{ height: 320 }} />
            </Card>
          </Col>
          {(
            [
              ['byContractor', 'contractor'],
              ['byCategory', 'category'],
            ] as const
          ).map(([key, first]) => (
            <Col xs={24} key={key}>
              <Card size="small" title={t(key)}>
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={data[key]}
                  columns={columns(first)}
                  scroll={{ x: 'max-content' }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
