import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/**
 * Approximate outlines of 常州市's five districts (WGS-84), drawn by hand for the overview map: good
 * enough to place institutions, not a survey. No map tiles or downloads are needed.
 */
const DISTRICTS: { name: string; en: string; ring: [number, number][] }[] = [
  {
    name: '新北区',
    en: 'Xinbei',
    ring: [
      [119.8, 31.83],
      [119.84, 31.95],
      [119.95, 32.0],
      [120.06, 31.98],
      [120.08, 31.88],
      [120.02, 31.83],
      [119.96, 31.83],
      [119.8, 31.83],
    ],
  },
  {
    name: '钟楼区',
    en: 'Zhonglou',
    ring: [
      [119.8, 31.83],
      [119.96, 31.83],
      [119.96, 31.74],
      [119.86, 31.73],
      [119.79, 31.77],
      [119.8, 31.83],
    ],
  },
  {
    name: '天宁区',
    en: 'Tianning',
    ring: [
      [119.96, 31.83],
      [120.02, 31.83],
      [120.08, 31.84],
      [120.07, 31.76],
      [119.96, 31.74],
      [119.96, 31.83],
    ],
  },
  {
    name: '经开区',
    en: 'Econ. Dev. Zone',
    ring: [
      [120.07, 31.76],
      [120.08, 31.84],
      [120.15, 31.82],
      [120.21, 31.76],
      [120.17, 31.69],
      [120.07, 31.7],
      [120.07, 31.76],
    ],
  },
  {
    name: '武进区',
    en: 'Wujin',
    ring: [
      [119.79, 31.77],
      [119.86, 31.73],
      [119.96, 31.74],
      [120.07, 31.76],
      [120.07, 31.7],
      [120.17, 31.69],
      [120.1, 31.56],
      [119.95, 31.5],
      [119.8, 31.55],
      [119.72, 31.65],
      [119.79, 31.77],
    ],
  },
];

export const CITY_MAP = 'goa-changzhou';

let registered = false;
/** Registers the hand-drawn district map once (names in the given language). */
export function registerCityMap(english: boolean): string {
  const name = `${CITY_MAP}-${english ? 'en' : 'zh'}`;
  if (registered && echarts.getMap(name)) return name;
  for (const lang of [false, true]) {
    echarts.registerMap(`${CITY_MAP}-${lang ? 'en' : 'zh'}`, {
      type: 'FeatureCollection',
      features: DISTRICTS.map((d) => ({
        type: 'Feature',
        properties: { name: lang ? d.en : d.name },
        geometry: { type: 'Polygon', coordinates: [d.ring] },
      })),
    } as never);
  }
  registered = true;
  return name;
}

export { echarts };

export const QUOTA_COLOURS = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
export const TYPE_COLOURS = {
  electricity: '#1677ff',
  water: '#13c2c2',
  gas: '#fa8c16',
  heat: '#eb2f96',
} as const;
