import { useEffect, useState } from 'react';
import { DatePicker, Empty, Segmented, Space } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { nowInZone } from '../../shared/format.ts';
import type { Point } from './api.ts';
import { echarts, TYPE_COLOURS } from './charts.ts';
import { insightApi, type Curve } from './insight-api.ts';
import { mi } from './insight-messages.ts';

type G = 'hour' | 'day' | 'month';
const FORMAT: Record<G, string> = { hour: 'YYYY-MM-DD', day: 'YYYY-MM', month: 'YYYY' };

/** A point's day, month and year curves from the rollups; estimated parts shown apart. */
export function PointCurves({ point }: { point: Point }) {
  const t = useT(mi);
  const showError = useApiError();
  const [g, setG] = useState<G>('day');
  const [at, setAt] = useState<Dayjs>(nowInZone().subtract(1, 'day'));
  const [curve, setCurve] = useState<Curve | null>(null);
  useEffect(() => {
    let live = true;
    insightApi.curve(point.id, g, at.format(FORMAT[g])).then((c) => live && setCurve(c), showError);
    return () => {
      live = false;
    };
  }, [point.id, g, at, showError]);
  const option = curve && {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: curve.points.map((p) => (g === 'hour' ? p.t.slice(11) : g === 'day' ? p.t.slice(8) : p.t)),
    },
    yAxis: { type: 'value', name: curve.unit },
    series: [
      {
        name: `${point.name} (${curve.unit})`,
        type: g === 'hour' ? 'line' : 'bar',
        smooth: true,
        stack: 'v',
        // a bucket without readings is a gap in the curve, not a zero
        data: curve.points.map((p) => (p.value === null ? null : +(p.value - (p.estimated ?? 0)).toFixed(3))),
        itemStyle: { color: TYPE_COLOURS[point.energyType] },
      },
      {
        name: t('estimated'),
        type: g === 'hour' ? 'line' : 'bar',
        stack: 'v',
        data: curve.points.map((p) => (p.estimated === null ? null : +p.estimated.toFixed(3))),
        itemStyle: { color: '#bfbfbf' },
      },
    ],
  };
  return (
    <div data-testid="point-curves">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<G>
          value={g}
          onChange={setG}
          options={[
            { value: 'hour', label: t('curveHour') },
            { value: 'day', label: t('curveDay') },
            { value: 'month', label: t('curveMonth') },
          ]}
        />
        <DatePicker
          picker={g === 'hour' ? 'date' : g === 'day' ? 'month' : 'year'}
          allowClear={false}
          value={at}
          onChange={(d) => d && setAt(d)}
        />
      </Space>
      {curve && curve.points.every((p) => p.value === null) ? (
        <Empty description={t('noCurve')} />
      ) : (
        option && <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300 }} />
      )}
    </div>
  );
}
