import { describe, expect, it } from 'vitest';
import { subItemOption } from './subitem-chart.ts';

const slices = [
  { name: '照明插座', kwh: 5000 },
  { name: '空调', kwh: 3000 },
  { name: '动力', kwh: 1900 },
  { name: 'Not itemised', kwh: 100 },
];

describe('sub-item donut', () => {
  it('puts full names in the legend (with their share) and the tooltip, never beside the slices', () => {
    const { option } = subItemOption(slices, false);
    const series = option.series[0]!;
    expect(series.label.position).toBe('inside');
    expect(series.labelLine.show).toBe(false);
    expect(option.legend.formatter('动力')).toBe('动力 19%');
    expect(option.legend.formatter('Not itemised')).toBe('Not itemised 1%');
    expect(option.tooltip.formatter({ name: '动力', value: 1900, percent: 19 })).toBe(
      '动力: 1,900 kWh (19%)',
    );
  });

  it('labels a slice with its share only when it is wide enough to hold it', () => {
    const { label } = subItemOption(slices, false).option.series[0]!;
    expect(label.formatter({ value: 5000 })).toBe('50%');
    expect(label.formatter({ value: 100 })).toBe('');
  });

  it('grows the chart with the legend so that the rows never cover the ring', () => {
    const two = subItemOption(slices.slice(0, 2), true).height;
    const four = subItemOption(slices, true).height;
    expect(four).toBeGreaterThan(two);
  });
});
