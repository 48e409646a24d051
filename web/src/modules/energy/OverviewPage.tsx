import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Link } from 'react-router';
import { getLocale, useLocale, useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { ScopeMonth } from './ScopeMonth.tsx';
import { echarts, QUOTA_COLOURS, registerCityMap, TYPE_COLOURS } from './charts.ts';
import {
  bulkKwh,
  insightApi,
  lastMonth,
  num,
  pct,
  trendSeries,
  type Overview,
  type RankingRow,
} from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { subItemOption } from './subitem-chart.ts';
import { m } from './messages.ts';

function Change({ v }: { v: number | null }) {
  if (v === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text type={v > 0 ? 'danger' : 'success'}>{pct(v, true)}</Typography.Text>;
}

function Kpis({ o }: { o: Overview }) {
  const t = useT(mi);
  const kwh = bulkKwh(useLocale());
  const cards: { key: string; title: string; value: string; suffix?: string; extra?: React.ReactNode }[] = [
    {
      key: 'kgce',
      title: t('kgce'),
      value: num(o.totals.kgce / 1000, 1),
      suffix: t('tce'),
      extra: (
        <Space size={12}>
          <span>
            {t('yoy')} <Change v={o.yoy} />
          </span>
          <span>
            {t('mom')} <Change v={o.mom} />
          </span>
        </Space>
      ),
    },
    {
      key: 'electricity',
      title: t('electricity'),
      value: num(o.totals.electricity / kwh.divisor, 1),
      suffix: kwh.unit,
    },
    { key: 'water', title: t('water'), value: num(o.totals.water), suffix: 'm³' },
    { key: 'gas', title: t('gas'), value: num(o.totals.gas), suffix: 'm³' },
    { key: 'perM2', title: t('perM2'), value: num(o.perM2, 3), suffix: 'kgce/m²' },
    { key: 'perPerson', title: t('perPerson'), value: num(o.perPerson, 1), suffix: t('unitKgcePerPerson') },
    { key: 'carbon', title: t('carbon'), value: num(o.totals.carbonKg / 1000, 1), suffix: t('tCo2') },
    {
      key: 'coverage',
      title: t('coverage'),
      value: pct(o.coverage),
      extra: (
        <Typography.Text type="secondary">
          {o.institutions} {t('institutions')} · {num(o.points)} {t('points')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {cards.map((c) => (
        <Col xs={12} md={6} key={c.key}>
          <Card size="small" data-testid={`kpi-${c.key}`}>
            <Statistic title={c.title} value={c.value} suffix={c.suffix} />
            {c.extra && <div style={{ marginTop: 4, fontSize: 12 }}>{c.extra}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function TrendChart({ o }: { o: Overview }) {
  const t = useT(mi);
  const kwh = bulkKwh(useLocale());
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('kgce'), t('electricity')] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: o.trend.map((x) => x.month) },
    yAxis: [
      { type: 'value', name: 'tce' },
      { type: 'value', name: kwh.unit, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('kgce'),
        type: 'bar',
        data: trendSeries(o.trend, 'kgce', (v) => +(v / 1000).toFixed(2)),
        itemStyle: { color: '#91caff' },
      },
      {
        name: t('electricity'),
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        data: trendSeries(o.trend, 'electricity', (v) => +(v / kwh.divisor).toFixed(2)),
        itemStyle: { color: TYPE_COLOURS.electricity },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />;
}

function SubItemChart({ o }: { o: Overview }) {
  const t = useT(m);
  const phone = useIsPhone();
  if (o.subItems.length === 0) return <Empty />;
  const { option, height } = subItemOption(
    o.subItems.map((s) => ({ name: t(`sub_${s.subItem}` as 'sub_hvac'), kwh: s.kwh })),
    phone,
  );
  return (
    <div data-testid="energy-subitem-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />
    </div>
  );
}

function CityMap({ o }: { o: Overview }) {
  const t = useT(mi);
  const english = getLocale() === 'en';
  const map = registerCityMap(english);
  const rows = o.ranking.filter((r) => r.lon !== null && r.lat !== null);
  const max = Math.max(1, ...rows.map((r) => r.kgce));
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: { name: string; row?: RankingRow } }) =>
        p.data?.row
          ? `${p.data.row.name}<br/>${t('kgce')}: ${num(p.data.row.kgce)} kgce<br/>${t('perM2')}: ${num(p.data.row.perM2, 3)}`
          : (p.data?.name ?? ''),
    },
    geo: {
      map,
      roam: true,
      label: { show: true, color: '#8c8c8c' },
      itemStyle: { areaColor: '#f0f5ff', borderColor: '#adc6ff' },
      emphasis: { itemStyle: { areaColor: '#d6e4ff' }, label: { color: '#1d39c4' } },
    },
    series: (['green', 'yellow', 'red'] as const).map((c) => ({
      name: t(`quota_${c}`),
      type: 'scatter',
      coordinateSystem: 'geo',
      itemStyle: { color: QUOTA_COLOURS[c], opacity: 0.75 },
      symbolSize: (v: number[]) => 4 + 14 * Math.sqrt((v[2] ?? 0) / max),
      data: rows
        .filter((r) => r.quotaColour === c)
        .map((r) => ({ name: r.name, value: [r.lon, r.lat, r.kgce], row: r })),
    })),
    legend: { bottom: 0 },
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 420 }} />;
}

function RankingTable({ o }: { o: Overview }) {
  const t = useT(mi);
  const isPhone = useIsPhone();
  return (
    <Table<RankingRow>
      rowKey="id"
      size="small"
      dataSource={o.ranking}
      pagination={{ pageSize: 10, showSizeChanger: false, simple: isPhone }}
      scroll={{ x: 640 }}
      data-testid="ranking-table"
      columns={[
        { title: t('rank'), dataIndex: 'rank', width: 60 },
        {
          title: t('name'),
          dataIndex: 'name',
          render: (v: string, r) => (
            <Link to={`/energy/institutions/${r.id}`} data-testid="ranking-open">
              {v}
            </Link>
          ),
        },
        { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 90 },
        {
          title: 'kgce/m²',
          dataIndex: 'perM2',
          align: 'right',
          width: 90,
          render: (v: number | null) => num(v, 3),
        },
        { title: t('kgce'), dataIndex: 'kgce', align: 'right', width: 100, render: (v: number) => num(v) },
        {
          title: t('yoy'),
          dataIndex: 'yoy',
          align: 'right',
          width: 80,
          render: (v: number | null) => <Change v={v} />,
        },
        {
          title: t('quota'),
          dataIndex: 'quotaColour',
          width: 90,
          render: (c: RankingRow['quotaColour']) => <Tag color={QUOTA_COLOURS[c]}>{t(`quota_${c}`)}</Tag>,
        },
      ]}
    />
  );
}

export function OverviewPage() {
  const t = useT(mi);
  const tm = useT(m);
  const showError = useApiError();
  const [month, setMonth] = useState(lastMonth());
  const [jurisdictionId, setJurisdictionId] = useState<string | undefined>();
  const [o, setO] = useState<Overview | null>(null);
  useEffect(() => {
    let live = true;
    insightApi.overview({ month, jurisdictionId }).then((x) => live && setO(x), showError);
    return () => {
      live = false;
    };
  }, [month, jurisdictionId, showError]);
  const colours = useMemo(() => o?.quotaColours, [o]);
  return (
    <>
      <PageHeader
        title={tm('overviewTitle')}
        extra={
          <Space wrap>
            <ScopeMonth
              month={month}
              onMonth={setMonth}
              onJurisdiction={setJurisdictionId}
              testId="overview"
            />
          </Space>
        }
      />
      {!o ? (
        <Card loading />
      ) : (
        <div data-testid="energy-overview">
          <Kpis o={o} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('trend')}>
                <TrendChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('subItems')}>
                <SubItemChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                size="small"
                title={t('map')}
                extra={
                  colours && (
                    <Space size={4}>
                      {(['red', 'yellow', 'green'] as const).map((c) => (
                        <Tag key={c} color={QUOTA_COLOURS[c]}>
                          {t(`quota_${c}`)} {colours[c]}
                        </Tag>
                      ))}
                    </Space>
                  )
                }
              >
                <CityMap o={o} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('mapHint')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('ranking')}>
                <RankingTable o={o} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('jurisdictionTable')}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={o.jurisdictions}
                  scroll={{ x: 560 }}
                  columns={[
                    { title: t('jurisdiction'), dataIndex: 'name' },
                    { title: t('institutions'), dataIndex: 'institutions', align: 'right' },
                    {
                      title: `${t('kgce')} (kgce)`,
                      dataIndex: 'kgce',
                      align: 'right',
                      render: (v: number) => num(v),
                    },
                    {
                      title: 'kgce/m²',
                      dataIndex: 'perM2',
                      align: 'right',
                      render: (v: number | null) => num(v, 3),
                    },
                    {
                      title: t('unitKgcePerPerson'),
                      dataIndex: 'perPerson',
                      align: 'right',
                      render: (v: number | null) => num(v, 1),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </>
  );
}
