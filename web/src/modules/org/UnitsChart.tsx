import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../app/i18n.ts';
import type { TreeUnit } from './api.ts';
import { m } from './messages.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const MAX_BARS = 12;

/** Establishment against headcount of the largest units (by establishment) of a jurisdiction or unit. */
export function UnitsChart({ units }: { units: readonly TreeUnit[] }) {
  const t = useT(m);
  const top = [...units]
    .sort((a, b) => b.establishment - a.establishment)
    .slice(0, MAX_BARS)
    .reverse();
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [t('chartEstablishment'), t('chartHeadcount')], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((u) => u.shortName ?? u.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: t('chartEstablishment'),
        type: 'bar',
        data: top.map((u) => u.establishment),
        itemStyle: { color: '#91caff' },
      },
      {
        name: t('chartHeadcount'),
        type: 'bar',
        data: top.map((u) => u.headcount),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: Math.max(200, 40 + top.length * 34), width: '100%' }}
    />
  );
}
