/**
 * The sub-item (分项) donut of the overview. Names never sit beside the slices — a narrow card (a phone,
 * or a third of a desktop row) cut them to "动…" — but in the legend below, one full name per entry
 * with its share, and in the tooltip. The slices carry only their share, inside the ring.
 */

export interface SubItemSlice {
  name: string;
  kwh: number;
}

/** Slices smaller than this share carry no label of their own (their legend entry still does). */
const MIN_LABELLED_SHARE = 0.06;

export function subItemOption(slices: readonly SubItemSlice[], phone: boolean) {
  const total = slices.reduce((s, x) => s + x.kwh, 0);
  const share = (kwh: number) => (total > 0 ? kwh / total : 0);
  const byName = new Map(slices.map((s) => [s.name, s]));
  const percent = (kwh: number) => `${Math.round(share(kwh) * 100)}%`;
  // one legend row per two entries on a phone, every entry on one or two rows on a desktop card
  const rows = Math.ceil(slices.length / 2);
  const legendHeight = rows * 22;
  return {
    height: Math.max(240, (phone ? 200 : 190) + legendHeight),
    option: {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number; percent: number }) =>
          `${p.name}: ${p.value.toLocaleString()} kWh (${p.percent}%)`,
      },
      legend: {
        bottom: 0,
        left: 'center',
        width: '96%',
        itemWidth: 12,
        itemHeight: 12,
        itemGap: 12,
        formatter: (name: string) => {
          const s = byName.get(name);
          return s ? `${name} ${percent(s.kwh)}` : name;
        },
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '72%'],
          center: ['50%', 95],
          avoidLabelOverlap: true,
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            fontSize: 11,
            formatter: (p: { value: number }) =>
              share(p.value) >= MIN_LABELLED_SHARE ? percent(p.value) : '',
          },
          labelLine: { show: false },
          data: slices.map((s) => ({ name: s.name, value: Math.round(s.kwh) })),
        },
      ],
    },
  };
}
