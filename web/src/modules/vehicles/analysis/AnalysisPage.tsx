import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n.ts';
import { PageHeader } from '../../../shared/Page.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtYuan, nowInZone } from '../../../shared/format.ts';
import { useIsPhone } from '../../../shared/useIsPhone.ts';
import { ms } from '../supervision/messages.ts';
import { analysisApi, DIMENSIONS, type Analysis, type AnalysisRow, type Dimension } from './api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const TOP = 15;

/**
 * 用车分析: the period's totals (出车次数, 安全行驶公里), a breakdown by jurisdiction, unit, vehicle or
 * category (trips, km, hours, utilisation, on-time rate, empty-km share, cost per km, loans), its chart,
 * trips per month, and the breakdown's Excel export.
 */
export default function AnalysisPage() {
  const t = useT(ms);
  const onError = useApiError();
  const isPhone = useIsPhone();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [nowInZone().subtract(182, 'day'), nowInZone()]);
  const [dimension, setDimension] = useState<Dimension>('jurisdiction');
  const [data, setData] = useState<Analysis | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  // loading until the answer to the current question arrived
  const key = `${from}|${to}|${dimension}`;
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const loading = doneKey !== key;
  useEffect(() => {
    let live = true;
    analysisApi
      .analyse(from, to, dimension)
      .then((d) => live && setData(d), onError)
      .finally(() => live && setDoneKey(`${from}|${to}|${dimension}`));
    return () => {
      live = false;
    };
  }, [from, to, dimension, onError]);

  // what the figures on screen are broken down by (the selection until its answer arrives)
  const shown: Dimension = data?.dimension ?? dimension;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const top = useMemo(
    () =>
      shown === 'jurisdiction' || shown === 'category'
        ? rows
        : [...rows].sort((a, b) => b.km - a.km).slice(0, TOP),
    [rows, shown],
  );
  const barOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('tripsTotal'), t('kmTotal')], top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: top.map((r) => r.name),
      axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 },
    },
    yAxis: [{ type: 'value' }, { type: 'value' }],
    series: [
      { name: t('tripsTotal'), type: 'bar', data: top.map((r) => r.trips) },
      { name: t('kmTotal'), type: 'bar', yAxisIndex: 1, data: top.map((r) => r.km) },
    ],
  };
  const lineOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: (data?.months ?? []).map((x) => x.month) },
    yAxis: { type: 'value' },
    series: [
      {
        name: t('tripsTotal'),
        type: 'line',
        smooth: true,
        areaStyle: {},
        data: (data?.months ?? []).map((x) => x.trips),
      },
    ],
  };
  const columns: TableColumnsType<AnalysisRow> = [
    { title: t(`dim_${shown}`), dataIndex: 'name', fixed: isPhone ? undefined : 'left', width: 200 },
    ...(shown === 'vehicle' || shown === 'unit'
      ? [{ title: t('group'), dataIndex: 'group', width: 90 } as const]
      : []),
    { title: t('tripsTotal'), dataIndex: 'trips', align: 'right', sorter: (a, b) => a.trips - b.trips },
    {
      title: t('kmTotal'),
      dataIndex: 'km',
      align: 'right',
      sorter: (a, b) => a.km - b.km,
      render: (v: number) => v.toLocaleString(),
    },
    { title: t('hours'), dataIndex: 'hours', align: 'right', sorter: (a, b) => a.hours - b.hours },
    {
      title: t('utilisation'),
      dataIndex: 'utilisation',
      align: 'right',
      render: pct,
      sorter: (a, b) => (a.utilisation ?? -1) - (b.utilisation ?? -1),
    },
    { title: t('onTime'), dataIndex: 'onTime', align: 'right', render: pct },
    { title: t('emptyShare'), dataIndex: 'emptyShare', align: 'right', render: pct },
    {
      title: t('costPerKm'),
      dataIndex: 'costPerKmFen',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : fmtYuan(v)),
    },
    { title: t('lent'), dataIndex: 'lent', align: 'right' },
    ...(shown === 'jurisdiction'
      ? [{ title: t('borrowed'), dataIndex: 'borrowed', align: 'right' } as const]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t('analysisTitle')}
        sub={data ? t('workingDays', { n: data.workingDays }) : undefined}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void analysisApi.exportExcel(from, to, dimension).catch(onError)}
              data-testid="veh-analysis-export"
            >
              {t('exportExcel')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          ['tripsTotal', data?.totals.trips ?? 0, 'veh-total-trips'],
          ['kmTotal', data?.totals.km ?? 0, 'veh-total-km'],
          ['utilisation', pct(data?.totals.utilisation ?? null), 'veh-total-utilisation'],
          ['onTime', pct(data?.totals.onTime ?? null), 'veh-total-ontime'],
          ['emptyShare', pct(data?.totals.emptyShare ?? null), 'veh-total-empty'],
          [
            'costPerKm',
            data?.totals.costPerKmFen == null ? '—' : fmtYuan(data.totals.costPerKmFen),
            'veh-total-costkm',
          ],
        ].map(([k, v, id]) => (
          <Col key={k} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={t(k as 'tripsTotal')} value={v} data-testid={id} />
            </Card>
          </Col>
        ))}
      </Row>
      <Segmented<Dimension>
        value={dimension}
        onChange={setDimension}
        options={DIMENSIONS.map((d) => ({
          value: d,
          label: <span data-testid={`veh-dim-${d}`}>{t(`dim_${d}`)}</span>,
        }))}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={
              shown === 'vehicle' || shown === 'unit'
                ? `${t(`dim_${shown}`)} · ${t('top', { n: TOP })}`
                : t(`dim_${shown}`)
            }
          >
            <ReactEChartsCore echarts={echarts} option={barOption} style={{ height: 300 }} notMerge />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('byMonth')}>
            <ReactEChartsCore echarts={echarts} option={lineOption} style={{ height: 300 }} notMerge />
          </Card>
        </Col>
      </Row>
      <Table<AnalysisRow>
        rowKey="key"
        size="small"
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1100 }}
        data-testid="veh-analysis-table"
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('totalRow')}</Typography.Text>
              </Table.Summary.Cell>
              {shown === 'vehicle' || shown === 'unit' ? <Table.Summary.Cell index={1} /> : null}
              <Table.Summary.Cell index={2} align="right">
                {data.totals.trips}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.totals.km.toLocaleString()}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.totals.hours}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {pct(data.totals.utilisation)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {pct(data.totals.onTime)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {pct(data.totals.emptyShare)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {data.totals.costPerKmFen === null ? '—' : fmtYuan(data.totals.costPerKmFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                {data.totals.lent}
              </Table.Summary.Cell>
              {shown === 'jurisdiction' ? (
                <Table.Summary.Cell index={10} align="right">
                  {data.totals.borrowed}
                </Table.Summary.Cell>
              ) : null}
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
